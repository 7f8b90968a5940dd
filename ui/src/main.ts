import { mount } from "svelte";
import "@fontsource-variable/inter/wght.css";
import "./app.css";
import App from "./App.svelte";

const target = document.getElementById("app");
if (!target) throw new Error("Offpeak: #app element is missing from index.html");

export default mount(App, { target });
