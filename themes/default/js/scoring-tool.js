// Runs the staff scoring tool (templates/scoring-tool.html): one slot per form (the pupil's and any
// number of parents' and carers'), filled by keying answers from paper or by reading a response code,
// then scored and combined by the wasm engine under the chosen combination rule.
//
// Privacy: answers live only in the page's inputs and in this module's variables while scoring. Nothing
// is written to any storage and nothing is sent anywhere; "Clear everything", a reload or leaving the
// page removes them.

const UNANSWERED = 255;
const PROFILE_NOT_SCORED = 0;
const PROFILE_SINGLE = 1;
const PROFILE_MIXED = 2;
const RULES = {
  equal: { number: 0, words: "each form weighs the same" },
  parents_first: { number: 1, words: "parents' and carers' forms averaged first, then with the pupil's" },
};
// Characters that leave a question unanswered and move on; whitespace in pasted answers only separates.
const SKIP_CHARACTERS = new Set(["-", "."]);

const tool = document.getElementById("scoring-tool");
if (tool && document.getElementById("scoring-definitions")) {
  setUp(tool);
}

function setUp(tool) {
  const definitions = JSON.parse(document.getElementById("scoring-definitions").textContent);
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const ui = {
    form: document.getElementById("scoring-form"),
    forms: document.getElementById("scoring-forms"),
    add: document.getElementById("scoring-add"),
    score: document.getElementById("scoring-score"),
    waiting: document.getElementById("scoring-waiting"),
    unavailable: document.getElementById("scoring-unavailable"),
    status: document.getElementById("scoring-status"),
    results: document.getElementById("scoring-results"),
  };
  // Slots shown at first and after "Clear everything": the pupil and two parents or carers.
  const firstForms = [tool.dataset.pupilForm, tool.dataset.parentForm, tool.dataset.parentForm];
  const state = { definitions, byId, ui, firstForms, engine: null, shared: null, nextSlot: 1, resultsShown: false };

  addFirstSlots(state);
  // The value before each change, so a rejected key can put back the answer it was typed over.
  ui.forms.addEventListener("beforeinput", (event) => {
    event.target.dataset.before = event.target.value ?? "";
  });
  ui.forms.addEventListener("input", (event) => onInput(state, event));
  ui.forms.addEventListener("keydown", (event) => onKeyDown(state, event));
  ui.forms.addEventListener("focusin", (event) => {
    if (event.target.matches(".scoring-item__input")) {
      event.target.select();
    }
  });
  ui.forms.addEventListener("click", (event) => onSlotButton(state, event));
  ui.forms.addEventListener("change", (event) => {
    if (event.target.matches('select[data-action="switch-form"]')) {
      onSwitchForm(state, event.target);
    }
  });
  ui.add.addEventListener("click", () => {
    const slot = addSlot(state, tool.dataset.parentForm);
    slot.querySelector(".scoring-form__code-input").focus();
    announce(state, `${slotTitle(slot)} added.`);
  });
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    score(state, { announce: true });
  });
  ui.form.addEventListener("change", (event) => {
    if (event.target.name === "rule" && state.resultsShown) {
      score(state, { announce: true });
    }
  });
  for (const button of tool.querySelectorAll('[data-action="clear-everything"]')) {
    button.addEventListener("click", () => {
      clearEverything(state);
      announce(state, "Everything is cleared. The tool is ready for the next pupil.");
    });
  }
  document.getElementById("scoring-print").addEventListener("click", () => window.print());

  // A page restored from the back-forward cache would show the last pupil's answers again.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) {
      clearEverything(state);
    }
  });

  loadEngine(tool, state);
}

async function loadEngine(tool, state) {
  const { ui } = state;
  try {
    const [app, shared] = await Promise.all([import(tool.dataset.appJs), import(tool.dataset.resultsJs)]);
    state.shared = shared;
    state.engine = await app.engineReady;
  } catch (error) {
    console.warn("The scoring tool's scripts failed to load:", error);
  }
  ui.waiting.hidden = true;
  if (!state.engine || !state.shared) {
    ui.unavailable.hidden = false;
    return;
  }
  ui.score.disabled = false;
}

