// Full-text search of the guide, run in the browser. The build writes one JSON index (title, section,
// headings and plain text of every page and resource) with a content hash in its name and gives its URL
// in data-index. This module fetches it the first time a search box is focused or typed in, never before.
//
// Matching folds case and accents ("Fàilte" finds "failte"), needs every word of the query (AND), and
// treats the last word as a prefix while it is being typed. Title matches rank above heading matches,
// which rank above matches in the text.
//
// Two widgets use it: the header's combobox (data-search-box) and the search page (data-search-page),
// which shows every result for ?q=. The CSP's form-action 'none' blocks form submission, so both forms
// are hidden in the markup and only shown here, where submitting is handled without a request.

export const INDEX_FORMAT_VERSION = 1;

const WEIGHT_TITLE = 100;
const WEIGHT_HEADING = 20;
const WEIGHT_TEXT = 1;
// Text matches beyond this count add nothing, so a long page cannot outrank a title match by repetition.
const MAX_TEXT_MATCHES = 10;
// A word that only starts with the query's last word counts for this share of a whole-word match.
const PREFIX_FACTOR = 0.6;

const SNIPPET_WORDS = 24;
// Words shown before the first match of a snippet, so the match is read in context.
const SNIPPET_LEAD = 6;
const POPUP_RESULTS = 8;
// Screen readers hear the result count once typing pauses for this long, not after every key.
const ANNOUNCE_DELAY_MS = 500;

const WORD = /[\p{L}\p{N}]+/gu;
const LETTERS_WITHOUT_DECOMPOSITION = new Map([
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
  ['ø', 'o'],
  ['ł', 'l'],
  ['đ', 'd'],
  ['ð', 'd'],
  ['þ', 'th'],
  ['ı', 'i'],
]);

/** Returns `word` in lower case without accents: "Fàilte" → "failte", "Straße" → "strasse". */
export function fold(word) {
  const bare = word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '');
  return bare.replace(/[ßæœøłđðþı]/g, (letter) => LETTERS_WITHOUT_DECOMPOSITION.get(letter));
}

/** Splits `text` into words with their offsets: [{ start, end, folded }]. */
export function tokenize(text) {
  const tokens = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({ start: match.index, end: match.index + match[0].length, folded: fold(match[0]) });
  }
  return tokens;
}

/**
 * Returns the query's terms: [{ text, prefix }]. The last word is a prefix unless the query ends in a
 * space or punctuation, which means the reader has finished typing it.
 */
export function parseQuery(query) {
  const tokens = tokenize(query);
  const finished = tokens.length === 0 || tokens.at(-1).end < query.length;
  const terms = [];
  tokens.forEach((token, position) => {
    const prefix = !finished && position === tokens.length - 1;
    const existing = terms.find((term) => term.text === token.folded);
    if (existing) {
      existing.prefix &&= prefix;
    } else {
      terms.push({ text: token.folded, prefix });
    }
  });
  return terms;
}

/** Checks the index file's shape and returns it ready to search, with every field tokenised once. */
export function prepareIndex(data) {
  if (data?.version !== INDEX_FORMAT_VERSION || !Array.isArray(data.documents)) {
    throw new Error(`unsupported search index (version ${JSON.stringify(data?.version)})`);
  }
  return data.documents.map((document, order) => ({
    document,
    order,
    title: tokenize(document.title),
    headings: document.headings.map((heading) => tokenize(heading.text)),
    text: tokenize(document.text),
  }));
}

function tokenWeight(token, term) {
  if (token.folded === term.text) {
    return 1;
  }
  return term.prefix && token.folded.startsWith(term.text) ? PREFIX_FACTOR : 0;
}

function bestWeight(tokens, term) {
  let best = 0;
  for (const token of tokens) {
    best = Math.max(best, tokenWeight(token, term));
  }
  return best;
}

function textWeight(tokens, term) {
  let total = 0;
  let count = 0;
  for (const token of tokens) {
    const weight = tokenWeight(token, term);
    if (weight > 0 && count < MAX_TEXT_MATCHES) {
      total += weight;
      count += 1;
    }
  }
  return total;
}

