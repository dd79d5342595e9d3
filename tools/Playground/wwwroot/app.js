// The playground page: plain JavaScript, no library. The server does the real work (the
// generator, the diagram as SVG, the sandboxed run); this file shows it and links the views.
"use strict";

const $ = (id) => document.getElementById(id);
const source = $("source");
const LINE = 18;      // px, the editor's line height (app.css --line)
const PAD = 4;        // px, the textarea's top padding
const DEBOUNCE = 400; // ms of no typing before the generator runs

let machines = [];        // from /api/generate
let currentMachine = "";  // the machine shown in the generated-code and diagram panels
let diagnostics = [];
let steps = [];
let stepIndex = -1;
let selection = null;     // a clicked link: { machine, state } or { line }
let generateSeq = 0;
let timer = 0;

async function postJson(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data = await response.json().catch(() => ({ error: `The server answered ${response.status}.` }));
  if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`);
  return data;
}

function setStatus(text) { $("status").textContent = text; }

// ---- editor: gutter, line marks, the line under the mouse ----

function lineCount() { return source.value.split("\n").length; }

function renderGutter() {
  const gutter = $("gutter");
  const count = lineCount();
  const byLine = new Map();
  for (const d of diagnostics) {
    if (d.line > 0 && (!byLine.has(d.line) || d.severity === "error")) byLine.set(d.line, d);
  }
  const parts = [];
  for (let n = 1; n <= count; n++) {
    const d = byLine.get(n);
    const cls = d ? ` ${d.severity}` : "";
    const title = d ? ` title="${escapeHtml(`${d.id}: ${d.message}`)}"` : "";
    parts.push(`<div class="ln${cls}" data-line="${n}"${title}>${n}</div>`);
  }
  gutter.innerHTML = parts.join("");
  renderMarks();
  syncScroll();
}

function renderMarks(linked = []) {
  const marks = [];
  for (const d of diagnostics) {
    if (d.line > 0) {
      for (let n = d.line; n <= Math.max(d.line, d.endLine); n++) {
        marks.push(`<div class="mark ${d.severity}" data-line="${n}" style="top:${PAD + (n - 1) * LINE}px"></div>`);
      }
    }
  }
  for (const n of linked) marks.push(`<div class="mark linked" data-line="${n}" style="top:${PAD + (n - 1) * LINE}px"></div>`);
  $("backdrop").innerHTML = marks.join("");
  for (const ln of $("gutter").querySelectorAll(".ln.linked")) ln.classList.remove("linked");
  for (const n of linked) $("gutter").querySelector(`.ln[data-line="${n}"]`)?.classList.add("linked");
}

function syncScroll() {
  $("backdrop").style.transform = `translateY(${-source.scrollTop}px)`;
  $("gutter").scrollTop = source.scrollTop;
}

function lineAt(event) {
  const rect = source.getBoundingClientRect();
  const n = Math.floor((event.clientY - rect.top + source.scrollTop - PAD) / LINE) + 1;
  return n >= 1 && n <= lineCount() ? n : null;
}

function caretLine() { return source.value.slice(0, source.selectionStart).split("\n").length; }

// ---- linked views ----

function machine() { return machines.find((m) => m.machineName === currentMachine) || machines[0]; }

// Highlights a state (its source line, its generated lines, its box) or a source line (the states resuming after it).
function link(target) {
  const m = machine();
  let lines = [];
  let states = [];
  let generated = [];
  if (target && m) {
    if (target.state !== undefined) {
      states = [target.state];
      const info = m.states.find((s) => s.number === target.state);
      if (info) lines = [info.line];
    } else if (target.line !== undefined) {
      lines = [target.line];
      states = m.states.filter((s) => s.line === target.line).map((s) => s.number);
      generated = m.lines.map((l, i) => (l.sourceLine === target.line ? i : -1)).filter((i) => i >= 0);
    }
  }
  renderMarks(lines);
  document.querySelectorAll("#generated .gl.linked, #diagram g.state.linked").forEach((e) => e.classList.remove("linked"));
  for (const s of states) {
    document.querySelectorAll(`#generated .gl[data-state="${s}"], #diagram g.state[data-state="${s}"]`).forEach((e) => e.classList.add("linked"));
  }
  for (const i of generated) document.querySelector(`#generated .gl[data-index="${i}"]`)?.classList.add("linked");
}