function announce(state, message) {
  state.ui.status.textContent = "";
  // A short delay makes screen readers announce the text even when it repeats the last message.
  setTimeout(() => {
    state.ui.status.textContent = message;
  }, 50);
}

// Slots

function addFirstSlots(state) {
  for (const formId of state.firstForms) {
    addSlot(state, formId);
  }
}

/** Adds a slot for the form `formId` at the end and returns it. */
function addSlot(state, formId) {
  const slot = createSlot(state, formId);
  state.ui.forms.append(slot);
  renumberSlots(state);
  return slot;
}

/** Clones the slot of the form `formId` from its template, with ids of its own. */
function createSlot(state, formId) {
  const template = document.getElementById(`scoring-template-${formId}`);
  const fragment = template.content.cloneNode(true);
  const number = String(state.nextSlot);
  state.nextSlot += 1;
  for (const element of fragment.querySelectorAll("[id], [for], [aria-describedby]")) {
    for (const name of ["id", "for", "aria-describedby"]) {
      const value = element.getAttribute(name);
      if (value) {
        element.setAttribute(name, value.replaceAll("__SLOT__", number));
      }
    }
  }
  return fragment.querySelector(".scoring-form");
}

/**
 * Puts a slot for the form `formId` in place of `slot`, keeping the typed code and every answer the new
 * form allows. Returns the new slot and how many answers were dropped.
 */
function switchForm(state, slot, formId) {
  const values = readValues(state, slot);
  const code = slot.querySelector(".scoring-form__code-input").value;
  const replacement = createSlot(state, formId);
  slot.replaceWith(replacement);
  renumberSlots(state);

  const definition = definitionOf(state, replacement);
  const kept = values.map((value, index) => (value !== null && optionsOf(definition, index).includes(value) ? value : null));
  replacement.querySelector(".scoring-form__code-input").value = code;
  fillSlot(replacement, kept);
  updateCount(replacement);
  const dropped = values.filter((value) => value !== null).length - kept.filter((value) => value !== null).length;
  return { replacement, dropped };
}

function onSwitchForm(state, select) {
  const { replacement, dropped } = switchForm(state, select.closest(".scoring-form"), select.value);
  replacement.querySelector('select[data-action="switch-form"]')?.focus();
  answersChanged(state);
  const cleared = dropped === 0 ? "" : ` ${countWords(dropped, "answer")} that this form does not allow were cleared.`;
  announce(state, `${slotTitle(replacement)}: now the form “${definitionOf(state, replacement).title}”.${cleared}`);
}

function slots(state) {
  return [...state.ui.forms.querySelectorAll(".scoring-form")];
}

/** Titles the parent slots "Parent or carer 1", "… 2" in order, and sets each slot's results key. */
function renumberSlots(state) {
  let parents = 0;
  for (const slot of slots(state)) {
    if (slot.dataset.role === "pupil") {
      slot.dataset.key = "pupil";
      continue;
    }
    parents += 1;
    slot.dataset.key = `parent-${parents}`;
    slot.querySelector('[data-part="title"]').textContent = `Parent or carer ${parents}`;
  }
}

function slotTitle(slot) {
  return slot.querySelector('[data-part="title"]').textContent;
}

function definitionOf(state, slot) {
  return state.byId.get(slot.dataset.formId);
}

function gridInputs(slot) {
  return [...slot.querySelectorAll(".scoring-item__input")];
}

function onSlotButton(state, event) {
  const button = event.target.closest("button[data-action]");
  if (!button) {
    return;
  }
  const slot = button.closest(".scoring-form");
  const title = slotTitle(slot);
  switch (button.dataset.action) {
    case "read-code":
      readCode(state, slot);
      break;
    case "clear-form":
      clearSlot(slot);
      updateCount(slot);
      slot.querySelector(".scoring-form__code-input").focus();
      answersChanged(state);
      announce(state, `The answers of ${lowerFirst(title)} are cleared.`);
      break;
    case "remove":
      slot.remove();
      renumberSlots(state);
      state.ui.add.focus();
      answersChanged(state);
      announce(state, `${title} removed.`);
      break;
    default:
      break;
  }
}

function clearSlot(slot) {
  for (const input of slot.querySelectorAll("input")) {
    input.value = "";
    input.removeAttribute("aria-invalid");
  }
  for (const message of slot.querySelectorAll('[data-part="code-message"], [data-part="grid-message"]')) {
    message.textContent = "";
    message.classList.remove("is-error");
  }
}

