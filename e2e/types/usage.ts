// Type-checked by tests/package.spec.mjs with `tsc --noEmit` against the package
// as installed (node_modules/momentum-progress -> pkg/): what a TypeScript user
// writes, and mistakes the types must catch (each @ts-expect-error must error).
import {
  ATTRIBUTES,
  mount,
  type MomentumAttribute,
  type MomentumEventMap,
  type MomentumProgressElement,
  type MomentumState,
} from "momentum-progress";

const journey: MomentumState = {
  version: 1,
  title: "Set up your workspace",
  updatedAt: "2026-11-23T10:00:00Z",
  sequence: 42,
  steps: [
    { id: "goals", label: "Tell us your goals", status: "complete", estimate: "2m" },
    { id: "connect", label: "Connect your data", status: "active", estimate: 300 },
    { id: "invite", label: "Invite your team", optional: true, requires: ["connect"] },
  ],
};

const el: MomentumProgressElement = mount(document.body, {
  variant: "checklist",
  live: "off",
  poll: 15,
  stallAfter: "2d",
  milestones: "0.25 0.5",
  interactive: true,
  strings: JSON.stringify({ doneMessage: "Your workspace is ready" }),
  state: journey,
});

// The tag name maps to the element type.
const found: MomentumProgressElement | null = document.querySelector("momentum-progress");
const created: MomentumProgressElement = document.createElement("momentum-progress");
created.state = journey;
const fraction: number = el.progress;
el.update([{ id: "connect", status: "complete" }]);
el.update({ message: "Almost there" });
const refreshed: Promise<MomentumState> = el.refresh();
const names: readonly MomentumAttribute[] = ATTRIBUTES;
el.strings = { pending: "Up next", summary: "{completed}/{total}" };
const phrase: string | undefined = el.strings.doneMessage;
// The list form: from the list to its widget and back.
const list = document.querySelector("ol")!;
const inserted: MomentumProgressElement | undefined = list.momentumWidget;
const source: HTMLElement | null | undefined = inserted?.momentumList;

// Every event of docs/reference.md#events, typed on the element, the document and the window.
el.addEventListener("momentum-ready", (e) => {
  const total: number = e.detail.total;
});
el.addEventListener("momentum-change", (e) => {
  const active: string | null = e.detail.activeStep;
  const changed: string[] = e.detail.changed;
});
el.addEventListener("momentum-step-complete", (e) => {
  const id: string = e.detail.stepId;
  const index: number = e.detail.index;
  const ms: number | undefined = e.detail.durationMs;
});
el.addEventListener("momentum-celebrate", (e) => {
  if (e.detail.reason === "milestone") {
    const milestone: number | undefined = e.detail.milestone;
  }
  const step: string | undefined = e.detail.stepId;
  e.preventDefault();
});
el.addEventListener("momentum-stalled", (e) => {
  const last: string | null = e.detail.lastUpdate;
  const next: string | null = e.detail.nextUpdateBy;
});
el.addEventListener("momentum-error", (e) => {
  const retry: number | null = e.detail.retryInMs;
  const status: number | undefined = e.detail.status;
});
el.addEventListener("momentum-step-select", (e) => {
  const index: number = e.detail.index;
  e.preventDefault();
});
document.addEventListener("momentum-change", (e) => e.detail.progress.toFixed(2));
window.addEventListener("momentum-error", (e) => e.detail.message.toUpperCase());
document.body.addEventListener("momentum-step-select", (e) => e.detail.stepId);
type Detail = MomentumEventMap["momentum-celebrate"]["detail"];
const reason: Detail["reason"] = "complete";

// Mistakes the types catch.
// @ts-expect-error progress is read only
el.progress = 1;
// @ts-expect-error not a live mode
mount(document.body, { live: "websocket" });
// @ts-expect-error not an option
mount(document.body, { stall_after: "2d" });
// @ts-expect-error not a step status
el.update([{ id: "x", status: "done" }]);
// @ts-expect-error a state document needs steps
el.state = { title: "No steps" };
// @ts-expect-error not a phrase key
el.strings = { pendingg: "Up next" };
// @ts-expect-error not a widget attribute
const wrong: MomentumAttribute = "data-src";
el.addEventListener("momentum-change", (e) => {
  // @ts-expect-error momentum-change has no stepId
  e.detail.stepId;
});
document.addEventListener("momentum-celebrate", (e) => {
  // @ts-expect-error not a celebration reason
  const r: typeof e.detail.reason = "halfway";
});