function targetOf(element) {
  const withState = element.closest("[data-state]");
  if (withState) return { state: Number(withState.dataset.state) };
  const withLine = element.closest("[data-source-line]");
  if (withLine) return { line: Number(withLine.dataset.sourceLine) };
  return null;
}

function wireLinks(container) {
  container.addEventListener("mouseover", (e) => { const t = targetOf(e.target); if (t) link(t); });
  container.addEventListener("mouseleave", () => link(selection));
  container.addEventListener("click", (e) => { selection = targetOf(e.target); link(selection); });
}

// ---- generated code and diagram ----

function renderMachines() {
  const tabs = $("machine-tabs");
  if (!machines.some((m) => m.machineName === currentMachine)) currentMachine = machines[0]?.machineName || "";
  tabs.innerHTML = machines.length > 1
    ? machines.map((m) => `<button type="button" data-machine="${escapeHtml(m.machineName)}" class="${m.machineName === currentMachine ? "current" : ""}">${escapeHtml(m.machineName)}</button>`).join("")
    : escapeHtml(currentMachine);
  const m = machine();
  if (!m) {
    $("generated").textContent = diagnostics.some((d) => d.severity === "error")
      ? "No state machine was generated: see the errors in the editor."
      : "No [Coroutine] method here: nothing was generated.";
    $("diagram").innerHTML = "";
    return;
  }
  $("generated").innerHTML = m.lines.map((l, i) => {
    const trimmed = l.text.trim();
    const cls = trimmed.startsWith("#line") ? " directive" : trimmed.startsWith("//") ? " comment" : "";
    const state = l.state !== null && l.state !== undefined ? ` data-state="${l.state}"` : "";
    const from = l.sourceLine ? ` data-source-line="${l.sourceLine}"` : "";
    return `<div class="gl${cls}" data-index="${i}"${state}${from}>${escapeHtml(l.text) || " "}</div>`;
  }).join("");
  $("diagram").innerHTML = m.diagram;
  link(selection);
  showStep();
}

async function generate() {
  const seq = ++generateSeq;
  setStatus("Generating…");
  try {
    const result = await postJson("/api/generate", { source: source.value });
    if (seq !== generateSeq) return; // a newer edit is on its way
    machines = result.machines;
    diagnostics = result.diagnostics;
    renderGutter();
    renderDiagnostics();
    renderMachines();
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    setStatus(`Generated ${machines.length} state machine${machines.length === 1 ? "" : "s"}; ${errors} error${errors === 1 ? "" : "s"}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? "" : "s"}.`);
  } catch (error) {
    if (seq === generateSeq) setStatus(error.message);
  }
}

function renderDiagnostics() {
  $("diagnostics").innerHTML = diagnostics.map((d) =>
    `<li class="${d.severity}" data-line="${d.line}">${d.line > 0 ? `line ${d.line}: ` : ""}${escapeHtml(d.id)} ${escapeHtml(d.message)}</li>`).join("");
}

// ---- run and stepper ----

async function run() {
  $("run").disabled = true;
  $("run-status").className = "";
  $("run-status").textContent = "Compiling and running in a separate process…";
  $("output").textContent = "";
  $("timeline").innerHTML = "";
  steps = [];
  stepIndex = -1;
  showStep();
  try {
    const report = await postJson("/api/run", { source: source.value });
    $("run-status").textContent = report.message;
    $("run-status").className = report.outcome === "completed" ? "" : "bad";
    $("run-status").dataset.outcome = report.outcome;
    $("output").textContent = report.output + (report.outputTruncated ? "\n… (output cut: too long)" : "");
    $("timeline").innerHTML = report.timelines.join("");
    steps = report.steps;
    if (report.outcome === "compile-errors") {
      diagnostics = report.diagnostics;
      renderGutter();
      renderDiagnostics();
    }
    $("step-info").textContent = steps.length
      ? `${steps.length} resume${steps.length === 1 ? "" : "s"} recorded${report.stepsTruncated ? " (the first ones only)" : ""}: press Step.`
      : "No resume was recorded: the program ran no coroutine on a scheduler.";
  } catch (error) {
    $("run-status").textContent = error.message;
    $("run-status").className = "bad";
  } finally {
    $("run").disabled = false;
    updateStepButtons();
  }
}

