// The staff scoring tool in a tablet browser. Staff key in a pupil's and parents' paper forms by tapping
// and typing, and every combined score and primary function is compared with values computed here with
// exact fractions, under both combination rules. Response codes made here from the documented format
// fill the grid, and mistyped ones are rejected with a message. The page is also checked for
// accessibility, printing, clearing, narrow screens and the link from step 3.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer } from './server.mjs';
import {
  SITE_DIR,
  SITE_SUBPATH_DIR,
  TABLET_LANDSCAPE,
  TABLET_PORTRAIT,
  assertAccessible,
  assertCspMeta,
  assertNoProblems,
  launchBrowser,
  openTablet,
  waitForEngine,
} from './lib.mjs';

const TOOL_PATH = 'questionnaires/scoring-tool/';
const FUNCTIONS = ['F1', 'F2', 'F3', 'F4'];
const TOLERANCE_HUNDREDTHS = 25;
// The shipped forms have 24 questions cycling F1, F2, F3, F4: the pupil and parent forms on a 0–6 scale,
// the picture version with the values 0, 3 and 6.
const QUESTIONS = 24;
const SCALE = [0, 1, 2, 3, 4, 5, 6];
const PICTURE_SCALE = [0, 3, 6];
const PICTURE_TOLERANCE_HUNDREDTHS = 50;
const PUPIL_FORM_NUMBER = 0;
const PARENT_FORM_NUMBER = 1;
const PICTURE_FORM_NUMBER = 2;

// Hand-checked cases: answers are one character per question, "-" for no answer.
const TWO_PARENTS = {
  pupil: '611161116111611161116111',
  parents: ['011101110111011101110111', '011101110111011101110111'],
  // F1 = (6 + 0 + 0) / 3 with equal weight, and (6 + (0 + 0) / 2) / 2 with parents first.
  expectedF1: { equal: '2.00', parents_first: '3.00' },
};
const MISSING_ITEM = {
  pupil: '22-122512251225122512251',
  parents: ['113111311131113111311131', '441044104410551055105510'],
};
// F1 = (1/6 + 1/6 + 1/6 + 0) / 4 = 0.125 exactly with equal weight, shown as 0.13 (half up).
const ROUNDING = {
  pupil: '000000000000000000001000',
  parents: ['000000000000000000001000', '000000000000000000001000', '000000000000000000000000'],
  expectedF1: { equal: '0.13' },
};

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

async function withTool(device, run, { root = SITE_DIR, basePath = '/' } = {}) {
  const server = await startServer(root, { basePath });
  const { context, page, problems } = await openTablet(browser, server.origin, device);
  try {
    await page.goto(server.url + TOOL_PATH);
    await waitForEngine(page);
    await page.locator('#scoring-score:enabled').waitFor({ timeout: 10_000 });
    await run(page, server);
    assertNoProblems(problems, page.url());
    assert.deepEqual(server.misses, [], 'requests answered with 404');
  } finally {
    await context.close();
    await server.close();
  }
}

// Exact arithmetic: fractions of integers, reduced, with positive denominators.

function gcd(a, b) {
  return b === 0 ? Math.abs(a) : gcd(b, a % b);
}

function fraction(numerator, denominator) {
  const divisor = gcd(numerator, denominator) || 1;
  return { n: numerator / divisor, d: denominator / divisor };
}

function mean(fractions) {
  const sum = fractions.reduce((total, f) => fraction(total.n * f.d + f.n * total.d, total.d * f.d), fraction(0, 1));
  return fraction(sum.n, sum.d * fractions.length);
}