function clearEverything(state) {
  for (const slot of slots(state)) {
    slot.remove();
  }
  state.ui.form.reset();
  addFirstSlots(state);
  hideResults(state);
  window.scrollTo(0, 0);
  slots(state)[0]?.querySelector(".scoring-form__code-input").focus();
}

// Keying answers from paper

/** Returns the options of the item at `index`: the values an answer may take. */
function optionsOf(definition, index) {
  return definition.items[index]?.options ?? [];
}

// Scales whose values all have one digit are keyed one character per question, moving on at once.
function singleDigits(definition) {
  return definition.items.every((item) => item.options.every((value) => value <= 9));
}

function onInput(state, event) {
  const input = event.target;
  if (input.matches(".scoring-form__code-input")) {
    input.removeAttribute("aria-invalid");
    if (event.inputType === "insertFromPaste") {
      readCode(state, input.closest(".scoring-form"));
    }
    return;
  }
  if (!input.matches(".scoring-item__input")) {
    return;
  }

  const slot = input.closest(".scoring-form");
  const definition = definitionOf(state, slot);
  if (singleDigits(definition)) {
    keyCharacters(slot, definition, input);
  } else {
    keyWholeNumber(slot, definition, input);
  }
  updateCount(slot);
  answersChanged(state);
}

/**
 * Spreads what was typed or pasted into one answer box over it and the boxes after it, one character
 * per question, then moves the cursor to the next box. Stops at the first character that is not an
 * answer to its question and shows why.
 */
function keyCharacters(slot, definition, input) {
  const inputs = gridInputs(slot);
  const start = inputs.indexOf(input);
  let index = start;
  const characters = [...input.value].filter((character) => !/\s/.test(character));
  const single = [...input.value].length === 1;
  if (single && /\s/.test(input.value)) {
    characters.push("-");
  }
  input.value = "";
  showGridMessage(slot, "");
  if (characters.length === 0) {
    return;
  }

  for (const character of characters) {
    if (index >= inputs.length) {
      showGridMessage(slot, `The form has only ${inputs.length} questions, so what was typed after the last one was left out.`);
      break;
    }
    if (SKIP_CHARACTERS.has(character)) {
      inputs[index].value = "";
    } else if (/^[0-9]$/.test(character) && optionsOf(definition, index).includes(Number(character))) {
      inputs[index].value = character;
    } else {
      if (index === start) {
        input.value = input.dataset.before ?? "";
      }
      rejectCharacter(slot, definition, inputs[index], character);
      return;
    }
    index += 1;
  }
  // After the last question the cursor stays at the end of its box, so one more key cannot replace it.
  if (index >= inputs.length) {
    const last = inputs[inputs.length - 1];
    last.focus();
    last.setSelectionRange(last.value.length, last.value.length);
    return;
  }
  inputs[index].focus();
  inputs[index].select();
}

function keyWholeNumber(slot, definition, input) {
  const inputs = gridInputs(slot);
  const index = inputs.indexOf(input);
  const text = input.value.trim();
  showGridMessage(slot, "");
  if (text === "" || optionsOf(definition, index).includes(Number(text))) {
    return;
  }
  input.value = input.dataset.before ?? "";
  rejectCharacter(slot, definition, input, text);
}

function rejectCharacter(slot, definition, input, character) {
  const number = input.closest(".scoring-item").querySelector(".scoring-item__number").textContent;
  const index = gridInputs(slot).indexOf(input);
  const allowed = optionsOf(definition, index);
  showGridMessage(
    slot,
    `“${character}” is not an answer to question ${number}: type one of ${joinWords(allowed.map(String), "or")}, ` +
      "or a dash to leave it unanswered.",
  );
  input.focus();
  input.select();
}

function showGridMessage(slot, text) {
  const message = slot.querySelector('[data-part="grid-message"]');
  message.textContent = text;
  message.classList.toggle("is-error", text !== "");
}

