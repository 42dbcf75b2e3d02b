// Types for momentum.js (the module a host includes).

/** One step of a journey (docs/reference.md#the-state-document; rule 2). */
export interface MomentumStep {
  id: string;
  label?: string;
  status?: "pending" | "active" | "complete" | "skipped" | "blocked" | "error";
  /** Seconds, a duration such as "2m", "1h30m", "PT2M", or open time such as "4bh", "2bd" (rule 42). */
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

/** The state document (docs/reference.md#the-state-document). */
export interface MomentumState {
  version?: 1;
  title?: string;
  message?: string;
  updatedAt?: string;
  nextUpdateBy?: string;
  sequence?: number;
  value?: number;
  unit?: string;
  /** Opening hours, e.g. "Mon-Fri 09:00-17:00"; wins over the `hours` attribute. */
  hours?: string;
  /** Closed days as ISO dates (or `first/last` ranges); wins over the `holidays` attribute. */
  holidays?: string[];
  /** IANA name of the business's zone; wins over the `time-zone` attribute. */
  timeZone?: string;
  steps: MomentumStep[];
}

/** `momentum-ready` detail. */
export interface MomentumReadyDetail { completed: number; total: number; progress: number }
/** `momentum-change` detail (`changed`: ids of the steps that changed). */
export interface MomentumChangeDetail extends MomentumReadyDetail { activeStep: string | null; changed: string[] }
/** `momentum-step-complete` detail (`index` 0-based; `durationMs` = completedAt − startedAt when both are known). */
export interface MomentumStepCompleteDetail { stepId: string; label: string; index: number; durationMs?: number }
/** `momentum-celebrate` detail (`milestone`: the fraction, for `reason: "milestone"`). */
export interface MomentumCelebrateDetail {
  reason: "milestone" | "complete";
  progress: number;
  stepId?: string;
  milestone?: number;
}
/** `momentum-stalled` detail (ISO 8601 strings or null). */
export interface MomentumStalledDetail { lastUpdate: string | null; nextUpdateBy: string | null }
/** `momentum-error` detail (`retryInMs` is null when no retry is scheduled). */
export interface MomentumErrorDetail { message: string; status?: number; retryInMs: number | null }
/** `momentum-promise` detail: a step's `eta` or the `nextUpdateBy` resolved (ISO 8601 times; `actual` only when kept). */
export interface MomentumPromiseDetail {
  kind: "eta" | "reply";
  stepId?: string;
  promised: string;
  actual?: string;
  kept: boolean;
}
/** `momentum-step-select` detail (`index` 0-based). */
export interface MomentumStepSelectDetail { stepId: string; index: number }

/**
 * The events of docs/reference.md#events: `CustomEvent`s that bubble and are composed.
 * `momentum-celebrate` and `momentum-step-select` are cancelable.
 */
export interface MomentumEventMap {
  "momentum-ready": CustomEvent<MomentumReadyDetail>;
  "momentum-change": CustomEvent<MomentumChangeDetail>;
  "momentum-step-complete": CustomEvent<MomentumStepCompleteDetail>;
  /** Cancelable: `preventDefault()` skips the built-in animation. */
  "momentum-celebrate": CustomEvent<MomentumCelebrateDetail>;
  "momentum-stalled": CustomEvent<MomentumStalledDetail>;
  "momentum-error": CustomEvent<MomentumErrorDetail>;
  /** Once per promise, also across reloads under the same `storage-key`. */
  "momentum-promise": CustomEvent<MomentumPromiseDetail>;
  /** Cancelable: `preventDefault()` stops following the step's `href` and opening its row. */
  "momentum-step-select": CustomEvent<MomentumStepSelectDetail>;
}

/** The key of one built-in phrase (README "Phrases and languages"). */
export type MomentumPhraseKey =
  | "summary" | "position" | "progressLabel" | "pending" | "active"
  | "complete" | "skipped" | "blocked" | "error" | "optional"
  | "announceComplete" | "announceCompleteMany" | "announceMilestone" | "empty" | "stalled" | "outOfDate" | "notUpdating"
  | "lessThanMinute" | "aboutLeft" | "optionalExtra" | "learned" | "updated"
  | "heartbeat" | "hearBack" | "expected" | "completedAt" | "doneMessage"
  | "doneSummary" | "doneTook" | "reopened" | "locked" | "more" | "unlocked" | "doneGroup"
  | "tierPosition" | "toNext" | "toNextNoUnit" | "topTier" | "showSteps" | "hideSteps"
  | "expectedBy" | "aboutLeftRange" | "completedOnTime" | "completedLate" | "promiseMissed";

/** Phrase overrides by key; `{name}` placeholders as in the built-in phrase. */
export type MomentumStrings = Partial<Record<MomentumPhraseKey, string>>;

/**
 * One entry of `el.lint()` (rule 46): a warning about the widget (`code`
 * "warning", or "requires-unknown" for a `requires` id that names no step) or
 * a design check ("stepper-steps", "label-length", "contrast",
 * "requires-cycle", "all-optional", "estimates-partial", "tiers-order").
 */
export interface MomentumLintItem {
  code: string;
  /** What is wrong, naming the step or attribute, and how to fix it. */
  message: string;
  /** The step it is about, when it is about one. */
  stepId?: string;
}

/** The `<momentum-progress>` element (docs/reference.md#javascript-api); `[data-momentum]` hosts get the same API. */
export interface MomentumProgressElement extends HTMLElement {
  /** The current state document; setting replaces it (never throws). */
  state: MomentumState;
  /** Merges steps by id and other fields as given. */
  update(patch: Partial<MomentumState> | MomentumStep[]): void;
  /** Fetches `src` now; rejects with an `Error` on failure or without `src`. */
  refresh(): Promise<MomentumState>;
  /** Progress from 0 to 1. */
  readonly progress: number;
  /** Phrase overrides by key (an unknown key is a console warning). */
  strings: MomentumStrings;
  /** The warnings and design checks the `lint` attribute shows, with or without it; `[]` until the widget has started. */
  lint(): MomentumLintItem[];
  /** For the widget inserted before an `<ol data-momentum>`: that list (it keeps the `id`); else `null`. */
  readonly momentumList: HTMLElement | null;
}

/** A widget attribute name, without the `data-` prefix (docs/reference.md#widget-attributes). */
export type MomentumAttribute =
  | "src" | "live" | "poll" | "variant" | "orientation" | "celebrate" | "milestones"
  | "stall-after" | "done-message" | "locale" | "storage-key" | "interactive" | "strings"
  | "value" | "unit" | "lint" | "hours" | "holidays" | "time-zone";

/**
 * The attributes of `<momentum-progress>` as a framework writes them on the
 * element (the names of the markup, with their values). The `strings`
 * attribute (JSON text) is left out: frameworks set the `strings` property
 * instead (see {@link MomentumProgressProperties}).
 */
export interface MomentumProgressAttributes {
  src?: string;
  live?: "poll" | "sse" | "off";
  /** Interval: "15s", "1m", or a number of seconds (at least 2). */
  poll?: string | number;
  variant?: "stepper" | "checklist" | "timeline" | "tiers";
  orientation?: "horizontal" | "vertical" | "auto";
  celebrate?: "confetti" | "subtle" | "none";
  /** Fractions strictly between 0 and 1, e.g. "0.25 0.5", or "none". */
  milestones?: string | number;
  /** Duration: "48h", "2d", or a number of seconds. */
  "stall-after"?: string | number;
  "done-message"?: string;
  locale?: string;
  "storage-key"?: string;
  interactive?: boolean;
  /** Tiers: the customer's value, e.g. 640. */
  value?: number | string;
  /** Tiers: the unit of `value`, e.g. "points". */
  unit?: string;
  /** Present: the widget lists its warnings and design checks (a designer's aid). */
  lint?: boolean;
  /** Opening hours of the business, e.g. "Mon-Fri 09:00-12:30 13:30-17:00; Sat 10:00-14:00". */
  hours?: string;
  /** Closed days: ISO dates separated by commas, e.g. "2026-12-24, 2026-12-25". */
  holidays?: string;
  /** IANA name of the business's zone, e.g. "Europe/Berlin" (default: the viewer's). */
  "time-zone"?: string;
}

/** The properties of `<momentum-progress>` a framework sets (not attributes). */
export interface MomentumProgressProperties {
  /** The state document. */
  state?: MomentumState;
  /** Phrase overrides by key. */
  strings?: MomentumStrings;
}

/**
 * Options of {@link mount}: widget attributes in camelCase, plus `state`.
 * Durations are strings such as "15s" or a number of seconds.
 */
export interface MomentumOptions {
  src?: string;
  live?: "poll" | "sse" | "off";
  poll?: string | number;
  variant?: "stepper" | "checklist" | "timeline" | "tiers";
  orientation?: "horizontal" | "vertical" | "auto";
  celebrate?: "confetti" | "subtle" | "none";
  /** Fractions strictly between 0 and 1, e.g. "0.25 0.5", or "none". */
  milestones?: string | number;
  stallAfter?: string | number;
  doneMessage?: string;
  locale?: string;
  storageKey?: string;
  interactive?: boolean;
  /** Phrase overrides as JSON text, e.g. `JSON.stringify({ doneMessage: "Ready" })`. */
  strings?: string;
  /** Tiers: the customer's value, e.g. 640. */
  value?: number | string;
  /** Tiers: the unit of `value`, e.g. "points". */
  unit?: string;
  /** The widget lists its warnings and design checks (a designer's aid). */
  lint?: boolean;
  hours?: string;
  holidays?: string;
  timeZone?: string;
  state?: MomentumState;
}

/** Widget attribute names, without the `data-` prefix. */
export const ATTRIBUTES: readonly MomentumAttribute[];

/** Appends a configured `<momentum-progress>` to `target` and returns it. */
export function mount(target: Element, options?: MomentumOptions): MomentumProgressElement;

declare global {
  interface HTMLElementTagNameMap { "momentum-progress": MomentumProgressElement }
  // An <ol data-momentum> (or <ul>) leads to the widget inserted before it, once enhanced.
  interface HTMLOListElement { readonly momentumWidget?: MomentumProgressElement }
  interface HTMLUListElement { readonly momentumWidget?: MomentumProgressElement }
  // Typed listeners on the widget, its ancestors, the document and the window.
  interface HTMLElementEventMap extends MomentumEventMap {}
  interface GlobalEventHandlersEventMap extends MomentumEventMap {}
}