// Returns the score of one document, or 0 when some term matches nowhere in it.
function scoreDocument(prepared, terms) {
  let score = 0;
  for (const term of terms) {
    const title = bestWeight(prepared.title, term);
    const heading = Math.max(0, ...prepared.headings.map((tokens) => bestWeight(tokens, term)));
    const text = textWeight(prepared.text, term);
    if (title === 0 && heading === 0 && text === 0) {
      return 0;
    }
    score += title * WEIGHT_TITLE + heading * WEIGHT_HEADING + text * WEIGHT_TEXT;
  }
  return score;
}

// Returns the first heading that contains every term, so the result can link straight to it.
function matchingHeading(prepared, terms) {
  const position = prepared.headings.findIndex((tokens) =>
    terms.every((term) => tokens.some((token) => tokenWeight(token, term) > 0)),
  );
  return position === -1 ? null : prepared.document.headings[position];
}

/**
 * Returns the documents matching every term of `query`, best first:
 * [{ document, url, heading, title: segments, snippet: segments }], where segments are
 * [{ text, mark }] pieces of text with the matched words marked.
 */
export function search(index, query) {
  const terms = parseQuery(query);
  if (terms.length === 0) {
    return [];
  }

  const scored = [];
  for (const prepared of index) {
    const score = scoreDocument(prepared, terms);
    if (score > 0) {
      scored.push({ prepared, score });
    }
  }
  scored.sort((a, b) => b.score - a.score || a.prepared.order - b.prepared.order);

  return scored.map(({ prepared }) => {
    const heading = matchingHeading(prepared, terms);
    const url = heading ? `${prepared.document.url}#${encodeURIComponent(heading.id)}` : prepared.document.url;
    return {
      document: prepared.document,
      url,
      heading: heading?.text ?? '',
      title: highlight(prepared.document.title, prepared.title, 0, prepared.title.length, terms),
      snippet: snippet(prepared.document.text, prepared.text, terms),
    };
  });
}

function isMatch(token, terms) {
  return terms.some((term) => tokenWeight(token, term) > 0);
}

// Chooses the stretch of SNIPPET_WORDS words holding the most different terms, earliest first.
function snippet(text, tokens, terms) {
  let bestStart = 0;
  let bestCount = 0;
  for (let start = 0; start < tokens.length; start += 1) {
    if (!isMatch(tokens[start], terms)) {
      continue;
    }
    const window = tokens.slice(start, start + SNIPPET_WORDS);
    const found = terms.filter((term) => window.some((token) => tokenWeight(token, term) > 0)).length;
    if (found > bestCount) {
      bestCount = found;
      bestStart = start;
    }
  }

  const first = Math.max(0, bestCount > 0 ? bestStart - SNIPPET_LEAD : 0);
  const last = Math.min(tokens.length, first + SNIPPET_WORDS);
  return highlight(text, tokens, first, last, terms);
}

// Cuts text from token `first` to before token `last` into segments, marking matched words and adding
// an ellipsis where text was left out.
function highlight(text, tokens, first, last, terms) {
  if (first >= last) {
    return text ? [{ text, mark: false }] : [];
  }
  const segments = [];
  const from = first === 0 ? 0 : tokens[first].start;
  const to = last === tokens.length ? text.length : tokens[last - 1].end;
  let position = from;

  if (first > 0) {
    segments.push({ text: '… ', mark: false });
  }
  for (let i = first; i < last; i += 1) {
    const token = tokens[i];
    if (!isMatch(token, terms)) {
      continue;
    }
    if (token.start > position) {
      segments.push({ text: text.slice(position, token.start), mark: false });
    }
    segments.push({ text: text.slice(token.start, token.end), mark: true });
    position = token.end;
  }
  if (to > position) {
    segments.push({ text: text.slice(position, to), mark: false });
  }
  if (last < tokens.length) {
    segments.push({ text: ' …', mark: false });
  }
  return segments;
}

// ---- Loading the index ----