// Arrow keys move between questions, and Backspace in an empty box goes back to the one before.
function onKeyDown(state, event) {
  const input = event.target;
  if (input.matches(".scoring-form__code-input") && event.key === "Enter") {
    event.preventDefault();
    readCode(state, input.closest(".scoring-form"));
    return;
  }
  if (!input.matches(".scoring-item__input")) {
    return;
  }
  const inputs = gridInputs(input.closest(".scoring-form"));
  const index = inputs.indexOf(input);
  let target = null;
  if (event.key === "ArrowDown") {
    target = inputs[index + 1];
  } else if (event.key === "ArrowUp" || (event.key === "Backspace" && input.value === "")) {
    target = inputs[index - 1];
  }
  if (target) {
    event.preventDefault();
    target.focus();
    target.select();
  }
}

/** Returns each question's answer value in definition order, null where unanswered. */
function readValues(state, slot) {
  const definition = definitionOf(state, slot);
  return gridInputs(slot).map((input, index) => {
    const text = input.value.trim();
    const value = Number(text);
    return text !== "" && optionsOf(definition, index).includes(value) ? value : null;
  });
}

function updateCount(slot) {
  const inputs = gridInputs(slot);
  const answered = inputs.filter((input) => input.value.trim() !== "").length;
  slot.querySelector('[data-part="count"]').textContent = `${answered} of ${inputs.length} answered`;
}

// Response codes

/** Reads the slot's response code with the engine and fills the grid with its answers. */
function readCode(state, slotToFill) {
  let slot = slotToFill;
  const input = slot.querySelector(".scoring-form__code-input");
  if (!state.engine || !state.shared) {
    showCodeMessage(state, slot, "The scoring engine has not loaded, so codes cannot be read yet.", true);
    return;
  }

  let decoded;
  try {
    decoded = decode(state, input.value);
  } catch (error) {
    input.setAttribute("aria-invalid", "true");
    showCodeMessage(state, slot, `This code cannot be read. ${sentence(error.message ?? String(error))}`, true);
    return;
  }

  const expected = definitionOf(state, slot);
  const source = state.definitions.find((definition) => definition.code?.form === decoded.form);
  if (!source || source.role !== expected.role) {
    input.setAttribute("aria-invalid", "true");
    showCodeMessage(state, slot, wrongFormMessage(source, expected), true);
    return;
  }
  // A code of another form for the same person, such as the picture version of the pupil form, switches
  // the slot to that form.
  if (source.id !== expected.id) {
    const hadFocus = slot.contains(document.activeElement);
    slot = switchForm(state, slot, source.id).replacement;
    if (hadFocus) {
      slot.querySelector('[data-action="read-code"]').focus();
    }
  }

  const values = valuesFromCode(source, decoded);
  fillSlot(slot, values);
  updateCount(slot);
  answersChanged(state);
  const answered = values.filter((value) => value !== null).length;
  const older = decoded.version === source.version ? "" : ` It was made with version ${decoded.version} of the form.`;
  const form = source.id === state.firstForms[0] || source.id === state.firstForms[1] ? "" : ` It is from the form “${source.title}”.`;
  const message = `Code read: ${answered} of ${values.length} questions answered.${form}${older} Check the answers below against the form.`;
  showCodeMessage(state, slot, message, false);
}

function wrongFormMessage(source, expected) {
  const roles = ["the pupil's form", "a parent's or carer's form"];
  if (!source) {
    return `This code is from a form this tool does not combine with “${expected.title}”, so nothing was filled in.`;
  }
  const role = roles[source.role] ?? "another form";
  return `This code is from ${role}, so nothing was filled in here. Enter it in ${role} instead.`;
}

/** Decodes a typed code with every form of the group; throws the engine's message when it cannot. */
function decode(state, text) {
  const book = state.shared.codebookFor(state.engine, state.definitions);
  try {
    const code = book.decode(text);
    try {
      return { form: code.form, version: code.version, answers: Array.from(code.answers()) };
    } finally {
      code.free();
    }
  } finally {
    book.free();
  }
}

/** Converts a decoded code's option positions, in its version's item order, to values by item. */
function valuesFromCode(definition, decoded) {
  const values = definition.items.map(() => null);
  const layout = definition.code.layouts.find((candidate) => candidate.version === decoded.version);
  layout?.items.forEach((itemIndex, position) => {
    const option = decoded.answers[position];
    if (option !== UNANSWERED && option !== undefined) {
      values[itemIndex] = definition.items[itemIndex].options[option] ?? null;
    }
  });
  return values;
}

