// Types for momentum.js (the module a host includes).

/** One step of a journey (SPEC §3, §9.2). */
export interface MomentumStep {
  id: string;
  label?: string;
  status?: "pending" | "active" | "complete" | "skipped" | "blocked" | "error";
  /** Seconds, or a duration such as "2m", "1h30m", "PT2M". */
  estimate?: number | string;
  optional?: boolean;
  href?: string;
  description?: string;
  startedAt?: string;
  completedAt?: string;
  eta?: string;
  reason?: string;
  requires?: string[];
  threshold?: number;
}

/** The state document (SPEC §3). */
export interface MomentumState {
  version?: 1;
  title?: string;
  message?: string;
  updatedAt?: string;
  nextUpdateBy?: string;
  sequence?: number;
  value?: number;
  unit?: string;
  steps: MomentumStep[];
}

/** `momentum-ready` detail. */
export interface MomentumReadyDetail { completed: number; total: number; progress: number }
/** `momentum-change` detail. */
export interface MomentumChangeDetail extends MomentumReadyDetail { activeStep: string | null; changed: string[] }
/** `momentum-step-complete` detail. */
export interface MomentumStepCompleteDetail { stepId: string; label: string; index: number }
/** `momentum-stalled` detail (ISO 8601 strings or null). */
export interface MomentumStalledDetail { lastUpdate: string | null; nextUpdateBy: string | null }
/** `momentum-error` detail. */
export interface MomentumErrorDetail { message: string; status?: number; retryInMs: number | null }

/** The `<momentum-progress>` element (SPEC §6). */
export interface MomentumProgressElement extends HTMLElement {
  /** The current state document; setting replaces it (never throws). */
  state: MomentumState;
  /** Merges steps by id and other fields as given. */
  update(patch: Partial<MomentumState> | MomentumStep[]): void;
  /** Fetches `src` now. */
  refresh(): Promise<MomentumState>;
  /** Progress from 0 to 1. */
  readonly progress: number;
}

/** Options of {@link mount}: widget attributes in camelCase, plus `state`. */
export interface MomentumOptions {
  src?: string;
  live?: "poll" | "sse" | "off";
  poll?: string;
  variant?: "stepper" | "checklist" | "timeline" | "tiers";
  orientation?: "horizontal" | "vertical" | "auto";
  celebrate?: "confetti" | "subtle" | "none";
  milestones?: string;
  stallAfter?: string;
  doneMessage?: string;
  locale?: string;
  storageKey?: string;
  interactive?: boolean;
  state?: MomentumState;
}

/** Widget attribute names, without the `data-` prefix. */
export const ATTRIBUTES: readonly string[];

/** Appends a configured `<momentum-progress>` to `target` and returns it. */
export function mount(target: Element, options?: MomentumOptions): MomentumProgressElement;

declare global {
  interface HTMLElementTagNameMap { "momentum-progress": MomentumProgressElement }
  interface HTMLElementEventMap {
    "momentum-ready": CustomEvent<MomentumReadyDetail>;
    "momentum-change": CustomEvent<MomentumChangeDetail>;
    "momentum-step-complete": CustomEvent<MomentumStepCompleteDetail>;
    "momentum-stalled": CustomEvent<MomentumStalledDetail>;
    "momentum-error": CustomEvent<MomentumErrorDetail>;
  }
}