function updateStepButtons() {
  $("step").disabled = stepIndex >= steps.length - 1;
  $("step-back").disabled = stepIndex <= 0;
  $("step-reset").disabled = stepIndex < 0;
}

function showStep() {
  document.querySelectorAll("#diagram g.state.current").forEach((e) => e.classList.remove("current"));
  const step = steps[stepIndex];
  $("step-details").hidden = !step;
  const body = $("step-fields").tBodies[0];
  if (!step) {
    body.innerHTML = "";
    updateStepButtons();
    return;
  }
  if (step.machine !== currentMachine && machines.some((m) => m.machineName === step.machine)) {
    currentMachine = step.machine;
    renderMachines(); // calls showStep again
    return;
  }
  const previous = steps.slice(0, stepIndex).reverse().find((s) => s.coroutine === step.coroutine && s.machine === step.machine);
  $("step-info").textContent = `Step ${stepIndex + 1} of ${steps.length}, at ${step.timeSeconds} s (virtual time)`;
  $("step-coroutine").textContent = `${step.coroutine} (${step.machine})`;
  $("step-state").textContent = step.resumedIn === null ? "?" : String(step.resumedIn);
  $("step-ended").textContent = step.ended === "suspended" ? `suspended in state ${step.suspendedAt}` : step.ended;
  body.innerHTML = step.fields.map((f) => {
    const before = previous?.fields.find((p) => p.name === f.name);
    const changed = before && before.value !== f.value ? " class=\"changed\"" : "";
    return `<tr${changed}><td>${escapeHtml(f.name)}</td><td>${escapeHtml(f.value)}</td></tr>`;
  }).join("");
  if (step.resumedIn !== null) {
    document.querySelector(`#diagram g.state[data-state="${step.resumedIn}"]`)?.classList.add("current");
    link({ state: step.resumedIn });
  }
  updateStepButtons();
}

function moveStep(to) {
  stepIndex = Math.max(-1, Math.min(steps.length - 1, to));
  showStep();
}

// ---- set up ----

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

function load(text) {
  source.value = text;
  selection = null;
  renderGutter();
  generate();
}

async function start() {
  source.addEventListener("input", () => {
    renderGutter();
    clearTimeout(timer);
    timer = setTimeout(generate, DEBOUNCE);
  });
  source.addEventListener("scroll", syncScroll);
  source.addEventListener("mousemove", (e) => { const n = lineAt(e); if (n) link({ line: n }); });
  source.addEventListener("mouseleave", () => link(selection));
  source.addEventListener("click", () => { selection = { line: caretLine() }; link(selection); });
  source.addEventListener("keyup", (e) => { if (e.key.startsWith("Arrow")) { selection = { line: caretLine() }; link(selection); } });
  source.addEventListener("keydown", (e) => {
    if (e.key === "Tab") { e.preventDefault(); document.execCommand("insertText", false, "    "); }
  });
  wireLinks($("generated"));
  wireLinks($("diagram"));
  $("machine-tabs").addEventListener("click", (e) => {
    const name = e.target.closest("button")?.dataset.machine;
    if (name) { currentMachine = name; renderMachines(); }
  });
  $("diagnostics").addEventListener("click", (e) => {
    const line = Number(e.target.closest("li")?.dataset.line);
    if (line > 0) { selection = { line }; link(selection); source.scrollTop = Math.max(0, (line - 5) * LINE); }
  });
  $("run").addEventListener("click", run);
  $("step").addEventListener("click", () => moveStep(stepIndex + 1));
  $("step-back").addEventListener("click", () => moveStep(stepIndex - 1));
  $("step-reset").addEventListener("click", () => moveStep(-1));

  fetch("/api/about").then((r) => r.json()).then((about) => { $("network").textContent = `; ${about.network}`; }).catch(() => {});
  try {
    const response = await fetch("/api/examples");
    const examples = await response.json();
    const select = $("examples");
    select.innerHTML = examples.map((e) => `<option value="${escapeHtml(e.id)}">${escapeHtml(e.title)}</option>`).join("");
    select.addEventListener("change", () => load(examples.find((e) => e.id === select.value).source));
    load(examples[0].source);
  } catch (error) {
    setStatus(`Could not load the examples: ${error.message}`);
  }
}

start();
