// Runs a questionnaire page: keeps the answers while the form is filled in, points out unanswered
// questions, and on finishing hands the answers to js/questionnaire-results.js, which scores them with
// the wasm engine. It also wires the print button of the paper version.
//
// Privacy: answers live in the form and, so that an accidental reload does not lose them, in
// sessionStorage under one key per form and version. The key is removed when the person finishes,
// clears the answers or starts again. Nothing is sent anywhere.

const STORAGE_PREFIX = "attendance-guide:questionnaire:";

// The engine's answer arrays use 255 for "not answered".
const UNANSWERED = 255;

for (const button of document.querySelectorAll('[data-action="print"]')) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

const page = document.getElementById("questionnaire");
if (page) {
  setUp(page);
}

function setUp(page) {
  const definition = JSON.parse(document.getElementById("questionnaire-definition").textContent);
  const ui = {
    title: document.getElementById("questionnaire-title"),
    intro: page.querySelector(".questionnaire__intro"),
    form: document.getElementById("questionnaire-form"),
    progress: document.getElementById("questionnaire-progress"),
    status: document.getElementById("questionnaire-status"),
    clear: document.getElementById("questionnaire-clear"),
    missing: document.getElementById("questionnaire-missing"),
    missingText: document.getElementById("questionnaire-missing-text"),
    missingList: document.getElementById("questionnaire-missing-list"),
    finishAnyway: document.getElementById("questionnaire-finish-anyway"),
    finish: document.getElementById("questionnaire-finish"),
    waiting: document.getElementById("questionnaire-waiting"),
    unavailable: document.getElementById("questionnaire-unavailable"),
    results: document.getElementById("questionnaire-results"),
  };
  const state = { definition, ui, engine: null, results: null, storageKey: `${STORAGE_PREFIX}${definition.id}:${definition.version}` };

  restoreAnswers(state);
  updateProgress(state);

  ui.form.addEventListener("change", () => onAnswer(state));
  ui.form.addEventListener("input", () => onAnswer(state));
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    finish(state, { anyway: false });
  });
  ui.finishAnyway.addEventListener("click", () => finish(state, { anyway: true }));
  ui.missingList.addEventListener("click", (event) => goToQuestion(event));
  ui.clear.addEventListener("click", () => {
    startAgain(state);
    announce(state, "All answers are cleared.");
  });
  document.getElementById("results-print").addEventListener("click", () => window.print());
  document.getElementById("results-change").addEventListener("click", () => changeAnswers(state));
  document.getElementById("results-restart").addEventListener("click", () => {
    startAgain(state);
    announce(state, "All answers are cleared. The questionnaire is ready for the next person.");
  });

  // A page restored from the back-forward cache would show the last person's results again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && !ui.results.hidden) {
      startAgain(state);
    }
  });

  loadScripts(state);
}

async function loadScripts(state) {
  const { ui, definition } = state;
  const [app, results] = await Promise.all([import(page.dataset.appJs), import(page.dataset.resultsJs)]);
  state.results = results;
  state.engine = await app.engineReady;

  if (definition.scored && !state.engine) {
    ui.waiting.hidden = true;
    ui.unavailable.hidden = false;
    return;
  }
  ui.finish.disabled = false;
  ui.waiting.hidden = true;
}

/** Returns the value chosen for each choice item (null where unanswered) and the text of each text item. */
function readAnswers(state) {
  const { form } = state.ui;
  const values = state.definition.items.map((item) => {
    const chosen = form.elements.namedItem(item.id)?.value ?? "";
    return chosen === "" ? null : Number(chosen);
  });
  const texts = state.definition.textItems.map((id) => form.elements.namedItem(id)?.value ?? "");
  return { values, texts };
}

function unansweredItems(state, values) {
  return state.definition.items.filter((_, index) => values[index] === null);
}

function onAnswer(state) {
  saveAnswers(state);
  updateProgress(state);
  if (!state.ui.missing.hidden) {
    showMissing(state, unansweredItems(state, readAnswers(state).values), { focus: false });
  }
}

function updateProgress(state) {
  const { values } = readAnswers(state);
  const answered = values.filter((value) => value !== null).length;
  state.ui.progress.textContent = `${answered} of ${values.length} answered`;
}

function announce(state, message) {
  state.ui.status.textContent = "";
  // A short delay makes screen readers announce the text even when it repeats the last message.
  setTimeout(() => {
    state.ui.status.textContent = message;
  }, 50);
}

