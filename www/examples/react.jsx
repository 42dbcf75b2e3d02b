// React, any version with hooks: hand the element its state and listen to its
// events through a ref. Before React 19 this is the way (React 18 turns objects
// into attributes and does not listen to custom events); it works in 19 as well.
import { useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import "momentum-progress";

const journey = {
  title: "Set up your workspace",
  steps: [
    { id: "goals", label: "Tell us your goals", status: "complete" },
    { id: "connect", label: "Connect your data", status: "active", estimate: "5m" },
    { id: "invite", label: "Invite your team" },
  ],
};

function Onboarding() {
  const ref = useRef(null);
  const [change, setChange] = useState("none yet");
  const [completed, setCompleted] = useState("none yet");

  useEffect(() => {
    const el = ref.current;
    el.state = journey;
    const onChange = (e) => setChange(`${e.detail.completed} of ${e.detail.total} complete`);
    const onStep = (e) => setCompleted(e.detail.label);
    el.addEventListener("momentum-change", onChange);
    el.addEventListener("momentum-step-complete", onStep);
    return () => {
      el.removeEventListener("momentum-change", onChange);
      el.removeEventListener("momentum-step-complete", onStep);
    };
  }, []);

  const finish = () =>
    ref.current.update([{ id: "connect", status: "complete" }, { id: "invite", status: "active" }]);

  return (
    <>
      <momentum-progress ref={ref} variant="stepper" />
      <button type="button" onClick={finish}>Finish “Connect your data”</button>
      <p>Last change: <output id="change">{change}</output></p>
      <p>Last completed step: <output id="completed">{completed}</output></p>
    </>
  );
}

createRoot(document.getElementById("app")).render(<Onboarding />);
