// Filters the resource library's cards in the browser. The page lists every resource without
// JavaScript; this script reveals the filter form, and shows only the cards that match.
//
// The rules are those of the `resources` shortcode (src/model/resources/filter.rs). A card must match
// every facet that has a ticked box (AND across facets), and one of the ticked values within a facet
// (OR). A card for "all" curriculum levels matches any level, and one with no function serves every
// function. The text filter needs every word typed
// to appear in the card's text, and a tag from the URL must be one of the card's tags.
//
// The filter state lives in the URL query (`?function=F1&tier=2&q=anxiety`), written with
// history.replaceState so a filtered view can be shared; nothing is stored or sent anywhere.

const FACETS = ["function", "step", "audience", "level", "tier", "type"];
const ALL_LEVELS = "all";

// Typing updates the cards at once, but the count is announced only once typing pauses, so a screen
// reader is not interrupted at every key.
const ANNOUNCE_DELAY_MS = 600;

const form = document.getElementById("library-filters");
if (form) {
  setUp(form);
}

function setUp(form) {
  const elements = {
    text: form.querySelector("#library-text"),
    status: document.getElementById("library-status"),
    empty: document.getElementById("library-empty"),
    tagNotice: form.querySelector("#library-tag"),
    tagName: form.querySelector("#library-tag-name"),
    tagRemove: form.querySelector("#library-tag-remove"),
    clear: form.querySelector("#library-clear"),
    boxes: [...form.querySelectorAll('input[type="checkbox"]')],
  };
  const cards = [...document.querySelectorAll("[data-resource]")].map(describeCard);
  const state = { tag: null };
  let announceTimer;

  readQuery(new URLSearchParams(window.location.search), elements, state);
  form.hidden = false;
  update({ announce: false });

  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("change", (event) => {
    if (event.target.matches('input[type="checkbox"]')) {
      update({ announce: true });
    }
  });
  elements.text.addEventListener("input", () => update({ announce: true, delay: ANNOUNCE_DELAY_MS }));
  elements.tagRemove.addEventListener("click", () => {
    state.tag = null;
    update({ announce: true });
    elements.text.focus();
  });
  elements.clear.addEventListener("click", () => {
    for (const box of elements.boxes) {
      box.checked = false;
    }
    elements.text.value = "";
    state.tag = null;
    update({ announce: true });
  });

  function update({ announce, delay = 0 }) {
    const filters = currentFilters(elements, state);
    let shown = 0;
    for (const card of cards) {
      const visible = matches(card, filters, null);
      card.element.hidden = !visible;
      shown += visible ? 1 : 0;
    }
    updateCounts(elements.boxes, cards, filters);
    elements.empty.hidden = shown > 0;
    elements.tagNotice.hidden = !state.tag;
    elements.tagName.textContent = state.tag ?? "";
    writeQuery(filters);

    clearTimeout(announceTimer);
    const message = statusMessage(shown, cards.length);
    if (!announce) {
      elements.status.textContent = message;
    } else {
      announceTimer = setTimeout(() => {
        elements.status.textContent = message;
      }, delay);
    }
  }
}

/** Reads a card's facet values, tags and text once, so filtering does not touch the DOM again. */
function describeCard(element) {
  const values = {};
  for (const facet of FACETS) {
    values[facet] = new Set((element.dataset[facet] ?? "").split(" ").filter(Boolean));
  }
  const tags = new Set([...element.querySelectorAll("[data-tag]")].map((tag) => tag.dataset.tag));
  return { element, values, tags, text: normalise(element.textContent) };
}

/** Lower-cases and drops accents, so "Cafe" finds "café". */
function normalise(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function currentFilters(elements, state) {
  const selected = {};
  for (const facet of FACETS) {
    selected[facet] = new Set();
  }
  for (const box of elements.boxes) {
    if (box.checked) {
      selected[box.name]?.add(box.value);
    }
  }
  const text = elements.text.value;
  const words = normalise(text).split(/\s+/).filter(Boolean);
  return { selected, text: text.trim(), words, tag: state.tag };
}

/** Returns whether `card` passes `filters`, leaving out the facet `except` (for counting that facet's options). */
function matches(card, filters, except) {
  for (const facet of FACETS) {
    const wanted = filters.selected[facet];
    if (facet === except || wanted.size === 0) {
      continue;
    }
    const values = card.values[facet];
    if (!servesEvery(card, facet) && ![...wanted].some((value) => values.has(value))) {
      return false;
    }
  }
  if (filters.tag && !card.tags.has(filters.tag)) {
    return false;
  }
  return filters.words.every((word) => card.text.includes(word));
}

function hasValue(card, facet, value) {
  return card.values[facet].has(value) || servesEvery(card, facet);
}

/** Whether a card stands for every value of `facet`: "all" levels, or no function listed. */
function servesEvery(card, facet) {
  return (facet === "level" && card.values.level.has(ALL_LEVELS)) || (facet === "function" && card.values.function.size === 0);
}

/** Shows, beside each option, how many cards would match if it were the facet's only ticked box. */
function updateCounts(boxes, cards, filters) {
  for (const box of boxes) {
    const facet = box.name;
    const count = cards.filter((card) => matches(card, filters, facet) && hasValue(card, facet, box.value)).length;
    const label = box.closest("label");
    const counter = label?.querySelector("[data-count]");
    if (counter) {
      counter.textContent = String(count);
    }
    label?.classList.toggle("library-option--none", count === 0);
  }
}

function statusMessage(shown, total) {
  if (shown === total) {
    return `Showing all ${total} ${total === 1 ? "resource" : "resources"}`;
  }
  if (shown === 0) {
    return `No resources match these filters (0 of ${total})`;
  }
  return `Showing ${shown} of ${total} resources`;
}

/**
 * Ticks the boxes, fills the text filter and sets the tag named in the URL query. A facet may be
 * repeated (`function=F1&function=F2`) or list values separated by commas (`function=F1,F2`).
 * Values no box offers are ignored.
 */
function readQuery(params, elements, state) {
  for (const box of elements.boxes) {
    const wanted = params.getAll(box.name).flatMap((value) => value.split(","));
    box.checked = wanted.map((value) => value.trim()).includes(box.value);
  }
  elements.text.value = params.get("q") ?? "";
  state.tag = params.get("tag") || null;
}

function writeQuery(filters) {
  const params = new URLSearchParams();
  for (const facet of FACETS) {
    for (const value of filters.selected[facet]) {
      params.append(facet, value);
    }
  }
  if (filters.text) {
    params.set("q", filters.text);
  }
  if (filters.tag) {
    params.set("tag", filters.tag);
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
    window.history.replaceState(window.history.state, "", url);
  }
}