function finish(state, { anyway }) {
  const { ui, definition } = state;
  if (ui.finish.disabled || !state.results) {
    return;
  }
  const answers = readAnswers(state);
  const missing = unansweredItems(state, answers.values);
  if (missing.length > 0 && !anyway) {
    showMissing(state, missing, { focus: true });
    return;
  }

  try {
    if (definition.scored) {
      const values = answers.values.map((value) => value ?? UNANSWERED);
      state.results.showResults(ui.results, definition, state.results.scoreForm(state.engine, definition, values));
    } else {
      state.results.showAnswers(ui.results, ui.form, definition);
    }
  } catch (error) {
    console.error("The questionnaire could not be scored:", error);
    announce(state, "Sorry, the answers could not be scored. Please use the paper version.");
    return;
  }

  removeStoredAnswers(state);
  hideMissing(state);
  ui.form.hidden = true;
  ui.intro.hidden = true;
  ui.progress.hidden = true;
  ui.results.hidden = false;
  ui.results.querySelector("h2").focus();
}

function showMissing(state, missing, { focus }) {
  const { ui } = state;
  markMissing(state, missing);
  if (missing.length === 0) {
    hideMissing(state);
    return;
  }

  const count = missing.length === 1 ? "1 question has" : `${missing.length} questions have`;
  const consequence = state.definition.scored
    ? "Answer them, or finish anyway: a function with too few answers is then shown as not scored."
    : "Answer them, or finish anyway if you do not know.";
  ui.missingText.textContent = `${count} no answer yet. ${consequence}`;
  ui.missingList.replaceChildren(
    ...missing.map((item) => {
      const fieldset = document.getElementById(`item-${item.id}`);
      const link = document.createElement("a");
      link.href = `#item-${item.id}`;
      link.textContent = fieldset.querySelector(".question__number").textContent;
      const entry = document.createElement("li");
      entry.append(link);
      return entry;
    }),
  );
  ui.missing.hidden = false;
  if (focus) {
    ui.missing.focus();
  }
}

function hideMissing(state) {
  state.ui.missing.hidden = true;
  markMissing(state, []);
}

/** Marks each unanswered question's fieldset, and unmarks the others. */
function markMissing(state, missing) {
  const ids = new Set(missing.map((item) => item.id));
  for (const item of state.definition.items) {
    const fieldset = document.getElementById(`item-${item.id}`);
    fieldset.classList.toggle("question--missing", ids.has(item.id));
    fieldset.querySelector(".question__missing")?.remove();
    if (ids.has(item.id)) {
      const note = document.createElement("p");
      note.className = "question__missing";
      note.textContent = "No answer yet";
      fieldset.querySelector(".question__options").before(note);
    }
  }
}

// Moves focus into the question a summary link names, so keyboard and screen-reader users land on it.
function goToQuestion(event) {
  const link = event.target.closest("a[href^='#item-']");
  if (!link) {
    return;
  }
  event.preventDefault();
  const fieldset = document.getElementById(link.getAttribute("href").slice(1));
  fieldset?.querySelector("input")?.focus();
  fieldset?.scrollIntoView({ block: "start" });
}

function changeAnswers(state) {
  const { ui } = state;
  ui.results.hidden = true;
  ui.form.hidden = false;
  ui.intro.hidden = false;
  ui.progress.hidden = false;
  saveAnswers(state);
  ui.title.focus();
}

/** Clears the answers, the stored copy and the results, and shows the empty form from the top. */
function startAgain(state) {
  const { ui } = state;
  ui.form.reset();
  removeStoredAnswers(state);
  hideMissing(state);
  state.results?.clearResults(ui.results);
  ui.results.hidden = true;
  ui.form.hidden = false;
  ui.intro.hidden = false;
  ui.progress.hidden = false;
  updateProgress(state);
  window.scrollTo(0, 0);
  ui.title.focus();
}

function saveAnswers(state) {
  const answers = {};
  for (const element of state.ui.form.elements) {
    if ((element.type === "radio" && element.checked) || (element.tagName === "TEXTAREA" && element.value !== "")) {
      answers[element.name] = element.value;
    }
  }
  try {
    if (Object.keys(answers).length === 0) {
      sessionStorage.removeItem(state.storageKey);
    } else {
      sessionStorage.setItem(state.storageKey, JSON.stringify(answers));
    }
  } catch {
    // Storage can be switched off or full; the answers are still in the form.
  }
}

function removeStoredAnswers(state) {
  try {
    sessionStorage.removeItem(state.storageKey);
  } catch {
    // Nothing was stored when storage is unavailable.
  }
}

function restoreAnswers(state) {
  let stored = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(state.storageKey) ?? "null");
  } catch {
    return;
  }
  if (!stored || typeof stored !== "object") {
    return;
  }

  const { form } = state.ui;
  for (const [name, value] of Object.entries(stored)) {
    const field = form.elements.namedItem(name);
    if (field && typeof value === "string") {
      field.value = value;
    }
  }
  announce(state, "Your answers from earlier in this session are filled in. Press Clear answers to start afresh.");
}