const indexes = new Map();

/** Fetches and prepares the index at `url` once; a failed load is tried again on the next call. */
export function loadIndex(url) {
  if (!indexes.has(url)) {
    const loading = fetch(url, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) {
          throw new Error(`HTTP ${response.status} for ${url}`);
        }
        return response.json();
      })
      .then(prepareIndex)
      .catch((error) => {
        indexes.delete(url);
        console.warn('The search index could not be loaded:', error);
        throw error;
      });
    indexes.set(url, loading);
  }
  return indexes.get(url);
}

// ---- Showing results ----

/** Appends `segments` to `element` as text nodes and <mark> elements; index text never becomes markup. */
function appendSegments(element, segments) {
  for (const segment of segments) {
    if (segment.mark) {
      const mark = document.createElement('mark');
      mark.textContent = segment.text;
      element.append(mark);
    } else {
      element.append(document.createTextNode(segment.text));
    }
  }
}

function span(className, segments) {
  const element = document.createElement('span');
  element.className = className;
  appendSegments(element, segments);
  return element;
}

function contextLine(result) {
  return [result.document.section, result.heading].filter(Boolean).join(' › ');
}

export function countMessage(count, query) {
  const quoted = `“${query.trim()}”`;
  if (count === 0) {
    return `No results for ${quoted}`;
  }
  return count === 1 ? `1 result for ${quoted}` : `${count} results for ${quoted}`;
}

const UNAVAILABLE_MESSAGE = 'Search is not available right now: the search index could not be loaded.';

function searchPageUrl(page, query) {
  const url = new URL(page, document.baseURI);
  url.searchParams.set('q', query.trim());
  return url.href;
}

// ---- The header's combobox ----

function setUpSearchBox(root) {
  const form = root.querySelector('form');
  const input = root.querySelector('input[role="combobox"]');
  const popup = root.querySelector('.site-search__popup');
  const listbox = root.querySelector('[role="listbox"]');
  const status = root.querySelector('[role="status"]');
  const link = root.querySelector('.site-search__link');
  if (!form || !input || !popup || !listbox || !status) {
    return;
  }

  const state = { options: [], active: -1, announceTimer: 0 };
  link?.setAttribute('hidden', '');
  form.hidden = false;

  const announce = (message) => {
    clearTimeout(state.announceTimer);
    state.announceTimer = setTimeout(() => {
      status.textContent = message;
    }, ANNOUNCE_DELAY_MS);
  };

  const close = () => {
    popup.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    state.active = -1;
  };

  const setActive = (position) => {
    state.options.forEach((option, i) => option.setAttribute('aria-selected', String(i === position)));
    state.active = position;
    if (position < 0) {
      input.removeAttribute('aria-activedescendant');
      return;
    }
    const option = state.options[position];
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  };

  const show = (results, query) => {
    listbox.replaceChildren();
    state.options = results.slice(0, POPUP_RESULTS).map((result, i) => resultOption(result, i));
    if (results.length > POPUP_RESULTS) {
      state.options.push(allResultsOption(results.length, searchPageUrl(root.dataset.searchPage, query)));
    }
    listbox.append(...state.options);
    setActive(-1);

    const summary = popup.querySelector('.site-search__summary');
    summary.textContent = results.length === 0 ? countMessage(0, query) : '';
    summary.hidden = results.length > 0;
    popup.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    announce(countMessage(results.length, query));
  };

  const update = async () => {
    const query = input.value;
    if (query.trim() === '') {
      close();
      announce('');
      return;
    }
    let index;
    try {
      index = await loadIndex(root.dataset.index);
    } catch {
      announce(UNAVAILABLE_MESSAGE);
      return;
    }
    if (input.value === query) {
      show(search(index, query), query);
    }
  };

  const go = (url) => {
    close();
    window.location.assign(url);
  };

  const onKeyDown = (event) => {
    const count = state.options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (popup.hidden) {
        update();
        return;
      }
      if (count > 0) {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const from = state.active === -1 && step === -1 ? count : state.active;
        setActive((from + step + count) % count);
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (state.active >= 0) {
        go(state.options[state.active].dataset.url);
      } else if (input.value.trim() !== '') {
        go(searchPageUrl(root.dataset.searchPage, input.value));
      }
    } else if (event.key === 'Escape' && !popup.hidden) {
      event.preventDefault();
      close();
    }
  };

  input.addEventListener('focus', () => {
    loadIndex(root.dataset.index).catch(() => announce(UNAVAILABLE_MESSAGE));
  });
  input.addEventListener('input', update);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('blur', close);
  form.addEventListener('submit', (event) => event.preventDefault());
  // Keeps the focus in the box while an option is pressed, so the popup is still there for the click.
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = event.target.closest('[role="option"]');
    if (option) {
      go(option.dataset.url);
    }
  });
}

