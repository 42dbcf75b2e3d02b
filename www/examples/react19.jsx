// React 19 supports custom elements: an object prop is set as a property
// (state={journey}), and a prop named on<event-name> adds an event listener.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import "momentum-progress";

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

  const finish = () =>
    setJourney({
      ...journey,
      steps: journey.steps.map((s) => ({ ...s, status: statusAfterFinish[s.id] ?? s.status })),
    });

  return (
    <>
      <momentum-progress
        variant="stepper"
        state={journey}
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
