// Three complete themes for Momentum, made only of the widget's documented
// custom properties and parts plus ordinary CSS on the element itself (its
// background, text colour, padding and corners). The README prints them with
// `themeCss(theme)`, the playground offers them as presets, and the page tests
// render each one and check that every colour meets WCAG AA (4.5:1) on the
// theme's own background.
//
// This module touches no DOM, so it can be imported by the playground and by
// the tests alike.

/**
 * A theme: `host` declarations for the element, custom `props`, and `parts`
 * rules (`[part, declarations]`). `schemes` lists the colour schemes the theme
 * is meant for: a theme that fixes its own `color-scheme` looks the same on a
 * light and a dark page.
 * @typedef {{ id: string, name: string, summary: string, schemes: string[],
 *   host: [string, string][], props: [string, string][],
 *   parts: [string, [string, string][]][] }} Theme
 */

/** @type {Theme[]} */
export const THEMES = [
  {
    id: "brand",
    name: "Brand accent",
    summary: "A violet brand colour on a tinted card; follows the page's light and dark scheme.",
    schemes: ["light", "dark"],
    host: [
      ["background", "var(--momentum-surface)"],
      ["color", "light-dark(#1e1b2e, #f3f0ff)"],
      ["padding", "1.25rem"],
      ["border-radius", "12px"],
    ],
    props: [
      ["--momentum-accent", "light-dark(#6d28d9, #c4b5fd)"],
      ["--momentum-done", "light-dark(#047857, #6ee7b7)"],
      ["--momentum-error", "light-dark(#be123c, #fda4af)"],
      ["--momentum-muted", "light-dark(#57536b, #b9b3cc)"],
      ["--momentum-surface", "light-dark(#faf7ff, #1c1630)"],
      ["--momentum-font", "\"Inter\", system-ui, sans-serif"],
      ["--momentum-radius", "6px"],
    ],
    parts: [
      ["label", [["font-weight", "600"]]],
      ["bar", [["height", ".625rem"]]],
    ],
  },
  {
    id: "contrast",
    name: "Dark high contrast",
    summary: "White on black with bright state colours, thick markers and square corners; dark on any page.",
    schemes: ["dark"],
    host: [
      ["color-scheme", "dark"],
      ["background", "#000000"],
      ["color", "#ffffff"],
      ["padding", "1.25rem"],
      ["border", "2px solid #ffffff"],
    ],
    props: [
      ["--momentum-accent", "#ffdd00"],
      ["--momentum-done", "#00e676"],
      ["--momentum-error", "#ff8a80"],
      ["--momentum-muted", "#d4d4d8"],
      ["--momentum-surface", "#000000"],
      ["--momentum-font", "\"Atkinson Hyperlegible\", system-ui, sans-serif"],
      ["--momentum-radius", "0"],
    ],
    parts: [
      ["marker", [["border-width", "3px"]]],
      ["label", [["font-weight", "700"]]],
      ["bar", [["height", ".75rem"], ["outline", "1px solid #ffffff"], ["outline-offset", "1px"]]],
    ],
  },
  {
    id: "playful",
    name: "Rounded and playful",
    summary: "Warm colours, a rounded font, soft square markers and a thick pill bar; light on any page.",
    schemes: ["light"],
    host: [
      ["color-scheme", "light"],
      ["background", "#fff7ed"],
      ["color", "#431407"],
      ["padding", "1.5rem"],
      ["border-radius", "1.5rem"],
    ],
    props: [
      ["--momentum-accent", "#b93815"],
      ["--momentum-done", "#0f766e"],
      ["--momentum-error", "#be123c"],
      ["--momentum-muted", "#74513a"],
      ["--momentum-surface", "#fff7ed"],
      ["--momentum-font", "ui-rounded, \"Nunito\", system-ui, sans-serif"],
      ["--momentum-radius", "999px"],
    ],
    parts: [
      ["marker", [["border-radius", "35%"]]],
      ["label", [["font-weight", "700"]]],
      ["bar", [["height", ".875rem"]]],
    ],
  },
];

/** The theme with this id, or undefined. */
export const themeById = (id) => THEMES.find((t) => t.id === id);

/**
 * The CSS of a theme: one rule for the element and one per part.
 * `host` is the selector of the widget (`momentum-progress` on a host page);
 * `extra` selectors get the host rule too (the playground's colour probes).
 * @param {Theme} theme
 * @param {{ host?: string, extra?: string[], comment?: boolean }} [options]
 * @returns {string}
 */
export function themeCss(theme, { host = "momentum-progress", extra = [], comment = true } = {}) {
  const out = [];
  if (comment && theme.name) out.push(`/* ${theme.name}. ${theme.summary} */`);
  const decls = [...theme.host, ...theme.props];
  if (decls.length) {
    out.push(`${[host, ...extra].join(",\n")} {`);
    for (const [name, value] of decls) out.push(`  ${name}: ${value};`);
    out.push("}");
  }
  for (const [part, list] of theme.parts) {
    if (!list.length) continue;
    const hosts = host.split(",").map((h) => `${h.trim()}::part(${part})`).join(", ");
    out.push(`${hosts} { ${list.map(([n, v]) => `${n}: ${v};`).join(" ")} }`);
  }
  return out.length ? out.join("\n") + "\n" : "";
}

/** Relative luminance of an sRGB colour given as 0–255 channels (WCAG 2.2). */
export function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio of two opaque sRGB colours (0–255 channels), 1 to 21. */
export function contrastRatio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `#rgb` / `#rrggbb` to 0–255 channels, or null. */
export function hexToRgb(hex) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}
