// Shows the Momentum events this page receives (demo only).
const log = document.getElementById("log");
const seen = [];
for (const name of ["momentum-ready", "momentum-change", "momentum-step-complete", "momentum-error"]) {
  document.addEventListener(name, (e) => {
    seen.push(`${name} ${JSON.stringify(e.detail)}`);
    if (log) log.textContent = seen.slice(-3).join(" · ");
  });
}