/** Formats a fraction with two decimals, rounded half up. */
function twoDecimals(f) {
  const hundredths = Math.floor((200 * f.n + f.d) / (2 * f.d));
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** Returns each function's score on one form: the mean of its six answers, or null with any missing. */
function formScores(answers) {
  return FUNCTIONS.map((_, position) => {
    const values = [...answers].filter((_, index) => index % FUNCTIONS.length === position);
    if (values.includes('-')) {
      return null;
    }
    return fraction(values.reduce((sum, value) => sum + Number(value), 0), values.length);
  });
}

/** Computes the combined scores, forms counts and primary functions of a case under `rule`. */
function expectedProfile(entry, rule, toleranceHundredths = TOLERANCE_HUNDREDTHS) {
  const pupil = formScores(entry.pupil);
  const parents = entry.parents.map(formScores);
  const scores = FUNCTIONS.map((_, position) => {
    const pupilScore = pupil[position];
    const parentScores = parents.map((form) => form[position]).filter((score) => score !== null);
    const all = [pupilScore, ...parentScores].filter((score) => score !== null);
    if (all.length === 0) {
      return { score: null, formsScored: 0 };
    }
    if (rule === 'equal') {
      return { score: mean(all), formsScored: all.length };
    }
    const roleMeans = [pupilScore ? [pupilScore] : [], parentScores].filter((list) => list.length > 0).map(mean);
    return { score: mean(roleMeans), formsScored: all.length };
  });

  const scored = scores.filter((entry) => entry.score !== null).map((entry) => entry.score);
  const top = scored.reduce((best, f) => (f.n * best.d > best.n * f.d ? f : best), scored[0]);
  return scores.map((entry, position) => {
    if (entry.score === null) {
      return { id: FUNCTIONS[position], score: null, primary: false, formsScored: 0 };
    }
    // (top - score) <= 25/100, cross-multiplied so no rounded value is compared.
    const gap = top.n * entry.score.d - entry.score.n * top.d;
    const primary = gap * 100 <= toleranceHundredths * top.d * entry.score.d;
    return { id: FUNCTIONS[position], score: twoDecimals(entry.score), primary, formsScored: entry.formsScored };
  });
}

// The response code, written from its documented format: form, version in two symbols, answers as
// bit fields (0 unanswered, k + 1 for option k), then a check symbol over GF(32) with x^5 + x^2 + 1.

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function bitsFor(optionCount) {
  let bits = 1;
  while (2 ** bits < optionCount + 1) {
    bits += 1;
  }
  return bits;
}

function timesAlpha(value) {
  const shifted = value << 1;
  return shifted >= 32 ? shifted ^ 37 : shifted;
}

/** Encodes answers given as values, "-" for none, on a scale whose options have the values `scale`. */
function responseCode(form, version, answers, scale = SCALE) {
  const symbols = [form, version >> 5, version & 31];
  let bits = '';
  for (const answer of answers) {
    const field = answer === '-' ? 0 : scale.indexOf(Number(answer)) + 1;
    bits += field.toString(2).padStart(bitsFor(scale.length), '0');
  }
  bits = bits.padEnd(Math.ceil(bits.length / 5) * 5, '0');
  for (let start = 0; start < bits.length; start += 5) {
    symbols.push(parseInt(bits.slice(start, start + 5), 2));
  }
  let check = 0;
  for (const symbol of symbols) {
    check = timesAlpha(check ^ symbol);
  }
  symbols.push(check);
  const text = symbols.map((symbol) => CODE_ALPHABET[symbol]).join('');
  return text.match(/.{1,4}/g).join('-');
}

// Staff actions

function slot(page, index) {
  return page.locator('.scoring-form').nth(index);
}

/** Taps the first answer box of a slot and types the answers as staff would, one key per question. */
async function keyAnswers(page, index, answers) {
  await slot(page, index).locator('.scoring-item__input').first().tap();
  await page.keyboard.type(answers);
}

async function enterCase(page, entry) {
  await keyAnswers(page, 0, entry.pupil);
  for (const [offset, answers] of entry.parents.entries()) {
    await keyAnswers(page, offset + 1, answers);
  }
}

async function gridAnswers(page, index) {
  const values = await slot(page, index).locator('.scoring-item__input').evaluateAll((inputs) => inputs.map((input) => input.value));
  return values.map((value) => (value === '' ? '-' : value)).join('');
}

async function chooseRule(page, rule) {
  await page.locator(`input[name="rule"][value="${rule}"]`).tap();
  await page.locator(`input[name="rule"][value="${rule}"]:checked`).waitFor();
}

async function scoreForms(page) {
  await page.locator('#scoring-score').tap();
  await page.locator('#scoring-results').waitFor({ state: 'visible' });
}

async function combinedResults(page) {
  return page.locator('#scoring-combined [data-dimension]').evaluateAll((elements) =>
    elements.map((element) => ({
      id: element.dataset.dimension,
      score: element.dataset.score ?? null,
      primary: element.hasAttribute('data-primary'),
      text: element.querySelector('[data-part="score"]').textContent,
    })),
  );
}

/** Compares every combined score, primary flag and forms count on screen with the computed profile. */
async function assertCombined(page, entry, rule, toleranceHundredths = TOLERANCE_HUNDREDTHS) {
  const expected = expectedProfile(entry, rule, toleranceHundredths);
  const shown = await combinedResults(page);
  const formsTotal = 1 + entry.parents.length;
  for (const function_ of expected) {
    const element = shown.find((candidate) => candidate.id === function_.id);
    assert.ok(element, `${function_.id} is listed in the combined results`);
    assert.equal(element.score, function_.score, `${rule}: combined data-score of ${function_.id}`);
    assert.equal(element.primary, function_.primary, `${rule}: data-primary of ${function_.id}`);
    const forms = `from ${function_.formsScored} of ${formsTotal} form${formsTotal === 1 ? '' : 's'}`;
    assert.ok(element.text.includes(forms), `${rule}: forms count of ${function_.id} in "${element.text}"`);
  }
}

/** Compares each form's score cells (data-form, data-dimension, data-score) with the computed scores. */
async function assertPerForm(page, entry) {
  const forms = [['pupil', entry.pupil], ...entry.parents.map((answers, index) => [`parent-${index + 1}`, answers])];
  for (const [key, answers] of forms) {
    const scores = formScores(answers);
    for (const [position, id] of FUNCTIONS.entries()) {
      const cell = page.locator(`#scoring-table td[data-form="${key}"][data-dimension="${id}"]`);
      assert.equal(await cell.count(), 1, `one score cell for ${key} ${id}`);
      const expected = scores[position] === null ? null : twoDecimals(scores[position]);
      assert.equal(await cell.getAttribute('data-score'), expected, `data-score of ${key} ${id}`);
      assert.equal(await cell.getAttribute('data-not-scored'), expected === null ? '' : null, `data-not-scored of ${key} ${id}`);
    }
  }
}

test('code encoder matches the documented example', () => {
  const answers = '621062106210621062106210';
  assert.equal(responseCode(0, 1, answers), '001X-MFD3-V8YT-7PHX-M8S');
});

test('two parents combined under both rules', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    await assertCspMeta(page);
    assert.equal(await page.locator('.scoring-form').count(), 3, 'a pupil and two parents at first');
    assert.equal(await page.locator('input[name="rule"][value="equal"]').isChecked(), true, 'the default rule is the definition\'s');

    await slot(page, 0).locator('.scoring-item__input').first().tap();
    await page.keyboard.type(TWO_PARENTS.pupil[0]);
    const focused = await page.evaluate(() => document.activeElement?.dataset.item);
    assert.equal(focused, '1', 'typing an answer moves to the next question');
    await page.keyboard.type(TWO_PARENTS.pupil.slice(1));
    for (const [offset, answers] of TWO_PARENTS.parents.entries()) {
      await keyAnswers(page, offset + 1, answers);
    }
    assert.equal(await gridAnswers(page, 0), TWO_PARENTS.pupil);
    assert.equal(await slot(page, 1).locator('[data-part="count"]').textContent(), `${QUESTIONS} of ${QUESTIONS} answered`);

    await scoreForms(page);
    await assertCombined(page, TWO_PARENTS, 'equal');
    await assertPerForm(page, TWO_PARENTS);
    const equal = await combinedResults(page);
    assert.equal(equal.find((entry) => entry.id === 'F1').score, TWO_PARENTS.expectedF1.equal);
    await page.locator('#scoring-status').filter({ hasText: /Results for 3 forms/ }).waitFor();

    await chooseRule(page, 'parents_first');
    await assertCombined(page, TWO_PARENTS, 'parents_first');
    const parentsFirst = await combinedResults(page);
    assert.equal(parentsFirst.find((entry) => entry.id === 'F1').score, TWO_PARENTS.expectedF1.parents_first);
    assert.match(await page.locator('#scoring-rule-used').textContent(), /averaged first/);
    assert.match(await page.locator('#scoring-summary').textContent(), /main function is F1/);
  });
});

