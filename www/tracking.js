// Demo only: gives each visitor their own order on the demo server (like
// journey.js), and dates the order's first state and the static return
// timeline relative to now.
// Runs before momentum.js (module scripts run in document order), so the
// widgets read the attributes set here.
const params = new URLSearchParams(location.search);
const session = params.get("session") || Math.random().toString(36).slice(2, 10);
const step = Number(params.get("step")) > 0 ? Number(params.get("step")) : 20;
const order = document.getElementById("order");
order.setAttribute("src", `/api/order?session=${encodeURIComponent(session)}&step=${step}`);
order.setAttribute("storage-key", `tracking-demo-${session}`);

const HOUR = 3600_000;
const at = (hours) => new Date(Date.now() + hours * HOUR).toISOString().replace(/\.\d+Z$/, "Z");

// The order as it starts on the server: placed now, each later step one
// `step` after the one before.
[...order.querySelectorAll("li[data-step]")].forEach((li, i) => {
  li.setAttribute(i === 0 ? "data-completed-at" : "data-eta", at((i * step) / 3600));
});
const times = {
  requested: ["data-completed-at", -76],
  label: ["data-completed-at", -75.5],
  dropped: ["data-completed-at", -52],
  refund: ["data-eta", 72],
};
for (const li of document.querySelectorAll("#return li[data-step]")) {
  const t = times[li.dataset.step];
  if (t) li.setAttribute(t[0], at(t[1]));
}
