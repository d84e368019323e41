// The exercises and the teacher's page in headless Chromium and Firefox: an exercise checks a wrong answer
// (saying what is missing) and a right one (passed), takes an answer from its widget, and
// copies the answer's link; the teacher's page checks three handed-in links (two pass, one
// does not, with the reason) and builds a class link. Screenshots in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { artifacts, press, pressCheck, stateAfter, useBrowser } from './browser.mjs';
import { reproducerLinks } from '../wasm/reproducer-links.mjs';

const browser = useBrowser();
const exercise = (name, extra = '') => `${browser.base}exercises.html#exercise=${name}${extra}`;
const verdict = (page) => page.locator('[data-role="result"] .verdict').first().textContent();

// The start's two inputs (w1, w2), each holding its text as typed.
async function checkAnswer(page, [w1, w2]) {
  await page.fill('input[name="start.0"]', w1);
  await page.fill('input[name="start.1"]', w2);
  return stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error']);
}

test('an exercise: a wrong answer says what is missing, a right one passes, the answer becomes a link', async () => {
  const { page, problems } = await browser.openPage(exercise('newton-saddle'));
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 30000 });
    assert.equal(await page.textContent('h2'), 'Newton\'s method finds the saddle');
    // The start is a point: two inputs under the exercise file's words, no JSON, no dotted path.
    assert.deepEqual([await page.inputValue('input[name="start.0"]'), await page.inputValue('input[name="start.1"]')], ['1.2', '0.8'], 'the base value of the allowed field');
    assert.equal(await page.textContent('fieldset.point legend'), 'where Newton\'s method starts');
    assert.match(await page.textContent('fieldset.point'), /each from -3 to 3/);
    assert.equal(await page.locator('[data-role="advanced"]').count(), 0, 'no JSON: the start has controls of its own');
    assert.equal(await page.locator('details.hint').getAttribute('open'), null, 'the hint is folded');
    assert.equal(await page.locator('a[href*="teacher"]').count(), 1, 'not locked: the way to the teacher\'s page');

    assert.equal(await checkAnswer(page, ['1', '0.5']), 'failed');
    assert.match(await verdict(page), /^Not passed: Newton ended at a global minimum \(negative eigenvalues: 0\) at \(.*\); start it where it ends at the saddle$/);
    assert.match(await page.textContent('table.numbers'), /Newton's end pointglobal minimum/, 'numbers in the exercise file\'s words');

    assert.equal(await checkAnswer(page, ['0.3', '0.3']), 'passed');
    assert.equal(await verdict(page), 'Passed.');
    await page.screenshot({ path: path.join(artifacts, 'exercise-newton-saddle-passed.png'), fullPage: true });

    // A value of another kind, null, a number out of range as typed: the core reads the field's
    // text and refuses it, naming the field (the text never passes through JSON.parse).
    assert.equal(await checkAnswer(page, ['here', '0.3']), 'refused');
    assert.match(await verdict(page), /^Not checked: answer\.patch\.start\[0\]: "here" is not a number$/);
    assert.equal(await checkAnswer(page, ['0.3', 'null']), 'refused');
    assert.match(await verdict(page), /^Not checked: answer\.patch\.start\[1\]: null is not a number/);
    assert.equal(await checkAnswer(page, ['1e400', '0']), 'refused');
    assert.match(await verdict(page), /^Not checked: answer\.patch\.start\[0\]: 1e400 is not a finite number/);
    assert.equal(await checkAnswer(page, ['4', '0']), 'refused');
    assert.match(await verdict(page), /^Not checked: answer\.patch\.start/, 'out of range: refused, naming the field');

    // The answer as a link that reopens the exercise with it: only with the student's name, and
    // the verdict stays on screen.
    assert.equal(await checkAnswer(page, ['0.3', '0.3']), 'passed');
    await page.click('[data-role="copy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="copy-status"]').dataset.state === 'missing-name');
    assert.match(await page.textContent('[data-role="copy-status"]'), /^your name: write it first/);
    assert.equal(await page.isVisible('[data-role="answer-link"]'), false, 'no link without a name');
    await page.fill('input[name="student-name"]', 'Anna Müller');
    await page.click('[data-role="copy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="copy-status"]').dataset.state === 'copied');
    const link = await page.inputValue('[data-role="answer-link"]');
    assert.equal(link, `${browser.base}exercises.html#exercise=newton-saddle&name=Anna+M%C3%BCller&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D`);
    assert.equal(await verdict(page), 'Passed.', 'the verdict stays on screen after the copy');
    await page.goto(`${browser.base}index.html`);
    await page.goto(link);
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 30000 });
    assert.deepEqual([await page.inputValue('input[name="start.0"]'), await page.inputValue('input[name="start.1"]')], ['0.3', '0.3']);
    assert.equal(await page.inputValue('input[name="student-name"]'), 'Anna Müller');
    // Reopened (the teacher's "open"): the verdict is run again and the answer is in the widget.
    await page.waitForFunction(() => document.getElementById('exercises').dataset.state === 'passed', null, { timeout: 60000 });
    assert.equal(await verdict(page), 'Passed.', 'the handed-in answer is checked again on opening');
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.linkState?.().start === '0.3,0.3', null, { timeout: 30000 });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the barrier\'s widget runs the student\'s own data set; the spiral\'s playground stops at the steps the check trains', async () => {
  const { page, problems } = await browser.openPage(exercise('barrier', '&class=PHY-101&name=Anna+Berg'));
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    const [, seed] = (await page.textContent('[data-role="instance"]')).match(/the data set's seed (\d+)/);
    const drawn = await page.evaluate(() => JSON.parse(document.querySelector('lll-between-minima').scenarioSource).data.seed);
    assert.equal(drawn, Number(seed), 'the widget trains on the instance\'s data set');
    // Two seeds: two whole-number inputs in words, no JSON.
    assert.deepEqual(await page.$$eval('.answer-fields .field-name', (labels) => labels.map((l) => l.textContent)), ['seed A (the first network\'s start)', 'seed B (the second network\'s start)']);
    await page.goto(exercise('spiral-fewest'));
    await page.waitForFunction(() => document.querySelector('lll-playground')?.dataset.state === 'ready', null, { timeout: 60000 });
    assert.equal(await page.getAttribute('lll-playground', 'max-steps'), '3000');
    await page.click('lll-playground [data-role="play"]');
    await page.waitForFunction(() => document.querySelector('lll-playground').dataset.state === 'paused', null, { timeout: 120000 });
    assert.equal(await page.evaluate(() => document.querySelector('lll-playground').current.step), 3000);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// A check redraws the widget with the answer (the explorer runs its optimizers from the start
// typed): the form below must stay where the reader's pointer is, from the press until the new
// widget has drawn where they ended (the list of outcomes, whose lines differ in length from
// one answer to the next, has its room from the start).
for (const width of [1280, 360]) {
  test(`the form does not move while a check runs and the explorer redraws (${width} px): Check stays where it was pressed`, async () => {
    const { page, problems } = await browser.openPage(exercise('newton-saddle'), { width, height: 900 });
    try {
      await page.waitForFunction(() => document.body?.dataset.state === 'ready' && document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready', null, { timeout: 60000 });
      const pressedAt = await page.evaluate(() => document.querySelector('[data-role="check"]').getBoundingClientRect().top + scrollY);
      // Answers whose optimizers end at points of different kinds (outcome lines of one, two
      // and three lines): a wrong one, the right one, another wrong one, one far out.
      for (const [w1, w2] of [['1', '0.5'], ['0.3', '0.3'], ['0.5', '-0.4'], ['2', '2']]) {
        await page.fill('input[name="start.0"]', w1);
        await page.fill('input[name="start.1"]', w2);
        // Check's place in the document on every frame from the press on.
        await page.evaluate(() => {
          const check = document.querySelector('[data-role="check"]');
          const tops = (window.lllCheckTops = []);
          const sample = () => { tops.push(check.getBoundingClientRect().top + scrollY); window.lllSampler = requestAnimationFrame(sample); };
          sample();
        });
        await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed']);
        // The explorer that shows this answer, done drawing where its optimizers ended.
        await page.waitForFunction((start) => {
          const explorer = document.querySelector('lll-saddle-explorer');
          return explorer.getAttribute('state') === `start=${start}` && explorer.dataset.state === 'done';
        }, `${Number(w1)},${Number(w2)}`, { timeout: 60000 });
        const tops = await page.evaluate(() => { cancelAnimationFrame(window.lllSampler); return window.lllCheckTops; });
        assert.ok(tops.length > 2, `${tops.length} frames sampled`);
        const moved = tops.filter((top) => Math.abs(top - pressedAt) >= 1);
        assert.deepEqual(moved, [], `start (${w1}, ${w2}): Check moved from ${pressedAt} px (${tops.length} frames)`);
      }
      await page.screenshot({ path: path.join(artifacts, `exercise-explorer-checked-${width}.png`), fullPage: true });
      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
}

test('on a phone (360 px) the answer form fits: the start\'s two inputs side by side, no sideways scrolling', async () => {
  const { page, problems } = await browser.openPage(exercise('newton-saddle'), { width: 360, height: 800 });
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    const boxes = await page.$$eval('fieldset.point input', (inputs) => inputs.map((i) => i.getBoundingClientRect().toJSON()));
    assert.equal(boxes.length, 2);
    assert.equal(Math.round(boxes[0].top), Math.round(boxes[1].top), 'w1 and w2 on one line');
    for (const box of boxes) assert.ok(box.height >= 24 && box.width >= 24 && box.right <= 360, JSON.stringify(box));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await page.locator('form.answer').screenshot({ path: path.join(artifacts, 'exercise-form-360.png') });
    await page.goto(exercise('spiral-fewest'));
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    await page.click('[data-role="advanced"] summary');
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    await page.locator('form.answer').screenshot({ path: path.join(artifacts, 'exercise-form-spiral-360.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('an exercise takes its answer from the widget: the start clicked in the saddle explorer', async () => {
  const { page, problems } = await browser.openPage(exercise('slow-escape'));
  try {
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer')?.dataset.state === 'ready', null, { timeout: 30000 });
    await page.locator('lll-saddle-explorer svg[data-role="overlay"]').click({ position: { x: 200, y: 200 } });
    await page.waitForFunction(() => document.querySelector('lll-saddle-explorer').dataset.state === 'done', null, { timeout: 30000 });
    const clicked = await page.evaluate(() => document.querySelector('lll-saddle-explorer').linkState().start);
    await press(page, '[data-role="from-widget"]');
    assert.equal(`${await page.inputValue('input[name="start.0"]')},${await page.inputValue('input[name="start.1"]')}`, String(clicked));
    await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed']);
    assert.match(await page.textContent('table.numbers'), /steps to leave the saddle/);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The network's controls: a row per layer (units typed), the optimizer's menu and numbers, the
// regularization's; every target at least 24 x 24 px. (The small spiral's inputs are x1 and x2
// for everyone: it has no features' checkboxes.)
const layerUnits = (page) => page.$$eval('fieldset.layers input.layer-units', (inputs) => inputs.map((i) => i.value));
async function smallTargets(page) {
  return page.$$eval('form.answer fieldset.features label, form.answer fieldset.layers input, form.answer fieldset.layers select, form.answer fieldset.layers button, form.answer fieldset.group input, form.answer fieldset.group select',
    (nodes) => nodes.filter((n) => n.offsetParent !== null).map((n) => [n.outerHTML.slice(0, 60), n.getBoundingClientRect()]).filter(([, box]) => box.width < 24 || box.height < 24).map(([html, box]) => `${html} ${box.width}x${box.height}`));
}

test('a network answer through the playground\'s own controls: layers typed, the optimizer chosen; it passes and reopens filled', async () => {
  const { page, problems } = await browser.openPage(exercise('spiral-fewest'));
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    // Controls in the exercise file's and the playground's words; no JSON outside the folded view.
    assert.equal(await page.locator('fieldset.features').count(), 0, 'the inputs are x1 and x2 for everyone');
    assert.equal(await page.textContent('fieldset.layers legend'), 'the layers');
    assert.deepEqual(await layerUnits(page), ['4', '2'], 'the hidden layers\' units; the output\'s are the problem\'s');
    assert.equal(await page.inputValue('select[name="optimizer.kind"]'), 'adam', 'the exercise\'s optimizer');
    assert.deepEqual(await page.$$eval('.answer-fields input', (inputs) => inputs.map((i) => i.value).filter((v) => /^[[{]/.test(v))), [], 'no JSON among the visible fields');
    assert.deepEqual(await smallTargets(page), []);
    // The playground shows the 20 points the check trains on, with the exercise's optimizer
    // (its full batch: all 20 points a step).
    await page.waitForFunction(() => document.querySelector('lll-playground')?.scenario?.data?.x?.length === 20, null, { timeout: 60000 });
    assert.deepEqual(await page.evaluate(() => document.querySelector('lll-playground').scenario.optimizer), { kind: 'adam', learning_rate: 0.03, batch_size: 20 });

    // A layer added and removed, as the playground's + / − do; one hidden layer of the width
    // the theorem gives for 20 points.
    await press(page, 'fieldset.layers [data-role="add-layer"]');
    assert.deepEqual(await layerUnits(page), ['4', '2', '2']);
    await page.click('[aria-label="remove hidden layer 1"]');
    assert.deepEqual(await layerUnits(page), ['2', '2']);
    await page.click('[aria-label="remove hidden layer 1"]');
    assert.deepEqual(await layerUnits(page), ['2']);
    await page.fill('input[name="model.layers.0.units"]', '19');
    await page.selectOption('select[name="optimizer.kind"]', 'sgd');
    await page.selectOption('select[name="optimizer.kind"]', 'adam');
    assert.equal(await page.textContent('select[name="optimizer.kind"] option:checked'), 'Adam', 'the catalog\'s label');
    await page.fill('input[name="optimizer.batch_size"]', '0');
    // The regularization: the catalog's kinds in the playground's words, its strength with the
    // core's range; "none" to start (the exercise's network has none), its strength greyed out.
    assert.equal(await page.locator('[data-role="advanced"] input[name="regularization"]').count(), 0, 'no JSON for the regularization');
    assert.deepEqual(await page.$$eval('select[name="regularization.kind"] option', (options) => options.map((o) => o.textContent)), ['none', 'L1', 'L2']);
    assert.equal(await page.inputValue('select[name="regularization.kind"]'), 'none');
    assert.equal(await page.isDisabled('input[name="regularization.rate"]'), true, 'no strength without a kind');
    assert.match(await page.textContent('fieldset.group:has(select[name="regularization.kind"])'), /strength \(rate\).*from 0 to 1000/);
    await page.selectOption('select[name="regularization.kind"]', 'l2');
    await page.fill('input[name="regularization.rate"]', '0.0001');
    assert.equal(await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error'], 60000), 'passed', await verdict(page));
    await page.locator('form.answer').screenshot({ path: path.join(artifacts, 'exercise-network-form-1280.png') });
    // A units text the core refuses, named by the layer.
    await page.fill('input[name="model.layers.0.units"]', 'many');
    assert.equal(await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error']), 'refused');
    assert.equal(await verdict(page), 'Not checked: answer.patch.model.layers[0].units: "many" is not a number');
    await page.fill('input[name="model.layers.0.units"]', '19');
    assert.equal(await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error'], 60000), 'passed');

    // The answer's link reopens the exercise with these controls filled, and the verdict run again.
    await page.fill('input[name="student-name"]', 'Anna Berg');
    await page.click('[data-role="copy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="copy-status"]').dataset.state === 'copied');
    const link = await page.inputValue('[data-role="answer-link"]');
    await page.goto(`${browser.base}index.html`);
    await page.goto(link);
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 30000 });
    assert.deepEqual(await layerUnits(page), ['19']);
    assert.equal(await page.inputValue('select[name="optimizer.kind"]'), 'adam');
    await page.waitForFunction(() => document.getElementById('exercises').dataset.state === 'passed', null, { timeout: 60000 });
    assert.equal(await page.inputValue('select[name="regularization.kind"]'), 'l2');
    assert.equal(await page.inputValue('input[name="regularization.rate"]'), '0.0001');
    // The playground's own regularization menu and rate, taken into the form.
    await page.locator('lll-playground select[data-field="reg"]').selectOption('l1');
    // Typed and left with Tab, as a reader commits it (the locator waits for it to be enabled).
    await page.locator('lll-playground input[data-field="rate"]').fill('');
    await page.locator('lll-playground input[data-field="rate"]').type('0.003');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => document.querySelector('lll-playground').scenario?.regularization?.rate === 0.003, null, { timeout: 30000 });
    await press(page, '[data-role="from-widget"]');
    assert.equal(await page.inputValue('select[name="regularization.kind"]'), 'l1');
    assert.equal(await page.inputValue('input[name="regularization.rate"]'), '0.003');

    // "Take from the widget": the playground's layers fill the controls.
    // (A new document: a change of the fragment alone would reroute this one, whose old
    // playground is "ready" until it is replaced.)
    await page.goto('about:blank');
    await page.goto(exercise('playground-diverge'));
    await page.waitForFunction(() => document.querySelector('lll-playground')?.dataset.state === 'ready', null, { timeout: 60000 });
    // The playground's own "+ layer", clicked where it is drawn.
    await page.click('lll-playground [data-role="add-layer"]');
    await page.waitForFunction(() => document.querySelector('lll-playground').scenario?.model?.layers?.length === 4, null, { timeout: 30000 });
    await press(page, '[data-role="from-widget"]');
    assert.deepEqual(await layerUnits(page), ['4', '2', '2']);
    // The diverging answer through the controls: every activation linear, learning rate 3.
    await press(page, '[aria-label="remove hidden layer 3"]');
    for (const name of await page.$$eval('fieldset.layers select', (menus) => menus.map((m) => m.name))) await page.selectOption(`select[name="${name}"]`, 'linear');
    await page.fill('input[name="optimizer.learning_rate"]', '3');
    await page.fill('textarea[name="note"]', 'With linear units nothing bounds the outputs, so the loss overflows.');
    assert.equal(await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error'], 60000), 'passed', await verdict(page));
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('on a phone (360 px) the network\'s controls fit: no sideways scrolling, every target at least 24 x 24 px', async () => {
  const { page, problems } = await browser.openPage(exercise('spiral-fewest'), { width: 360, height: 800 });
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    await press(page, 'fieldset.layers [data-role="add-layer"]');
    assert.deepEqual(await smallTargets(page), []);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
    const rows = await page.$$eval('fieldset.layers .layer-row', (all) => all.map((r) => r.getBoundingClientRect().right));
    for (const right of rows) assert.ok(right <= 360, String(right));
    await page.locator('form.answer').screenshot({ path: path.join(artifacts, 'exercise-network-form-360.png') });
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the teacher\'s page checks three handed-in links: two pass, one does not, with the reason', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}teacher.html`);
  try {
    await page.waitForFunction(() => document.getElementById('teacher').dataset.ready === 'true', null, { timeout: 60000 });
    assert.ok(await page.locator('.teacher-exercise').count() >= 10, 'every exercise is listed');
    assert.equal(await page.locator('.teacher-exercise .answer-details').count(), 0, 'no answers until asked for');
    assert.match(await page.textContent('[data-role="answers-warning"]'), /cannot keep them from a determined student/);
    const links = [
      exercise('newton-saddle', '&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=near+the+origin'),
      exercise('monkey-flat', '&answer=%7B%22start%22%3A%5B0.01%2C0%5D%7D'),
      exercise('slow-escape', '&answer=%7B%22start%22%3A%5B0.3%2C-0.2997%5D%7D'),
    ];
    await page.fill('#pasted-links', links.join('\n'));
    await stateAfter(page, '#teacher', () => page.click('[data-role="check-all"]'), ['done'], 60000);
    const rows = await page.$$eval('[data-role="row"]', (trs) => trs.map((tr) => ({
      passed: tr.dataset.passed, verdict: tr.querySelector('[data-role="verdict"]').textContent,
      reason: tr.querySelector('[data-role="reason"]').textContent })));
    assert.deepEqual(rows.map((r) => r.verdict), ['passed', 'not passed', 'passed']);
    assert.match(rows[1].reason, /^at \(0\.01, 0\) the Hessian has an eigenvalue of size 0\.06; find where both eigenvalues vanish$/);
    assert.equal(await page.textContent('[data-role="progress"]'), '3 lines: 2 passed, 1 not passed, 0 could not be checked.');
    assert.match(await page.textContent('[data-role="row"]:nth-child(2) [data-role="numbers"]'), /^largest \|eigenvalue\| at the start 0\.06$/, 'numbers in the exercise file\'s words');
    await page.locator('[data-role="checker"]').screenshot({ path: path.join(artifacts, 'teacher-checking-three-links.png') });
    await page.screenshot({ path: path.join(artifacts, 'teacher-page.png'), fullPage: true });
    // The answers, on request.
    await page.click('[data-role="show-answers"]');
    await page.waitForFunction(() => document.querySelectorAll('.teacher-exercise .answer-details').length >= 10);

    // The link builder: dark, locked, the seed of an exercise that has one.
    await page.selectOption('[name="exercise"]', 'gd-seed-saddle');
    await page.waitForFunction(() => !document.querySelector('[name="seed"]').disabled);
    await page.selectOption('[name="theme"]', 'dark');
    await page.check('[name="lock"]');
    // Seed 6 is itself a right answer: the builder says so and starts from the next seed that is not.
    await page.fill('[name="seed"]', '6');
    await page.waitForFunction(() => document.querySelector('[data-role="builder"]').dataset.state === 'ready' && document.querySelector('[data-role="built-link"]').value.includes('seed'), null, { timeout: 60000 });
    assert.match(await page.textContent('[data-role="builder-status"]'), /^Seed 6 is itself a right answer: the link starts from seed 7 instead\.$/);
    const built = await page.inputValue('[data-role="built-link"]');
    assert.equal(built, `${browser.base}exercises.html#exercise=gd-seed-saddle&theme=dark&lock=1&answer=%7B%22seed%22%3A7%7D`);
    await page.goto(built);
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 30000 });
    assert.equal(await page.inputValue('input[name="seed"]'), '7');
    assert.equal(await page.getAttribute('lll-spectrum-while-training', 'theme'), 'dark');
    assert.match(await page.getAttribute('lll-spectrum-while-training', 'hide'), /optimizer/);
    assert.equal(await page.locator('a[href="exercises.html"]').count(), 0, 'locked: no way to the other exercises');
    assert.equal(await page.locator('a[href*="teacher"]').count(), 0, 'locked: no way to the teacher\'s page');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

// The core in node: the verdict every page must show for a link (core/apps/answer_link.hpp).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
async function coreVerdicts(links) {
  const { default: create } = await import(path.join(root, 'build/wasm/landscape.mjs'));
  const module = await create({ wasmBinary: await readFile(path.join(root, 'build/wasm/landscape.wasm')) });
  const verdicts = [];
  for (const { link } of links) {
    const name = JSON.parse(module.readAnswerLink(link)).exercise;
    const exercise = await readFile(path.join(root, 'scenarios/exercises', `${name}.json`), 'utf8');
    const base = await readFile(path.join(root, 'scenarios', `${JSON.parse(exercise).scenario}.json`), 'utf8');
    try {
      const result = JSON.parse(module.checkAnswerLink(exercise, base, link));
      verdicts.push({ verdict: result.passed ? 'passed' : 'not passed', message: result.passed ? '' : result.message });
    } catch (error) {
      verdicts.push({ verdict: 'could not check', message: error.message });
    }
  }
  return verdicts;
}

test('every reproducer link gives the core\'s verdict on the teacher\'s page and on the student\'s page', async () => {
  const links = await reproducerLinks(browser.base);
  const expected = await coreVerdicts(links);
  assert.deepEqual(expected.map((e) => e.verdict).filter((v) => v === 'could not check').length, links.length - 4, 'all but the four passing links are refused');
  const { page, problems } = await browser.openPage(`${browser.base}teacher.html`);
  try {
    await page.waitForFunction(() => document.getElementById('teacher').dataset.ready === 'true', null, { timeout: 60000 });
    // Pasted as a teacher pastes them: one per line, a name before one of them.
    await page.fill('#pasted-links', links.map(({ link }, i) => (i === 2 ? `Alice: ${link}` : link)).join('\n'));
    await stateAfter(page, '#teacher', () => page.click('[data-role="check-all"]'), ['done'], 120000);
    const rows = await page.$$eval('[data-role="row"]', (trs) => trs.map((tr) => ({
      verdict: tr.querySelector('[data-role="verdict"]').textContent, message: tr.querySelector('[data-role="reason"]').textContent })));
    assert.deepEqual(rows, expected, 'the teacher\'s page: the core\'s verdicts');
    assert.equal(await page.textContent('[data-role="progress"]'), `${links.length} lines: 4 passed, 0 not passed, ${links.length - 4} could not be checked.`);
  } finally {
    await page.close();
  }
  // The student's page: each link opened (a change of the fragment reroutes the page) and
  // checked as it came, unedited.
  const student = await browser.openPage(`${browser.base}exercises.html`);
  try {
    const opened = new Set();
    for (const [i, { file, link }] of links.entries()) {
      if (opened.has(link)) continue; // the same fragment again would not reroute
      opened.add(link);
      await student.page.evaluate((hash) => {
        document.body.dataset.state = 'routing';
        document.getElementById('exercises').dataset.state = '';
        location.hash = hash;
      }, new URL(link).hash);
      await student.page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 30000 });
      // Pressed at once, while the exercise's widget may still be laying out.
      await stateAfter(student.page, '#exercises', () => pressCheck(student.page), ['passed', 'failed', 'refused']);
      const text = await verdict(student.page);
      const want = { passed: 'Passed.', 'not passed': `Not passed: ${expected[i].message}`, 'could not check': `Not checked: ${expected[i].message}` }[expected[i].verdict];
      assert.equal(text, want, `${file}: the student's page`);
    }
    assert.deepEqual(student.problems, []);
  } finally {
    await student.page.close();
  }
  assert.deepEqual(problems, []);
});

test('the teacher\'s Stop ends the check running now: that link and the rest are marked not checked', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}teacher.html`);
  try {
    await page.waitForFunction(() => document.getElementById('teacher').dataset.ready === 'true', null, { timeout: 60000 });
    const quick = exercise('newton-saddle', '&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D');
    // Near the budget of a check (3.1e9 of its 4e9): 3,000 full-batch steps of a 2-128-128-1
    // network on the 20 points, about a second in wasm here, far longer than the click on Stop takes.
    const slow = exercise('spiral-fewest', `&answer=${encodeURIComponent(JSON.stringify({ model: { layers: [{ units: 128 }, { units: 128 }, { units: 1 }] }, optimizer: { kind: 'gd', learning_rate: 0.1, batch_size: 0 } }))}`);
    await page.fill('#pasted-links', [quick, slow, quick, quick].join('\n'));
    await page.click('[data-role="check-all"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-role="row"]')[1]?.querySelector('[data-role="verdict"]').textContent === 'checking…', null, { timeout: 30000 });
    await page.click('[data-role="stop"]');
    await page.waitForFunction(() => document.getElementById('teacher').dataset.state === 'stopped', null, { timeout: 10000 });
    const verdicts = await page.$$eval('[data-role="row"] [data-role="verdict"]', (cells) => cells.map((c) => c.textContent));
    assert.equal(verdicts[0], 'passed');
    // The second link was being checked when Stop was pressed (or, on a fast machine, had just
    // finished): every link after the one that was running is "not checked", none "checking…".
    const first = verdicts.indexOf('not checked');
    assert.ok(first >= 1 && first <= 2, verdicts.join(', '));
    assert.deepEqual(verdicts.slice(first), Array(verdicts.length - first).fill('not checked'));
    assert.match(await page.textContent('[data-role="progress"]'), /^Stopped: 4 lines: \d passed, 0 not passed, 0 could not be checked, \d not checked\.$/);
    // The page goes on: a new list is checked by a new worker.
    await page.fill('#pasted-links', quick);
    await stateAfter(page, '#teacher', () => page.click('[data-role="check-all"]'), ['done'], 60000);
    assert.deepEqual(await page.$$eval('[data-role="row"] [data-role="verdict"]', (cells) => cells.map((c) => c.textContent)), ['passed']);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});

test('the exercise list and the pages fit at 360 px without horizontal scrolling', async () => {
  for (const [url, name] of [[`${browser.base}exercises.html`, 'exercises-list'], [exercise('rescue-lambda'), 'exercise-rescue-lambda'], [`${browser.base}teacher.html`, 'teacher']]) {
    for (const width of [1280, 360]) {
      const { page, problems } = await browser.openPage(url, { width, height: 800 });
      try {
        await page.waitForFunction(() => document.body?.dataset.state === 'ready' || document.getElementById('teacher')?.dataset.ready === 'true', null, { timeout: 60000 });
        if (name === 'exercises-list') assert.ok(await page.locator('.exercise-list li').count() >= 10);
        // The exercise's widget laid out too (its module loads after the page is ready).
        await page.waitForFunction(() => [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('lll-'))
          .every((w) => w.shadowRoot && w.dataset.state && w.dataset.state !== 'loading'), null, { timeout: 60000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} at ${width} px scrolls sideways by ${overflow} px`);
        await page.screenshot({ path: path.join(artifacts, `${name}-${width}.png`), fullPage: true });
        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    }
  }
});
