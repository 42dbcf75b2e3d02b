// Type-checked by tests/package.spec.mjs with `tsc --noEmit` (both JSX transforms,
// "react-jsx" and the classic "react") against the package as installed: what a
// React 19 + TypeScript app writes, and mistakes the types must catch (every
// expect-error directive below must meet an error).
import * as React from "react";
import type {} from "momentum-progress/react";
import type { MomentumProgressElement, MomentumState } from "momentum-progress";

const journey: MomentumState = {
  title: "Set up your workspace",
  steps: [
    { id: "goals", label: "Tell us your goals", status: "complete" },
    { id: "connect", label: "Connect your data", status: "active", estimate: "5m" },
  ],
};

export function Onboarding({ onDone }: { onDone: (stepId: string) => void }) {
  const ref = React.useRef<MomentumProgressElement>(null);
  return (
    <>
      {/* Attributes as in HTML, properties (state, strings), on<event-name> listeners. */}
      <momentum-progress
        ref={ref}
        id="setup"
        className="card"
        variant="checklist"
        live="poll"
        poll={15}
        stall-after="2d"
        done-message="Your workspace is ready"
        storage-key="onboarding-v2"
        milestones="0.25 0.5"
        interactive
        locale="de-DE"
        state={journey}
        strings={{ doneMessage: "All set", pending: "Up next" }}
        onmomentum-ready={(e) => e.detail.total.toFixed(0)}
        onmomentum-change={(e) => {
          const active: string | null = e.detail.activeStep;
          const changed: string[] = e.detail.changed;
          return [active, changed];
        }}
        onmomentum-step-complete={(e) => onDone(e.detail.stepId)}
        onmomentum-celebrate={(e) => {
          if (e.detail.reason === "complete") e.preventDefault();
        }}
        onmomentum-error={(e) => {
          const retry: number | null = e.detail.retryInMs;
          return retry;
        }}
        onmomentum-step-select={(e) => e.detail.index}
        onmomentum-stalled={(e) => e.detail.lastUpdate}
      >
        <ol>
          <li data-step="goals">Tell us your goals</li>
        </ol>
      </momentum-progress>
      <momentum-progress variant="tiers" value={640} unit="points" />
      {/* The ol form needs no declaration: data- attributes are always allowed. */}
      <ol data-momentum data-variant="timeline" data-src="/api/orders/123/progress">
        <li data-step="placed">Order placed</li>
      </ol>
      <button type="button" onClick={() => ref.current?.update([{ id: "connect", status: "complete" }])}>Done</button>
    </>
  );
}

// Mistakes the types catch.
export const mistakes = (
  <>
    {/* @ts-expect-error not a variant */}
    <momentum-progress variant="carousel" />
    {/* @ts-expect-error a duration, not a boolean */}
    <momentum-progress poll={true} />
    {/* @ts-expect-error camelCase is not an attribute of the element (React would set "stallafter") */}
    <momentum-progress stallAfter="2d" />
    {/* @ts-expect-error a state document needs steps */}
    <momentum-progress state={{ title: "No steps" }} />
    {/* @ts-expect-error not a phrase key */}
    <momentum-progress strings={{ pendingg: "Up next" }} />
    {/* @ts-expect-error stall-after is text or seconds */}
    <momentum-progress stall-after={{ days: 2 }} />
    <momentum-progress
      // @ts-expect-error momentum-change has no stepId
      onmomentum-change={(e) => e.detail.stepId}
    />
    {/* @ts-expect-error a listener gets the event, not its detail */}
    <momentum-progress onmomentum-ready={(detail: { total: string }) => detail} />
  </>
);
