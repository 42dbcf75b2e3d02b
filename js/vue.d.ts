// Vue 3 types for <momentum-progress>, for template type checking (vue-tsc,
// Volar). Opt in once, in any file of the app:
//
//   import type {} from "momentum-progress/vue";
//
// and tell Vue's compiler the tag is a custom element
// (compilerOptions.isCustomElement: (tag) => tag.startsWith("momentum-")).
// Set the state as a DOM property (`:state.prop="journey"`) and listen with
// `@momentum-change="…"`: each event's `detail` is typed.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type {
  MomentumEventMap,
  MomentumProgressAttributes,
  MomentumProgressElement,
  MomentumProgressProperties,
} from "./momentum.js";

/** The element as a Vue component type: `$props` and `$emit` exist for the template checker only. */
export type MomentumProgressComponent = new () => MomentumProgressElement & {
  /** @deprecated For template type checking only: the element has no `$props`. */
  $props: HTMLAttributes & MomentumProgressAttributes & MomentumProgressProperties & PublicProps;
  /** @deprecated For template type checking only: the element has no `$emit`. */
  $emit: EmitFn<{ [K in keyof MomentumEventMap]: (event: MomentumEventMap[K]) => void }>;
};

declare module "vue" {
  interface GlobalComponents {
    "momentum-progress": MomentumProgressComponent;
  }
}
