// Demo only: shows the momentum-step-select events the checklist sends
// (docs/reference.md#events; cancelable: preventDefault() would keep the row closed and not follow its link).
const widget = document.getElementById("setup");
const out = document.getElementById("select-log");
widget.addEventListener("momentum-step-select", (e) => {
  out.textContent = `momentum-step-select ${JSON.stringify(e.detail)}`;
});