function resultOption(result, position) {
  const option = document.createElement('li');
  option.id = `site-search-option-${position}`;
  option.className = 'search-option';
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  option.dataset.url = result.url;

  option.append(span('search-option__title', result.title));
  const context = contextLine(result);
  if (context) {
    option.append(span('search-option__context', [{ text: context, mark: false }]));
  }
  if (result.snippet.length > 0) {
    option.append(span('search-option__snippet', result.snippet));
  }
  return option;
}

function allResultsOption(count, url) {
  const option = document.createElement('li');
  option.id = 'site-search-option-all';
  option.className = 'search-option search-option--all';
  option.setAttribute('role', 'option');
  option.setAttribute('aria-selected', 'false');
  option.dataset.url = url;
  option.textContent = `Show all ${count} results`;
  return option;
}

// ---- The search page ----

function setUpSearchPage(root) {
  const form = root.querySelector('form[role="search"]');
  const input = form?.querySelector('input');
  const status = root.querySelector('.search-page__status');
  const list = root.querySelector('.search-results');
  const everything = root.querySelector('.search-page__all');
  if (!form || !input || !status || !list) {
    return;
  }
  form.hidden = false;

  const run = async () => {
    const query = input.value;
    const url = new URL(window.location.href);
    if (query.trim() === '') {
      url.searchParams.delete('q');
    } else {
      url.searchParams.set('q', query);
    }
    window.history.replaceState(null, '', url);

    if (query.trim() === '') {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = '';
      everything?.removeAttribute('hidden');
      return;
    }
    let index;
    try {
      index = await loadIndex(root.dataset.index);
    } catch {
      status.textContent = UNAVAILABLE_MESSAGE;
      return;
    }
    if (input.value !== query) {
      return;
    }
    const results = search(index, query);
    list.replaceChildren(...results.map(resultItem));
    list.hidden = results.length === 0;
    status.textContent = countMessage(results.length, query);
    everything?.setAttribute('hidden', '');
  };

  input.value = new URLSearchParams(window.location.search).get('q') ?? '';
  input.addEventListener('input', run);
  input.addEventListener('focus', () => {
    loadIndex(root.dataset.index).catch(() => {
      status.textContent = UNAVAILABLE_MESSAGE;
    });
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  if (input.value.trim() !== '') {
    run();
  }
}

function resultItem(result) {
  const item = document.createElement('li');
  item.className = 'search-result';

  const heading = document.createElement('h2');
  heading.className = 'search-result__title';
  const link = document.createElement('a');
  link.href = result.url;
  appendSegments(link, result.title);
  heading.append(link);
  item.append(heading);

  const context = contextLine(result);
  if (context) {
    const line = document.createElement('p');
    line.className = 'search-result__context';
    line.textContent = context;
    item.append(line);
  }
  if (result.snippet.length > 0) {
    const text = document.createElement('p');
    text.className = 'search-result__snippet';
    appendSegments(text, result.snippet);
    item.append(text);
  }
  return item;
}

// The pure functions above are also imported by the tests under Node, where there is no document.
if (typeof document !== 'undefined') {
  document.querySelectorAll('[data-search-box]').forEach(setUpSearchBox);
  document.querySelectorAll('[data-search-page]').forEach(setUpSearchPage);
}