function fillSlot(slot, values) {
  gridInputs(slot).forEach((input, index) => {
    input.value = values[index] === null ? "" : String(values[index]);
  });
  showGridMessage(slot, "");
}

function showCodeMessage(state, slot, text, isError) {
  const message = slot.querySelector('[data-part="code-message"]');
  message.textContent = text;
  message.classList.toggle("is-error", isError);
  announce(state, `${slotTitle(slot)}: ${text}`);
}

/** Encodes a form's answers as its response code, or returns "" for a form without codes. */
function encode(state, definition, values) {
  if (!definition.code) {
    return "";
  }
  const positions = values.map((value, index) => (value === null ? UNANSWERED : optionsOf(definition, index).indexOf(value)));
  const book = state.shared.codebookFor(state.engine, [definition]);
  try {
    return book.encode(definition.code.form, definition.version, Uint8Array.from(positions));
  } finally {
    book.free();
  }
}

// Scoring

/** Re-scores when results are on screen, so they always match the answers shown. */
function answersChanged(state) {
  if (state.resultsShown) {
    score(state, { announce: false });
  }
}

function chosenRule(state) {
  const checked = state.ui.form.querySelector('input[name="rule"]:checked');
  return RULES[checked?.value] ?? RULES.equal;
}

/**
 * Scores every form that has at least one answer and combines them under the chosen rule. The item
 * rules come from the pupil's form: the build leaves out forms of the group whose items score differently.
 */
function score(state, { announce: speak }) {
  if (!state.engine || !state.shared) {
    return;
  }
  const forms = slots(state)
    .map((slot) => ({ slot, definition: definitionOf(state, slot), values: readValues(state, slot) }))
    .filter((form) => form.values.some((value) => value !== null));
  if (forms.length === 0) {
    hideResults(state);
    if (speak) {
      announce(state, "There is nothing to score yet: enter the answers or the response code of at least one form.");
    }
    return;
  }

  let result;
  try {
    result = combine(state, forms);
  } catch (error) {
    console.error("The forms could not be scored:", error);
    announce(state, `The forms could not be scored. ${sentence(error.message ?? String(error))}`);
    return;
  }
  for (const form of forms) {
    form.code = encode(state, form.definition, form.values);
  }
  showResults(state, forms, result);
  if (speak) {
    announce(state, `Results for ${countWords(forms.length, "form")}: ${state.ui.results.querySelector("#scoring-summary").textContent}`);
  }
}

function combine(state, forms) {
  // Every form of the tool scores its items alike (the build checks this), but the tie tolerance and
  // the indicative flag may differ: the tolerance of the pupil's form in use applies.
  const base = forms.find((form) => form.definition.role === 0)?.definition ?? forms[0].definition;
  const rule = chosenRule(state);
  const scorer = new state.engine.Scorer(
    Uint8Array.from(base.itemDimensions),
    Uint8Array.from(base.itemReverse),
    Uint8Array.from(base.itemMax),
    Uint8Array.from(base.minimumAnswered),
    base.tieToleranceHundredths,
    rule.number,
    forms.some((form) => form.definition.indicative),
  );
  try {
    for (const form of forms) {
      scorer.addForm(form.definition.role, Uint8Array.from(form.values.map((value) => value ?? UNANSWERED)));
    }
    forms.forEach((form, index) => {
      form.scores = scorer.formScores(index);
      form.answered = Array.from(scorer.formAnswered(index));
    });
    const profile = scorer.profile();
    try {
      return {
        rule,
        base,
        items: Array.from(scorer.dimensionItems()),
        scores: profile.scores(),
        ranks: Array.from(profile.ranks()),
        primary: Array.from(profile.primary(), (flag) => flag === 1),
        formsScored: Array.from(profile.formsScored()),
        formsTotal: profile.formsTotal(),
        kind: profile.kind(),
        indicative: profile.indicative(),
      };
    } finally {
      profile.free();
    }
  } finally {
    scorer.free();
  }
}

// Results

