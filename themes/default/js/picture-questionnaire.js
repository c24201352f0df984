// Runs a picture questionnaire (templates/picture-questionnaire.html) as a series of screens: a start
// screen, one screen per question, a hand-over screen and the results. The results appear only after an
// adult presses and holds a button, and "Next pupil" clears everything for the next child.
//
// Privacy: answers live only in the form in this page's memory. Nothing is written to sessionStorage,
// localStorage or IndexedDB, and the reset also removes the key the plain questionnaire page uses, in
// case an earlier version of the site stored answers there. Nothing is sent anywhere.

const STORAGE_PREFIX = "attendance-guide:questionnaire:";

// The engine's answer arrays use 255 for "not answered".
const UNANSWERED = 255;

// How long the adult holds the button before the results show. The hold guards against a child seeing
// the results by accident; it is not a lock.
const HOLD_MS = 2000;

const page = document.getElementById("picture-questionnaire");
if (page) {
  setUp(page);
}

function setUp(page) {
  const definition = JSON.parse(document.getElementById("questionnaire-definition").textContent);
  const byId = (id) => document.getElementById(id);
  const ui = {
    title: byId("questionnaire-title"),
    bar: byId("picture-bar"),
    progressText: byId("picture-progress-text"),
    progressBar: byId("picture-progress-bar"),
    speaker: byId("picture-speaker"),
    speakerLabel: byId("picture-speaker-label"),
    clear: byId("questionnaire-clear"),
    status: byId("questionnaire-status"),
    start: byId("picture-start"),
    begin: byId("picture-begin"),
    form: byId("questionnaire-form"),
    items: [...document.querySelectorAll(".picture__item")],
    nav: byId("picture-nav"),
    back: byId("picture-back"),
    next: byId("picture-next"),
    handOver: byId("picture-hand-over"),
    hold: byId("hand-over-hold"),
    holdProgress: byId("hand-over-progress"),
    unavailable: byId("hand-over-unavailable"),
    handOverBack: byId("hand-over-back"),
    results: byId("questionnaire-results"),
  };
  const state = { definition, ui, screen: "start", index: 0, engine: null, results: null, reader: null, hold: null };

  forgetStoredAnswers(state);
  page.classList.add("picture--screens");
  ui.bar.hidden = false;
  ui.begin.hidden = false;
  ui.nav.hidden = false;
  ui.form.querySelector(".picture__finish").hidden = true;

  ui.begin.addEventListener("click", () => showItem(state, 0));
  ui.back.addEventListener("click", () => (state.index === 0 ? showStart(state) : showItem(state, state.index - 1)));
  ui.next.addEventListener("click", () => {
    if (state.index + 1 < ui.items.length) {
      showItem(state, state.index + 1);
    } else {
      showHandOver(state);
    }
  });
  ui.form.addEventListener("submit", (event) => event.preventDefault());
  ui.form.addEventListener("change", () => state.reader?.stop());
  ui.clear.addEventListener("click", () => {
    reset(state);
    announce(state, "All answers are cleared.");
  });
  ui.handOverBack.addEventListener("click", () => showItem(state, ui.items.length - 1));
  ui.speaker?.addEventListener("click", () => readScreen(state));
  setUpHold(state);
  document.getElementById("results-print").addEventListener("click", () => window.print());
  document.getElementById("results-restart").addEventListener("click", () => {
    reset(state);
    announce(state, "All answers are cleared. The questionnaire is ready for the next pupil.");
  });

  // Leaving the page after the last question clears the answers, so neither the back-forward cache nor
  // the back button can show them to the next child.
  window.addEventListener("pagehide", () => {
    if (state.screen === "hand-over" || state.screen === "results") {
      reset(state);
    }
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && state.screen !== "start") {
      reset(state);
    }
  });

  showStart(state, { focus: false });
  loadScripts(state);
}

async function loadScripts(state) {
  const { ui } = state;
  const reader = page.dataset.readAloud === "true" ? import(page.dataset.readAloudJs) : Promise.resolve(null);
  const [app, results, readAloud] = await Promise.all([
    import(page.dataset.appJs),
    import(page.dataset.resultsJs),
    reader,
  ]);
  if (readAloud) {
    state.reader = new readAloud.ReadAloud({
      language: document.documentElement.lang || "en",
      onChange: () => updateSpeaker(state),
    });
    updateSpeaker(state);
  }

  state.results = results;
  state.engine = await app.engineReady;
  ui.hold.disabled = !state.engine;
  ui.unavailable.hidden = Boolean(state.engine);
}

// ---------------------------------------------------------------------------------------------------------
// Screens

function showScreen(state, screen) {
  const { ui } = state;
  state.reader?.stop();
  cancelHold(state);
  state.screen = screen;
  document.documentElement.dataset.pictureScreen = screen;
  ui.start.hidden = screen !== "start";
  ui.form.hidden = screen !== "item";
  ui.handOver.hidden = screen !== "hand-over";
  ui.results.hidden = screen !== "results";
  ui.bar.hidden = screen === "results";
  ui.progressText.parentElement.hidden = screen !== "item";
  updateSpeaker(state);
}

function showStart(state, { focus = true } = {}) {
  showScreen(state, "start");
  if (focus) {
    state.ui.title.focus();
  }
}

