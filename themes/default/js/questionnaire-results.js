// Scores one questionnaire form with the wasm engine and fills the results region of the page built by
// templates/partials/questionnaire-results.html. Scores, ranks and primary functions come from the engine
// exactly as it computes them; this module only shows them. Other pages that score these forms, such as
// a staff scoring tool, can import `scoreForm`, `codebookFor` and `drawChart`.

const PROFILE_NOT_SCORED = 0;
const PROFILE_SINGLE = 1;
const PROFILE_MIXED = 2;
const UNANSWERED = 255;

/**
 * Scores one form. `values` contains each choice item's chosen value in definition order, 255 where not
 * answered. Returns the engine's results as plain arrays in dimension order, and the response code.
 */
export function scoreForm(engine, definition, values) {
  const scorer = new engine.Scorer(
    Uint8Array.from(definition.itemDimensions),
    Uint8Array.from(definition.itemReverse),
    Uint8Array.from(definition.itemMax),
    Uint8Array.from(definition.minimumAnswered),
    definition.tieToleranceHundredths,
    definition.combine,
    definition.indicative,
  );
  try {
    scorer.addForm(definition.role, Uint8Array.from(values));
    const profile = scorer.profile();
    try {
      return {
        scores: profile.scores(),
        ranks: Array.from(profile.ranks()),
        primary: Array.from(profile.primary(), (flag) => flag === 1),
        kind: profile.kind(),
        indicative: profile.indicative(),
        answered: Array.from(scorer.formAnswered(0)),
        items: Array.from(scorer.dimensionItems()),
        minimum: Array.from(scorer.minimumAnswered()),
        code: definition.code ? encode(engine, definition, values) : "",
      };
    } finally {
      profile.free();
    }
  } finally {
    scorer.free();
  }
}

/** Returns a Codebook that reads the codes of every version of `definitions` the site keeps. */
export function codebookFor(engine, definitions) {
  const book = new engine.Codebook();
  for (const definition of definitions) {
    for (const layout of definition.code?.layouts ?? []) {
      const optionCounts = layout.items.map((index) => definition.items[index].options.length);
      book.addForm(definition.code.form, layout.version, Uint8Array.from(optionCounts));
    }
  }
  return book;
}

function encode(engine, definition, values) {
  const positions = values.map((value, index) =>
    value === UNANSWERED ? UNANSWERED : definition.items[index].options.indexOf(value),
  );
  const book = codebookFor(engine, [definition]);
  try {
    return book.encode(definition.code.form, definition.version, Uint8Array.from(positions));
  } finally {
    book.free();
  }
}

/** Fills the results region with one scored form's results. */
export function showResults(region, definition, result) {
  const tolerance = (definition.tieToleranceHundredths / 100).toFixed(2);
  const max = Math.max(...definition.itemMax);
  const entries = definition.dimensions.map((dimension, index) => ({
    dimension,
    score: result.scores[index],
    rank: result.ranks[index],
    primary: result.primary[index],
    answered: result.answered[index],
    items: result.items[index],
    minimum: result.minimum[index],
  }));

  let summary = summaryText(result.kind, entries, tolerance);
  if (result.kind !== PROFILE_NOT_SCORED && entries.some((entry) => entry.score === "")) {
    summary += " Some functions are not scored because of unanswered questions, so the comparison is incomplete.";
  }
  region.querySelector("#results-summary").textContent = summary;
  const list = region.querySelector("#results-list");
  for (const entry of entries) {
    fillDimension(list.querySelector(`[data-dimension="${entry.dimension.id}"]`), entry, max);
  }

  // Highest rank first; functions that were not scored (rank 0) go last, in definition order.
  const ordered = [...entries].sort((a, b) => (a.rank || Infinity) - (b.rank || Infinity));
  list.append(...ordered.map((entry) => list.querySelector(`[data-dimension="${entry.dimension.id}"]`)));

  drawChart(region.querySelector("#results-chart"), entries);
  const indicative = region.querySelector("#results-indicative");
  if (indicative) {
    indicative.hidden = !result.indicative;
  }
  const code = region.querySelector("#results-code");
  if (code) {
    showCode(code, result.code);
  }
}

function summaryText(kind, entries, tolerance) {
  const primary = entries.filter((entry) => entry.primary).map((entry) => entry.dimension);
  const names = primary.map((dimension) => `${dimension.id} (${dimension.name.toLowerCase()})`);
  switch (kind) {
    case PROFILE_NOT_SCORED:
      return "No function could be scored, because too many questions were left unanswered.";
    case PROFILE_SINGLE:
      return `The main function is ${names[0]}.`;
    case PROFILE_MIXED:
      return `Mixed profile: ${joinNames(names)} are main functions, each within ${tolerance} of the highest score.`;
    default:
      return `No single function stands out: all scores are within ${tolerance} of the highest.`;
  }
}