function showResults(state, forms, result) {
  const region = state.ui.results;
  const wasHidden = region.hidden;
  const entries = result.base.dimensions.map((dimension, index) => ({
    dimension,
    score: result.scores[index],
    rank: result.ranks[index],
    primary: result.primary[index],
    formsScored: result.formsScored[index],
  }));

  region.dataset.profile = profileName(result.kind);
  region.querySelector("#scoring-summary").textContent = summaryText(result, entries);
  showProfileFlag(region, result.kind);
  region.querySelector("#scoring-rule-used").textContent = `Combined with the rule: ${result.rule.words}.`;
  region.querySelector("#scoring-indicative").hidden = !result.indicative;
  fillTable(region, forms, entries, result);
  state.shared.drawChart(region.querySelector("#scoring-chart"), entries);
  fillCombinedList(region, entries, result);
  showInterventions(region, entries);
  listCodes(region, forms);

  region.hidden = false;
  state.resultsShown = true;
  if (wasHidden) {
    region.querySelector("h2").focus();
  }
}

function profileName(kind) {
  return ["not-scored", "single", "mixed", "none-stands-out"][kind] ?? "not-scored";
}

function summaryText(result, entries) {
  const tolerance = (result.base.tieToleranceHundredths / 100).toFixed(2);
  const names = entries.filter((entry) => entry.primary).map((entry) => `${entry.dimension.id} (${lowerFirst(entry.dimension.name)})`);
  let text;
  switch (result.kind) {
    case PROFILE_NOT_SCORED:
      return "No function could be scored, because too many questions were left unanswered on every form.";
    case PROFILE_SINGLE:
      text = `The main function is ${names[0]}.`;
      break;
    case PROFILE_MIXED:
      text = `The main functions are ${joinWords(names, "and")}, each within ${tolerance} of the highest score.`;
      break;
    default:
      text = `No single function stands out: all scores are within ${tolerance} of the highest.`;
  }
  if (entries.some((entry) => entry.score === "")) {
    text += " Some functions are not scored on any form, so the comparison is incomplete.";
  }
  return text;
}

function showProfileFlag(region, kind) {
  const flag = region.querySelector("#scoring-profile");
  const texts = {
    [PROFILE_MIXED]: "Mixed profile: more than one function is a main function.",
    3: "Mixed profile: no single function stands out.",
  };
  flag.textContent = texts[kind] ?? "";
  flag.hidden = !(kind in texts);
}

/** Writes the table: one column per form, then the combined score, the forms it comes from and its rank. */
function fillTable(region, forms, entries, result) {
  const head = region.querySelector("#scoring-table-head");
  const titles = [...forms.map((form) => slotTitle(form.slot)), "Combined", "Forms", "Rank"];
  head.replaceChildren(cell("th", "Function", { scope: "col" }), ...titles.map((title) => cell("th", title, { scope: "col" })));

  entries.forEach((entry, index) => {
    const row = region.querySelector(`[data-row="${entry.dimension.id}"]`);
    const header = cell("th", entry.dimension.id, { scope: "row" });
    const formCells = forms.map((form) => formCell(form, entry.dimension.id, index, result.items[index]));
    const combined = cell("td", entry.score === "" ? "not scored" : entry.score, { class: "scoring-table__combined" });
    combined.classList.toggle("scoring-table__combined--primary", entry.primary);
    if (entry.primary) {
      combined.append(" ", cell("span", "main", { class: "scoring-table__main" }));
    }
    const count = cell("td", `${entry.formsScored} of ${result.formsTotal}`);
    const rank = cell("td", entry.rank === 0 ? "–" : String(entry.rank));
    row.replaceChildren(header, ...formCells, combined, count, rank);
  });
}

function formCell(form, dimensionId, index, items) {
  const score = form.scores[index];
  const element = cell("td", score === "" ? "not scored" : score, {
    "data-form": form.slot.dataset.key,
    "data-dimension": dimensionId,
  });
  if (score === "") {
    element.dataset.notScored = "";
    element.append(" ", cell("span", `(${form.answered[index]} of ${items} answered)`, { class: "scoring-table__detail" }));
  } else {
    element.dataset.score = score;
  }
  return element;
}

function cell(tag, text, attributes = {}) {
  const element = document.createElement(tag);
  element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value);
  }
  return element;
}

