// React 19 with momentum.js loaded late: imported inside useEffect (as an app
// that code-splits it, or renders on the server, may do), so React renders
// <momentum-progress> before the element is defined.
//
// React 19 sets a prop as a property only when the element already has it;
// before the element is defined it writes an attribute instead, and an object
// becomes state="[object Object]" (the widget warns about that attribute).
// So the journey goes in as a property from a ref: the element takes over
// properties set before it was defined when it upgrades. Once momentum.js has
// loaded, state={journey} would work as well, as in react19.jsx.
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

const start = {
  title: "Set up your workspace",
  steps: [
    { id: "goals", label: "Tell us your goals", status: "complete" },
    { id: "connect", label: "Connect your data", status: "active", estimate: "5m" },
    { id: "invite", label: "Invite your team" },
  ],
};

const statusAfterFinish = { connect: "complete", invite: "active" };

function Onboarding() {
  const [journey, setJourney] = useState(start);
  const [change, setChange] = useState("none yet");
  const [completed, setCompleted] = useState("none yet");

  useEffect(() => {
    import("momentum-progress");
  }, []);

  const finish = () =>
    setJourney({
      ...journey,
      steps: journey.steps.map((s) => ({ ...s, status: statusAfterFinish[s.id] ?? s.status })),
    });

  return (
    <>
      <momentum-progress
        variant="stepper"
        ref={(el) => {
          if (el) el.state = journey;
        }}
        onmomentum-change={(e) => setChange(`${e.detail.completed} of ${e.detail.total} complete`)}
        onmomentum-step-complete={(e) => setCompleted(e.detail.label)}
      />
      <button type="button" onClick={finish}>Finish “Connect your data”</button>
      <p>Last change: <output id="change">{change}</output></p>
      <p>Last completed step: <output id="completed">{completed}</output></p>
    </>
  );
}

createRoot(document.getElementById("app")).render(<Onboarding />);