test('missing answer counted as n of m forms', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    await enterCase(page, MISSING_ITEM);
    assert.equal(await gridAnswers(page, 0), MISSING_ITEM.pupil, 'a dash leaves the question unanswered');
    assert.equal(await slot(page, 0).locator('[data-part="count"]').textContent(), `${QUESTIONS - 1} of ${QUESTIONS} answered`);

    await scoreForms(page);
    await assertCombined(page, MISSING_ITEM, 'equal');
    await assertPerForm(page, MISSING_ITEM);
    await chooseRule(page, 'parents_first');
    await assertCombined(page, MISSING_ITEM, 'parents_first');

    // Changing an answer while results are shown updates them.
    await slot(page, 0).locator('.scoring-item__input').nth(2).tap();
    await page.keyboard.type('2');
    const completed = { ...MISSING_ITEM, pupil: `222${MISSING_ITEM.pupil.slice(3)}` };
    await assertCombined(page, completed, 'parents_first');
  });
});

test('wrong key rejected with a message', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    const first = slot(page, 0).locator('.scoring-item__input').first();
    await first.tap();
    await page.keyboard.type('9');
    assert.equal(await first.inputValue(), '', '9 is not kept');
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.item), '0', 'the cursor stays on the question');
    const message = slot(page, 0).locator('[data-part="grid-message"]');
    assert.match(await message.textContent(), /“9” is not an answer to question 1/);
    await page.keyboard.type('4');
    assert.equal(await first.inputValue(), '4');
    assert.equal(await message.textContent(), '', 'the message goes once a valid answer is typed');

    const focusedItem = () => page.evaluate(() => document.activeElement?.dataset.item);
    assert.equal(await focusedItem(), '1');
    await page.keyboard.press('Backspace');
    assert.equal(await focusedItem(), '0', 'Backspace in an empty box goes back');
    assert.equal(await first.inputValue(), '4', 'going back keeps the answer');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedItem(), '1', 'the down arrow goes to the next question');
    await page.keyboard.press('ArrowUp');
    assert.equal(await focusedItem(), '0', 'the up arrow goes to the question before');
    await page.keyboard.press('Space');
    assert.equal(await first.inputValue(), '', 'space leaves the question unanswered');
    assert.equal(await focusedItem(), '1', 'and moves on');
  });
});