/** Fills and orders the combined list: highest rank first, functions not scored last. */
function fillCombinedList(region, entries, result) {
  const list = region.querySelector("#scoring-combined");
  const max = Math.max(...result.base.itemMax);
  for (const entry of entries) {
    const element = list.querySelector(`[data-dimension="${entry.dimension.id}"]`);
    const text = element.querySelector('[data-part="score"]');
    element.toggleAttribute("data-primary", entry.primary);
    const forms = `from ${entry.formsScored} of ${countWords(result.formsTotal, "form")}`;
    if (entry.score === "") {
      element.removeAttribute("data-score");
      element.removeAttribute("data-rank");
      element.dataset.notScored = "";
      text.textContent = `Not scored on any form (${forms})`;
      continue;
    }
    element.dataset.score = entry.score;
    element.dataset.rank = String(entry.rank);
    delete element.dataset.notScored;
    text.textContent = `Combined score ${entry.score} out of ${max} · ${forms} · rank ${entry.rank}${entry.primary ? " · main function" : ""}`;
  }
  const ordered = [...entries].sort((a, b) => (a.rank || Infinity) - (b.rank || Infinity));
  list.append(...ordered.map((entry) => list.querySelector(`[data-dimension="${entry.dimension.id}"]`)));
}

/** Shows the resources of each primary function and a library link filtered by all of them. */
function showInterventions(region, entries) {
  const primary = entries.filter((entry) => entry.primary);
  for (const block of region.querySelectorAll("[data-resources-for]")) {
    block.hidden = !primary.some((entry) => entry.dimension.id === block.dataset.resourcesFor);
  }

  const urls = primary.map((entry) => entry.dimension.resourcesUrl).filter(Boolean);
  const all = region.querySelector("#scoring-library-link");
  all.hidden = urls.length < 2;
  if (urls.length >= 2) {
    const combined = new URL(urls[0], window.location.href);
    for (const url of urls.slice(1)) {
      for (const [name, value] of new URL(url, window.location.href).searchParams) {
        combined.searchParams.append(name, value);
      }
    }
    all.querySelector("a").href = `${combined.pathname}${combined.search}`;
  }
}

function listCodes(region, forms) {
  const list = region.querySelector("#scoring-codes");
  const items = forms.flatMap((form) => {
    const term = cell("dt", slotTitle(form.slot));
    const code = cell("dd", form.code || "This form has no response code.", { class: "scoring-codes__code" });
    if (form.code) {
      code.dataset.code = form.code;
      code.dataset.form = form.slot.dataset.key;
    }
    return [term, code];
  });
  list.replaceChildren(...items);
}

/** Hides the results and removes every value from them, so nothing of the last pupil remains. */
function hideResults(state) {
  const region = state.ui.results;
  region.hidden = true;
  state.resultsShown = false;
  delete region.dataset.profile;
  for (const row of region.querySelectorAll("[data-row]")) {
    row.replaceChildren(cell("th", row.dataset.row, { scope: "row" }));
  }
  region.querySelector("#scoring-table-head").replaceChildren(cell("th", "Function", { scope: "col" }));
  for (const element of region.querySelectorAll("#scoring-combined [data-dimension]")) {
    for (const name of ["data-score", "data-rank", "data-primary", "data-not-scored"]) {
      element.removeAttribute(name);
    }
    element.querySelector('[data-part="score"]').textContent = "";
  }
  for (const bar of region.querySelectorAll(".chart__bar")) {
    bar.setAttribute("width", "0");
  }
  for (const row of region.querySelectorAll(".chart__row")) {
    row.classList.remove("chart__row--primary");
  }
  for (const element of region.querySelectorAll(".chart__value, desc, #scoring-summary, #scoring-profile, #scoring-rule-used")) {
    element.textContent = "";
  }
  for (const block of region.querySelectorAll("[data-resources-for], #scoring-library-link")) {
    block.hidden = true;
  }
  region.querySelector("#scoring-codes").replaceChildren();
}

// Words

function joinWords(words, conjunction) {
  return words.length < 2 ? words.join("") : `${words.slice(0, -1).join(", ")} ${conjunction} ${words.at(-1)}`;
}

function countWords(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function lowerFirst(text) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Turns an engine message ("the code is empty; …") into a sentence with a capital and a full stop. */
function sentence(text) {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
