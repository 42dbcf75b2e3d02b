// The lint's contrast check (rule 46): WCAG 2.2 arithmetic on colours the
// widget has resolved in the browser. Pure, so e2e/node/contrast.test.mjs
// checks it in plain Node. (In JavaScript it costs a fraction of the wasm's
// bytes: the wasm has no `powf` without the standard library.)

const lin = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG relative luminance of `[r, g, b]` (0-255 sRGB). */
export const luminance = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);

/** The WCAG contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const hex = (c) => "#" + c.map((v) => v.toString(16).padStart(2, "0")).join("");

/**
 * A lint item (`code` "contrast") for each of `colours` ([name, [r, g, b]])
 * below 4.5:1 on `bg`, with the ratio rounded down to one decimal, so that a
 * colour that fails never reads as 4.5:1.
 */
export function contrast(bg, colours) {
  const out = [];
  for (const [name, c] of colours) {
    const r = contrastRatio(c, bg);
    if (r >= 4.5) continue;
    const tone = luminance(c) > luminance(bg) ? "lighter" : "darker";
    out.push({
      code: "contrast",
      message: `${name}: ${hex(c)} on the widget's background ${hex(bg)} has a contrast of ${(Math.floor(r * 10) / 10).toFixed(1)}:1, ` +
        `below the 4.5:1 that WCAG AA needs for text: choose a ${tone} colour, or change the background`,
    });
  }
  return out;
}