// Ties: F2 is exactly 0.25 below F1, and then every function equal.
const TIE_AT_TOLERANCE = { pupil: '441044104410541054105410', parents: ['441044104410551055105510'] };
const ALL_EQUAL = { pupil: '333333333333333333333333', parents: ['333333333333333333333333'] };

test('mixed profiles flagged', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    await enterCase(page, TIE_AT_TOLERANCE);
    await scoreForms(page);
    await assertCombined(page, TIE_AT_TOLERANCE, 'equal');
    const results = page.locator('#scoring-results');
    assert.equal(await results.getAttribute('data-profile'), 'mixed');
    assert.match(await page.locator('#scoring-profile').textContent(), /Mixed profile/);
    assert.match(await page.locator('#scoring-summary').textContent(), /main functions are F1 .* and F2 /);
    assert.equal(await page.locator('#scoring-library-link a').getAttribute('href'), '/resources/?function=F1&function=F2');

    await page.locator('#scoring-clear').tap();
    await enterCase(page, ALL_EQUAL);
    await scoreForms(page);
    await assertCombined(page, ALL_EQUAL, 'equal');
    assert.equal(await results.getAttribute('data-profile'), 'none-stands-out');
    assert.match(await page.locator('#scoring-profile').textContent(), /no single function stands out/);
    assert.equal(await page.locator('#scoring-combined [data-primary]').count(), 4);
  });
});

