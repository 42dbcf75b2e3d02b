// Demo only: gives each visitor their own loan on the demo server, starting
// at this page's clock (so a page test with a fixed clock sees the same
// story), and lists the `momentum-promise` events the page hears.
// Runs before momentum.js (module scripts run in document order), so the
// widget reads the attributes set here.
const params = new URLSearchParams(location.search);
const session = params.get("session") || Math.random().toString(36).slice(2, 10);
const step = Number(params.get("step")) > 0 ? Number(params.get("step")) : 8;
const from = Math.floor(Date.now() / 1000);
const loan = document.getElementById("loan");
loan.setAttribute("src", `/api/loan?session=${encodeURIComponent(session)}&step=${step}&from=${from}`);
loan.setAttribute("storage-key", `loan-demo-${session}`);

const out = document.getElementById("promises");
const heard = [];
loan.addEventListener("momentum-promise", (e) => {
  const { kind, stepId, kept } = e.detail;
  heard.push(`${kind}${stepId ? ` (${stepId})` : ""} ${kept ? "kept" : "missed"}`);
  out.textContent = heard.join(", ");
});