function joinNames(names) {
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function fillDimension(element, entry, max) {
  const score = element.querySelector('[data-part="score"]');
  const resources = element.querySelector('[data-part="resources"]');
  element.toggleAttribute("data-primary", entry.primary);
  if (resources) {
    resources.hidden = !entry.primary;
  }

  if (entry.score === "") {
    element.removeAttribute("data-score");
    element.removeAttribute("data-rank");
    element.dataset.notScored = "";
    score.textContent =
      `Not scored: ${entry.answered} of ${entry.items} questions answered, and ` +
      (entry.minimum === entry.items ? `all ${entry.items} are needed.` : `at least ${entry.minimum} are needed.`);
    return;
  }
  element.dataset.score = entry.score;
  element.dataset.rank = String(entry.rank);
  delete element.dataset.notScored;
  const shared = entry.primary ? " · main function" : "";
  score.textContent = `Score ${entry.score} out of ${max} · rank ${entry.rank}${shared}`;
}

/**
 * Sets each bar of a chart drawn by partials/questionnaire-results.html: the bar's width from the score,
 * the value text beside it, and the description that screen readers read for the whole chart.
 */
export function drawChart(svg, entries) {
  const origin = Number(svg.querySelector(".chart__bar")?.getAttribute("x") ?? 0);
  const unit = Number(svg.dataset.unit);
  const descriptions = [];
  for (const entry of entries) {
    const row = svg.querySelector(`[data-chart-dimension="${entry.dimension.id}"]`);
    const bar = row.querySelector(".chart__bar");
    const value = row.querySelector(".chart__value");
    const width = entry.score === "" ? 0 : Number(entry.score) * unit;
    bar.setAttribute("width", String(width));
    value.setAttribute("x", String(origin + width + 8));
    value.textContent = entry.score === "" ? "not scored" : entry.score;
    row.classList.toggle("chart__row--primary", entry.primary);

    const text = entry.score === "" ? "not scored" : entry.score;
    descriptions.push(`${entry.dimension.id} ${text}${entry.primary ? ", main function" : ""}`);
  }
  svg.querySelector("desc").textContent = `${descriptions.join("; ")}.`;
}

/**
 * Shows a code such as 001X-MFD3-V8YT-7PHX-M8S as groups of four with space around the dashes, for
 * reading aloud. The text stays the code itself, so a copied code can be pasted as it is.
 */
function showCode(element, code) {
  element.replaceChildren();
  for (const [index, group] of code.split("-").entries()) {
    if (index > 0) {
      const dash = document.createElement("span");
      dash.className = "response-code__dash";
      dash.textContent = "-";
      element.append(dash);
    }
    element.append(group);
  }
  element.dataset.code = code;
}

/** Lists the answers of a form that is not scored, for printing. */
export function showAnswers(region, form, definition) {
  const list = region.querySelector("#results-answers");
  const entries = [];
  for (const question of form.querySelectorAll(".question")) {
    const term = document.createElement("dt");
    term.textContent = `${question.querySelector(".question__number").textContent}: ${question.querySelector(".question__text").textContent}`;
    const answer = document.createElement("dd");
    answer.textContent = answerText(question) || "No answer";
    answer.classList.toggle("answers__none", answer.textContent === "No answer");
    entries.push(term, answer);
  }
  list.replaceChildren(...entries);
  region.dataset.form = definition.id;
}

function answerText(question) {
  const checked = question.querySelector("input:checked");
  if (checked) {
    return checked.closest("label").textContent.trim();
  }
  return question.querySelector("textarea")?.value.trim() ?? "";
}

/** Removes every result from the region, so nothing of the last person remains in the page. */
export function clearResults(region) {
  for (const element of region.querySelectorAll("[data-dimension]")) {
    element.removeAttribute("data-score");
    element.removeAttribute("data-rank");
    element.removeAttribute("data-primary");
    element.removeAttribute("data-not-scored");
    element.querySelector('[data-part="score"]').textContent = "";
    const resources = element.querySelector('[data-part="resources"]');
    if (resources) {
      resources.hidden = true;
    }
  }
  for (const bar of region.querySelectorAll(".chart__bar")) {
    bar.setAttribute("width", "0");
  }
  for (const value of region.querySelectorAll(".chart__value, desc, #results-summary, #results-code")) {
    value.textContent = "";
  }
  for (const row of region.querySelectorAll(".chart__row")) {
    row.classList.remove("chart__row--primary");
  }
  region.querySelector("#results-code")?.removeAttribute("data-code");
  region.querySelector("#results-answers")?.replaceChildren();
}