test('another parent added and removed', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    await page.locator('#scoring-add').tap();
    assert.equal(await page.locator('.scoring-form').count(), 4);
    assert.equal(await slot(page, 3).locator('legend [data-part="title"]').textContent(), 'Parent or carer 3');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('.scoring-form') !== null), true, 'focus moves into the new form');
    const ids = await page.locator('.scoring-form [id]').evaluateAll((elements) => elements.map((element) => element.id));
    assert.equal(new Set(ids).size, ids.length, 'ids stay unique');

    await enterCase(page, ROUNDING);
    await scoreForms(page);
    await assertCombined(page, ROUNDING, 'equal');
    await assertPerForm(page, ROUNDING);
    const shown = await combinedResults(page);
    assert.equal(shown.find((entry) => entry.id === 'F1').score, ROUNDING.expectedF1.equal);
    await chooseRule(page, 'parents_first');
    await assertCombined(page, ROUNDING, 'parents_first');

    await slot(page, 1).getByRole('button', { name: 'Remove this form' }).tap();
    assert.equal(await page.locator('.scoring-form').count(), 3);
    const titles = await page.locator('.scoring-form legend [data-part="title"]').allTextContents();
    assert.deepEqual(titles, ['Pupil', 'Parent or carer 1', 'Parent or carer 2'], 'parents are renumbered');
    const remaining = { pupil: ROUNDING.pupil, parents: ROUNDING.parents.slice(1) };
    await assertCombined(page, remaining, 'parents_first');
  });
});

test('response code fills the grid', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    const answers = '4410441044-0551055105510';
    const code = responseCode(PARENT_FORM_NUMBER, 1, answers);
    const parent = slot(page, 1);
    await parent.locator('.scoring-form__code-input').tap();
    await page.keyboard.type(code.toLowerCase());
    await parent.getByRole('button', { name: 'Read code' }).tap();
    assert.equal(await gridAnswers(page, 1), answers, 'the code\'s answers fill the grid');
    assert.match(await parent.locator('[data-part="code-message"]').textContent(), /Code read: 23 of 24 questions answered/);
    assert.equal(await parent.locator('.scoring-form__code-input').getAttribute('aria-invalid'), null);

    // A pasted code is read at once.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const pasted = responseCode(PARENT_FORM_NUMBER, 1, MISSING_ITEM.parents[0]);
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await slot(page, 2).locator('.scoring-form__code-input').tap();
    await page.keyboard.press('Control+V');
    await slot(page, 2).locator('[data-part="code-message"]').filter({ hasText: 'Code read' }).waitFor();
    assert.equal(await gridAnswers(page, 2), MISSING_ITEM.parents[0], 'the pasted code fills the grid');

    // The tool's own code for keyed answers is the one the format gives.
    await keyAnswers(page, 0, TWO_PARENTS.pupil);
    await scoreForms(page);
    const pupilCode = page.locator('#scoring-codes dd[data-form="pupil"]');
    assert.equal(await pupilCode.getAttribute('data-code'), responseCode(PUPIL_FORM_NUMBER, 1, TWO_PARENTS.pupil));
    assert.equal(await page.locator('#scoring-codes dd[data-form="parent-1"]').getAttribute('data-code'), code);
  });
});

