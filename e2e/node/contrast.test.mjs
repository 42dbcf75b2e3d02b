// The lint's contrast arithmetic (rule 46, js/contrast.js) in plain Node:
// WCAG's luminance and ratio, and the findings with their rounded-down ratio.
// Run by scripts/test.sh with `node --test`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { luminance, contrastRatio, contrast } from "../../js/contrast.js";

test("luminance and ratio follow the WCAG formula", () => {
  assert.equal(luminance([0, 0, 0]), 0);
  assert.ok(Math.abs(luminance([255, 255, 255]) - 1) < 1e-12);
  // The linear part below 0.04045 and the curve above it.
  assert.ok(Math.abs(luminance([10, 10, 10]) - 10 / 255 / 12.92) < 1e-12);
  assert.ok(Math.abs(luminance([128, 0, 0]) - 0.2126 * ((128 / 255 + 0.055) / 1.055) ** 2.4) < 1e-12);
  assert.equal(contrastRatio([255, 255, 255], [0, 0, 0]), 21);
  assert.equal(contrastRatio([0, 0, 0], [255, 255, 255]), 21);
  // #767676 on white is the classic 4.54:1.
  assert.ok(Math.abs(contrastRatio([118, 118, 118], [255, 255, 255]) - 4.54) < 0.01);
});

test("colours below 4.5:1 are named with their ratio, rounded down, and which way to go", () => {
  const white = [255, 255, 255];
  const found = contrast(white, [
    ["--momentum-accent", [29, 78, 216]], // #1d4ed8: fine
    ["--momentum-done", [119, 119, 119]], // #777777: 4.48:1
    ["--momentum-muted", [255, 255, 0]], // yellow on white
  ]);
  assert.deepEqual(found, [
    {
      code: "contrast",
      message: "--momentum-done: #777777 on the widget's background #ffffff has a contrast of 4.4:1, below the 4.5:1 " +
        "that WCAG AA needs for text: choose a darker colour, or change the background",
    },
    {
      code: "contrast",
      message: "--momentum-muted: #ffff00 on the widget's background #ffffff has a contrast of 1.0:1, below the 4.5:1 " +
        "that WCAG AA needs for text: choose a darker colour, or change the background",
    },
  ]);
  assert.match(contrast([0, 0, 0], [["--momentum-muted", [60, 60, 60]]])[0].message, /a lighter colour/);
  assert.deepEqual(contrast(white, []), []);
});
