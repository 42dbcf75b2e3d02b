// Type-checked by tests/package.spec.mjs with `tsc --noEmit` against the package
// as installed: the element in Vue's GlobalComponents, as Vue's template checker
// (vue-tsc, Volar) reads it: props from `$props`, events from `$emit`. Every
// expect-error directive below must meet an error.
import type { GlobalComponents } from "vue";
import type {} from "momentum-progress/vue";
import type { MomentumEventMap, MomentumState } from "momentum-progress";

type Momentum = InstanceType<GlobalComponents["momentum-progress"]>;
type Props = Momentum["$props"];

const journey: MomentumState = { steps: [{ id: "goals", label: "Tell us your goals", status: "active" }] };

// What <momentum-progress variant="checklist" stall-after="2d" interactive :state.prop="journey"> checks.
export const props: Props = {
  variant: "checklist",
  "stall-after": "2d",
  "done-message": "Ready",
  interactive: true,
  poll: 15,
  state: journey,
  strings: { doneMessage: "All set" },
  class: "card",
  key: "setup",
};

// What @momentum-change="onChange" checks: the handler gets the typed event.
declare const el: Momentum;
const onChange = (e: MomentumEventMap["momentum-change"]) => e.detail.changed;
el.$emit("momentum-change", new CustomEvent("momentum-change", {
  detail: { completed: 1, total: 2, progress: 0.5, activeStep: "b", changed: ["a"] },
}));
onChange(new CustomEvent("momentum-change", { detail: { completed: 0, total: 1, progress: 0, activeStep: null, changed: [] } }));
// The element's API is there too.
el.update([{ id: "goals", status: "complete" }]);
const progress: number = el.progress;

// Mistakes the types catch.
// @ts-expect-error not a variant
export const badVariant: Props = { variant: "carousel" };
// @ts-expect-error a state document needs steps
export const badState: Props = { state: { title: "No steps" } };
// @ts-expect-error interactive is a boolean attribute
export const badInteractive: Props = { interactive: "yes" };
// @ts-expect-error not an event of the widget
el.$emit("momentum-finished", new CustomEvent("momentum-finished"));
// @ts-expect-error momentum-step-complete carries a step, not a progress change
el.$emit("momentum-step-complete", new CustomEvent("momentum-step-complete", { detail: { completed: 1 } }));
export { progress };
