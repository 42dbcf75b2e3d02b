// React 19 JSX types for <momentum-progress>. Opt in once, in any file of the app:
//
//   import type {} from "momentum-progress/react";
//
// React 19 passes a prop to a custom element as a property when the element
// has one (`state`, `strings`) and as an attribute otherwise (`variant`,
// `stall-after`, …: the names as in HTML), and a prop named `on` + the exact
// event name (`onmomentum-change`) adds a listener for that event. These types
// say exactly that, with each event's `detail` typed. Both JSX transforms
// ("jsx": "react-jsx" and the classic "react") read React.JSX.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type {
  MomentumEventMap,
  MomentumProgressAttributes,
  MomentumProgressElement,
  MomentumProgressProperties,
} from "./momentum.js";

/** `onmomentum-change` and the others: a listener for each widget event, with its detail typed. */
export type MomentumReactEvents = {
  [K in keyof MomentumEventMap as `on${K}`]?: (event: MomentumEventMap[K]) => void;
};

/** The props of `<momentum-progress>` in React 19 JSX. */
export interface MomentumProgressProps
  extends MomentumProgressAttributes,
    MomentumProgressProperties,
    MomentumReactEvents,
    DetailedHTMLProps<HTMLAttributes<MomentumProgressElement>, MomentumProgressElement> {}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "momentum-progress": MomentumProgressProps;
    }
  }
}