test('picture version code switches the form', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    // F1 and F3 score 3.00 and F2 2.50: within the picture form's 0.50 of the top, but not within 0.25.
    const picture = { pupil: '333033303330333033303030', parents: [] };
    const pupil = slot(page, 0);
    await pupil.locator('.scoring-form__code-input').fill(responseCode(PICTURE_FORM_NUMBER, 1, picture.pupil, PICTURE_SCALE));
    await pupil.getByRole('button', { name: 'Read code' }).tap();

    const switched = slot(page, 0);
    assert.equal(await switched.getAttribute('data-form-id'), 'pupil-early', 'the slot now holds the picture form');
    assert.equal(await switched.locator('select[data-action="switch-form"]').inputValue(), 'pupil-early');
    assert.equal(await gridAnswers(page, 0), picture.pupil, 'the picture form\'s answers fill the grid');
    assert.match(await switched.locator('[data-part="code-message"]').textContent(), /Code read: 24 of 24/);

    await scoreForms(page);
    await assertCombined(page, picture, 'equal', PICTURE_TOLERANCE_HUNDREDTHS);
    assert.match(await page.locator('#scoring-summary').textContent(), /within 0\.50 of the highest/);

    // The picture form takes only its own values.
    const first = switched.locator('.scoring-item__input').first();
    await first.tap();
    await page.keyboard.type('4');
    assert.match(await switched.locator('[data-part="grid-message"]').textContent(), /type one of 0, 3 or 6/);
    assert.equal(await first.inputValue(), '3', 'a rejected key keeps the answer it was typed over');

    // Switching back keeps every answer the seven-option form allows, which is all of them.
    await switched.locator('select[data-action="switch-form"]').selectOption('pupil');
    assert.equal(await slot(page, 0).getAttribute('data-form-id'), 'pupil');
    assert.equal(await gridAnswers(page, 0), picture.pupil);
  });
});

/** Returns the code with the symbol at `position` (counting dashes) replaced by another valid symbol. */
function withOneChanged(code, position) {
  const original = code[position];
  const replacement = CODE_ALPHABET[(CODE_ALPHABET.indexOf(original) + 7) % CODE_ALPHABET.length];
  return code.slice(0, position) + replacement + code.slice(position + 1);
}

/** Returns the code with the first pair of different neighbouring symbols from `start` swapped. */
function withNeighboursSwapped(code, start) {
  for (let index = start; index < code.length - 1; index += 1) {
    const [a, b] = [code[index], code[index + 1]];
    if (a !== '-' && b !== '-' && a !== b) {
      return code.slice(0, index) + b + a + code.slice(index + 2);
    }
  }
  throw new Error(`no neighbours to swap in ${code}`);
}

test('mistyped codes rejected', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    const code = responseCode(PARENT_FORM_NUMBER, 1, MISSING_ITEM.parents[1]);
    const parent = slot(page, 2);
    const input = parent.locator('.scoring-form__code-input');
    const message = parent.locator('[data-part="code-message"]');
    const cases = [
      ['one character changed', withOneChanged(code, 8), /contains a mistake/],
      ['two neighbours swapped', withNeighboursSwapped(code, 10), /contains a mistake/],
      ['a letter U', `${code.slice(0, 5)}U${code.slice(6)}`, /letter U at position 6/],
      ['a character left out', code.slice(0, -1), /has 18 characters, but a code of this form has 19/],
      ['a pupil code', responseCode(PUPIL_FORM_NUMBER, 1, TWO_PARENTS.pupil), /from the pupil's form/],
      ['an unknown form', responseCode(9, 1, TWO_PARENTS.pupil), /form number 9, which this site does not have/],
      ['an unknown version', responseCode(PARENT_FORM_NUMBER, 2, TWO_PARENTS.pupil), /version 2 of form number 1, which this site can no longer read/],
    ];
    for (const [name, typed, expected] of cases) {
      await input.fill(typed);
      await parent.getByRole('button', { name: 'Read code' }).tap();
      assert.match(await message.textContent(), expected, name);
      assert.equal(await gridAnswers(page, 2), '-'.repeat(QUESTIONS), `${name}: nothing is filled in`);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', `${name}: the code box is marked invalid`);
    }

    await input.fill(code);
    await input.press('Enter');
    assert.equal(await gridAnswers(page, 2), MISSING_ITEM.parents[1], 'the corrected code is read with Enter');
    assert.equal(await input.getAttribute('aria-invalid'), null);
  });
});

