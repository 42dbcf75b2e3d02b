// What a failed wasm load is checked against (rule 37), shared by the
// Chromium page tests (guest.spec.mjs) and the cross-engine cases
// (engines/specs/isolation.mjs), so both engines' runs exercise the same page.

/** Widgets in each form, with their fallback lists (no inline script: a CSP may forbid it). */
export const WIDGETS = `
  <momentum-progress id="el"><ol><li data-step="a">Alpha</li><li data-step="b">Beta</li></ol></momentum-progress>
  <ol id="list" data-momentum data-variant="timeline"><li data-step="x">Placed</li><li data-step="y">Shipped</li></ol>
  <div id="div" data-momentum><ul><li data-step="p">Profile</li></ul></div>`;

/**
 * Runs in the page (pass it to `page.evaluate`): uses the element API of each
 * widget of `WIDGETS` after the failure, records what it answered (or what it
 * threw), then places one more widget, `#late`, which must be told too.
 * @returns {Promise<Record<string, unknown>>}
 */
export async function useApiAfterFailure() {
  const out = { defined: !!customElements.get("momentum-progress") };
  const list = document.getElementById("list");
  out.inserted = list.momentumWidget?.localName ?? null;
  out.backToList = list.momentumWidget?.momentumList === list;
  for (const el of [document.getElementById("el"), list.momentumWidget, document.getElementById("div")]) {
    try {
      el.state = { steps: [{ id: "z", label: "Z" }] };
      el.update([{ id: "z", status: "complete" }]);
      el.strings = { doneMessage: "All set" };
      out[el.id || el.localName] = { steps: el.state.steps.length, progress: el.progress, strings: el.strings.doneMessage };
      out.refresh = await el.refresh().then(() => "resolved", (e) => (e instanceof Error ? e.message : "not an Error"));
    } catch (e) {
      out.threw = String(e);
    }
  }
  const late = document.createElement("momentum-progress");
  late.id = "late";
  document.body.append(late);
  return out;
}