function showItem(state, index) {
  const { ui } = state;
  state.index = index;
  for (const [position, fieldset] of ui.items.entries()) {
    fieldset.hidden = position !== index;
  }
  showScreen(state, "item");

  const count = ui.items.length;
  ui.progressText.textContent = `${index + 1} of ${count}`;
  ui.progressBar.value = index + 1;
  ui.next.textContent = index + 1 === count ? "Finish" : "Next";
  ui.items[index].querySelector(".picture__question").focus();
}

function showHandOver(state) {
  showScreen(state, "hand-over");
  state.ui.handOver.querySelector("h2").focus();
}

function showResults(state) {
  const { ui, definition } = state;
  if (!state.engine || !state.results) {
    return;
  }
  const values = readValues(state).map((value) => value ?? UNANSWERED);
  try {
    state.results.showResults(ui.results, definition, state.results.scoreForm(state.engine, definition, values));
  } catch (error) {
    console.error("The questionnaire could not be scored:", error);
    announce(state, "Sorry, the answers could not be scored. Please use the paper version.");
    return;
  }
  showScreen(state, "results");
  ui.results.querySelector("h2").focus();
}

/** Returns the value chosen for each item, in definition order, with null where unanswered. */
function readValues(state) {
  const { form } = state.ui;
  return state.definition.items.map((item) => {
    const chosen = form.elements.namedItem(item.id)?.value ?? "";
    return chosen === "" ? null : Number(chosen);
  });
}

/** Clears the answers, the results and the history entry's state, and shows the start screen. */
function reset(state) {
  const { ui } = state;
  ui.form.reset();
  state.results?.clearResults(ui.results);
  forgetStoredAnswers(state);
  history.replaceState(null, "", `${location.pathname}${location.search}`);
  state.index = 0;
  showStart(state, { focus: false });
  window.scrollTo(0, 0);
  ui.title.focus();
}

function forgetStoredAnswers(state) {
  const key = `${STORAGE_PREFIX}${state.definition.id}:${state.definition.version}`;
  for (const storage of ["sessionStorage", "localStorage"]) {
    try {
      window[storage].removeItem(key);
    } catch {
      // Storage that is switched off holds nothing.
    }
  }
}

function announce(state, message) {
  state.ui.status.textContent = "";
  // A short delay makes screen readers announce the text even when it repeats the last message.
  setTimeout(() => {
    state.ui.status.textContent = message;
  }, 50);
}

// ---------------------------------------------------------------------------------------------------------
// Read-aloud

/** Returns what the speaker reads on the current screen: `{ text, audio, element }` per part. */
function screenParts(state) {
  const { ui } = state;
  const container = {
    start: ui.start,
    item: ui.items[state.index],
    "hand-over": ui.handOver,
  }[state.screen];
  if (!container) {
    return [];
  }
  return [...container.querySelectorAll("[data-read]")].map((element) => ({
    element,
    text: element.textContent.trim(),
    // An option reads only its own recording; the question reads its item's.
    audio: (element.closest(".picture__option") ?? element.closest("[data-audio]"))?.dataset.audio ?? "",
  }));
}

function updateSpeaker(state) {
  const { ui } = state;
  if (!ui.speaker) {
    return;
  }
  if (!state.reader) {
    ui.speaker.disabled = true;
    return;
  }
  const available = state.reader.canRead(screenParts(state));
  ui.speaker.disabled = !available;
  ui.speakerLabel.textContent = available ? "Listen" : "Read-aloud is not available on this device";
}

function readScreen(state) {
  const parts = screenParts(state);
  const marked = "picture--reading";
  state.reader?.read(parts, (index) => {
    for (const [position, part] of parts.entries()) {
      part.element.classList.toggle(marked, position === index);
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// Press and hold

function setUpHold(state) {
  const { hold } = state.ui;
  hold.addEventListener("pointerdown", (event) => {
    if (event.button === 0) {
      hold.setPointerCapture?.(event.pointerId);
      startHold(state);
    }
  });
  for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
    hold.addEventListener(type, () => cancelHold(state));
  }
  hold.addEventListener("keydown", (event) => {
    if ((event.key === " " || event.key === "Enter") && !event.repeat) {
      event.preventDefault();
      startHold(state);
    }
  });
  hold.addEventListener("keyup", (event) => {
    if (event.key === " " || event.key === "Enter") {
      cancelHold(state);
    }
  });
  hold.addEventListener("blur", () => cancelHold(state));
  // A long press on a touch screen would otherwise open the browser's menu.
  hold.addEventListener("contextmenu", (event) => event.preventDefault());
}

function startHold(state) {
  const { hold, holdProgress } = state.ui;
  if (hold.disabled || state.hold) {
    return;
  }
  const started = performance.now();
  const step = (now) => {
    const elapsed = now - started;
    holdProgress.value = Math.min(100, (elapsed / HOLD_MS) * 100);
    if (elapsed >= HOLD_MS) {
      state.hold = null;
      holdProgress.value = 0;
      showResults(state);
      return;
    }
    state.hold = requestAnimationFrame(step);
  };
  state.hold = requestAnimationFrame(step);
}

function cancelHold(state) {
  if (state.hold !== null) {
    cancelAnimationFrame(state.hold);
    state.hold = null;
  }
  state.ui.holdProgress.value = 0;
}
