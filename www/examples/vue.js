// Vue 3: momentum-* tags are custom elements, not Vue components; the state goes
// in as a DOM property (.prop) and events are heard with @momentum-*.
// This is Vue's full build, which compiles the template in the browser. With
// single-file components, templates are compiled at build time: set the same
// isCustomElement in the Vue plugin's template.compilerOptions, import from "vue".
import { createApp, ref } from "vue/dist/vue.esm-bundler.js";
import "momentum-progress";

const app = createApp({
  setup() {
    const journey = ref({
      title: "Set up your workspace",
      steps: [
        { id: "goals", label: "Tell us your goals", status: "complete" },
        { id: "connect", label: "Connect your data", status: "active", estimate: "5m" },
        { id: "invite", label: "Invite your team" },
      ],
    });
    const change = ref("none yet");
    const completed = ref("none yet");
    const finish = () => {
      const status = { connect: "complete", invite: "active" };
      journey.value = {
        ...journey.value,
        steps: journey.value.steps.map((s) => ({ ...s, status: status[s.id] ?? s.status })),
      };
    };
    const onChange = (e) => { change.value = `${e.detail.completed} of ${e.detail.total} complete`; };
    const onStep = (e) => { completed.value = e.detail.label; };
    return { journey, change, completed, finish, onChange, onStep };
  },
  template: `
    <momentum-progress variant="stepper" :state.prop="journey"
      @momentum-change="onChange" @momentum-step-complete="onStep"></momentum-progress>
    <button type="button" @click="finish">Finish “Connect your data”</button>
    <p>Last change: <output id="change">{{ change }}</output></p>
    <p>Last completed step: <output id="completed">{{ completed }}</output></p>`,
});
app.config.compilerOptions.isCustomElement = (tag) => tag.startsWith("momentum-");
app.mount("#app");
