// Demo only: gives each visitor their own journey on the demo server and
// shows the events the widget sends. `?scenario=stalled` shows a stalled one.
const params = new URLSearchParams(location.search);
const session = params.get("session") || Math.random().toString(36).slice(2, 10);
const scenario = params.get("scenario") || "onboarding";
const widget = document.getElementById("journey");

if (scenario === "stalled") {
  document.getElementById("heading").textContent = "We're reviewing your application";
  document.getElementById("lede").textContent =
    "This journey's last update was days ago and the promised update time has passed: the widget says so plainly.";
  widget.replaceChildren();
  widget.setAttribute("src", `/api/stalled?session=${session}`);
} else {
  widget.setAttribute("src", `/api/onboarding?session=${session}&step=${params.get("step") || 12}`);
  widget.setAttribute("storage-key", `journey-demo-${session}`);
}

const log = document.getElementById("log");
for (const name of ["momentum-ready", "momentum-change", "momentum-step-complete", "momentum-celebrate", "momentum-stalled", "momentum-error"]) {
  widget.addEventListener(name, (e) => {
    const li = document.createElement("li");
    const time = new Date().toLocaleTimeString();
    li.textContent = `${time}  ${name}  ${JSON.stringify(e.detail)}`;
    log.prepend(li);
  });
}

document.getElementById("restart").addEventListener("click", async () => {
  await fetch(`/api/onboarding/reset?session=${session}`, { method: "POST" });
  location.search = `?session=${Math.random().toString(36).slice(2, 10)}`;
});