test('results accessible, printable and cleared', async () => {
  await withTool(TABLET_LANDSCAPE, async (page) => {
    await enterCase(page, TWO_PARENTS);
    await scoreForms(page);
    assert.equal(await page.locator('#scoring-indicative').isVisible(), true, 'the shipped forms are indicative');
    assert.match(await page.locator('.results__caution').textContent(), /relative profile, not a diagnosis/);
    const chart = page.locator('#scoring-chart');
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.match(await chart.locator('desc').textContent(), /F1 2\.00, main function/);
    assert.equal(await page.locator('[data-resources-for="F1"]').isVisible(), true, 'resources for the main function');
    assert.equal(await page.locator('[data-resources-for="F2"]').isVisible(), false);
    const libraryLink = page.locator('[data-resources-for="F1"] a[href$="resources/?function=F1"]');
    assert.equal(await libraryLink.count(), 1, 'a link to the library filtered by F1');
    assert.ok((await page.locator('[data-resources-for="F1"] li').count()) > 0, 'the library\'s F1 resources are listed');
    await assertAccessible(page);

    assert.equal(await page.locator('.scoring-notes').isVisible(), false, 'the notes box is for paper only');
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['#scoring-table', '#scoring-chart', '#scoring-summary', '#scoring-codes', '.scoring-notes']) {
      assert.equal(await page.locator(selector).isVisible(), true, `${selector} is printed`);
    }
    const visibleControls = await page.locator('button, input, .scoring__entry').evaluateAll((elements) =>
      elements.filter((element) => element.getClientRects().length > 0).map((element) => element.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(visibleControls, [], 'no buttons or inputs on paper');
    const pdf = await page.pdf({ format: 'A4' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    assert.equal(pages.length, 1, 'the summary of a pupil and two parents fits one A4 page');
    await page.emulateMedia({ media: 'screen' });

    await page.locator('#scoring-clear').tap();
    assert.equal(await page.locator('#scoring-results').isVisible(), false, 'results are hidden');
    assert.equal(await page.locator('.scoring-form').count(), 3);
    for (const index of [0, 1, 2]) {
      assert.equal(await gridAnswers(page, index), '-'.repeat(QUESTIONS), `form ${index + 1} is empty`);
    }
    const leftovers = await page.locator('[data-score], [data-primary], #scoring-codes dd').count();
    assert.equal(leftovers, 0, 'no score, primary mark or code remains in the page');
    await page.locator('#scoring-status').filter({ hasText: /Everything is cleared/ }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.length + localStorage.length), 0, 'nothing is stored');
  });
});

test('fits 768 px and 200 % zoom', async () => {
  const zoomed = { viewport: { width: 512, height: 384 }, hasTouch: true, isMobile: false };
  const darkPortrait = { ...TABLET_PORTRAIT, colorScheme: 'dark' };
  for (const device of [darkPortrait, zoomed]) {
    await withTool(device, async (page) => {
      await enterCase(page, TWO_PARENTS);
      await scoreForms(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at ${device.viewport.width} px (overflow ${overflow} px)`);
      const box = await slot(page, 0).locator('.scoring-item__input').first().boundingBox();
      assert.ok(box, 'the first answer box is laid out');
      assert.ok(box.height >= 44, `answer boxes are tall enough to tap at ${device.viewport.width} px`);
      assert.ok(box.width >= 44, `answer boxes are wide enough to tap at ${device.viewport.width} px`);
      if (device === darkPortrait) {
        await assertAccessible(page);
      }
    });
  }
});

test('step 3 links to the tool', async () => {
  await withTool(TABLET_LANDSCAPE, async (page, server) => {
    await page.goto(`${server.url}step-3/`);
    await page.getByRole('link', { name: 'staff scoring tool' }).tap();
    await page.waitForURL((url) => url.pathname.endsWith(`/${TOOL_PATH}`));
    await waitForEngine(page);
    await page.locator('#scoring-score:enabled').waitFor();
  });
});

test('tool works under a sub-path', async () => {
  await withTool(
    TABLET_LANDSCAPE,
    async (page) => {
      await enterCase(page, TWO_PARENTS);
      await scoreForms(page);
      await assertCombined(page, TWO_PARENTS, 'equal');
      const href = await page.locator('[data-resources-for="F1"] a').first().getAttribute('href');
      assert.ok(href.startsWith('/guide/'), `resource links keep the sub-path: ${href}`);
    },
    { root: SITE_SUBPATH_DIR, basePath: '/guide/' },
  );
});
