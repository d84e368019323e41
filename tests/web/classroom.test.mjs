// The exercises and the teacher's page in headless Chromium and Firefox: an exercise checks a wrong answer
// (saying what is missing) and a right one (passed), takes an answer from its widget, and
// copies the answer's link; the teacher's page checks three handed-in links (two pass, one
// does not, with the reason) and builds a class link. Screenshots in test-artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, useBrowser } from './browser.mjs';

const browser = useBrowser();
const exercise = (name, extra = '') => `${browser.base}exercises.html#exercise=${name}${extra}`;
const verdict = (page) => page.locator('[data-role="result"] .verdict').first().textContent();

async function checkAnswer(page, value) {
  await page.fill('input[name="start"]', value);
  await page.click('[data-role="check"]');
  await page.waitForFunction(() => ['passed', 'failed', 'error'].includes(document.getElementById('exercises').dataset.state), null, { timeout: 60000 });
  return page.evaluate(() => document.getElementById('exercises').dataset.state);
}

test('an exercise: a wrong answer says what is missing, a right one passes, the answer becomes a link', async () => {
  const { page, problems } = await browser.openPage(exercise('newton-saddle'));
  try {
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
    assert.equal(await page.textContent('h2'), 'Newton\'s method finds the saddle');
    assert.equal(await page.inputValue('input[name="start"]'), '[1.2,0.8]', 'the base value of the allowed field');
    assert.equal(await page.locator('details.hint').getAttribute('open'), null, 'the hint is folded');

    assert.equal(await checkAnswer(page, '[1, 0.5]'), 'failed');
    assert.match(await verdict(page), /^Not passed: Newton ended at a global minimum \(negative eigenvalues: 0\) at \(.*\); start it where it ends at the saddle$/);
    assert.match(await page.textContent('table.numbers'), /final\.kindglobal minimum/);

    assert.equal(await checkAnswer(page, '[0.3, 0.3]'), 'passed');
    assert.equal(await verdict(page), 'Passed.');
    await page.screenshot({ path: path.join(artifacts, 'exercise-newton-saddle-passed.png'), fullPage: true });

    // A locked field cannot be smuggled in: the core refuses it, naming the field.
    assert.equal(await checkAnswer(page, '"here"'), 'error');
    assert.match(await verdict(page), /^answer\.patch: start/);

    // The answer as a link that reopens the exercise with it.
    await page.fill('input[name="start"]', '[0.3, 0.3]');
    await page.click('[data-role="copy"]');
    const link = await page.inputValue('[data-role="answer-link"]');
    assert.equal(link, `${browser.base}exercises.html#exercise=newton-saddle&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D`);
    await page.goto(`${browser.base}index.html`);
    await page.goto(link);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
    assert.equal(await page.inputValue('input[name="start"]'), '[0.3,0.3]');
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
    await page.click('[data-role="from-widget"]');
    assert.equal(await page.inputValue('input[name="start"]'), `[${clicked}]`);
    await page.click('[data-role="check"]');
    await page.waitForFunction(() => ['passed', 'failed'].includes(document.getElementById('exercises').dataset.state), null, { timeout: 60000 });
    assert.match(await page.textContent('table.numbers'), /escape_step/);
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
    assert.equal(await page.locator('.teacher-exercise details[open]').count(), 0, 'answers are folded');
    const links = [
      exercise('newton-saddle', '&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=near+the+origin'),
      exercise('monkey-flat', '&answer=%7B%22start%22%3A%5B0.01%2C0%5D%7D'),
      exercise('slow-escape', '&answer=%7B%22start%22%3A%5B0.3%2C-0.2997%5D%7D'),
    ];
    await page.fill('#pasted-links', links.join('\n'));
    await page.click('[data-role="check-all"]');
    await page.waitForFunction(() => document.getElementById('teacher').dataset.state === 'done', null, { timeout: 60000 });
    const rows = await page.$$eval('[data-role="row"]', (trs) => trs.map((tr) => ({
      passed: tr.dataset.passed, verdict: tr.querySelector('[data-role="verdict"]').textContent,
      reason: tr.querySelector('[data-role="reason"]').textContent })));
    assert.deepEqual(rows.map((r) => r.verdict), ['passed', 'not passed', 'passed']);
    assert.match(rows[1].reason, /^at \(0\.01, 0\) the Hessian has an eigenvalue of size 0\.06; find where both eigenvalues vanish$/);
    assert.match(await page.textContent('[data-role="progress"]'), /^Checked 3 links: 2 passed, 1 not passed\.$/);
    await page.locator('[data-role="checker"]').screenshot({ path: path.join(artifacts, 'teacher-checking-three-links.png') });
    await page.screenshot({ path: path.join(artifacts, 'teacher-page.png'), fullPage: true });

    // The link builder: dark, locked, the seed of an exercise that has one.
    await page.selectOption('[name="exercise"]', 'gd-seed-saddle');
    await page.waitForFunction(() => !document.querySelector('[name="seed"]').disabled);
    await page.fill('[name="seed"]', '6');
    await page.selectOption('[name="theme"]', 'dark');
    await page.check('[name="lock"]');
    const built = await page.inputValue('[data-role="built-link"]');
    assert.equal(built, `${browser.base}exercises.html#exercise=gd-seed-saddle&answer=%7B%22seed%22%3A6%7D&theme=dark&lock=1`);
    await page.goto(built);
    await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
    assert.equal(await page.inputValue('input[name="seed"]'), '6');
    assert.equal(await page.getAttribute('lll-spectrum-while-training', 'theme'), 'dark');
    assert.match(await page.getAttribute('lll-spectrum-while-training', 'hide'), /optimizer/);
    assert.equal(await page.locator('a[href="exercises.html"]').count(), 0, 'locked: no way to the other exercises');
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
        await page.waitForFunction(() => document.body.dataset.state === 'ready' || document.getElementById('teacher')?.dataset.ready === 'true', null, { timeout: 60000 });
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
