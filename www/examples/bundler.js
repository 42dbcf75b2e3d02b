// An app built with a bundler: the package is imported by name and the widget
// placed with mount(). esbuild keeps `new URL("./momentum_wasm_bg.wasm",
// import.meta.url)` as it is, so the wasm is copied next to the bundle
// (momentum-progress/momentum_wasm_bg.wasm); docs/embedding.md has the recipe
// for other bundlers.
import { mount } from "momentum-progress";

const widget = mount(document.getElementById("app"), {
  variant: "stepper",
  orientation: "vertical",
  stallAfter: "2d",
  state: {
    title: "Checkout",
    steps: [
      { id: "cart", label: "Cart", status: "complete" },
      { id: "address", label: "Address", status: "active", estimate: "1m" },
      { id: "payment", label: "Payment" },
    ],
  },
});

widget.addEventListener("momentum-step-complete", (e) => {
  document.getElementById("completed").textContent = e.detail.label;
});
document.getElementById("next").addEventListener("click", () => {
  widget.update([{ id: "address", status: "complete" }, { id: "payment", status: "active" }]);
});
