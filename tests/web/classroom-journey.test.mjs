// A class, from the teacher's link to the gradebook, in headless Chromium and Firefox: the
// teacher builds a locked class link with a class code; three named students open it (each in a
// browser of their own) and get different instances of the exercise; Anna answers right, Ben
// wrong, Chloé with Anna's answer typed into her own page; the teacher pastes their links with a
// "Name: link" line, a relative link, a broken line and a line that is no link, checks them and
// downloads the table as CSV, which this test reads. Screenshots of the table at 1280 and 360 px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { artifacts, pressCheck, stateAfter, useBrowser } from './browser.mjs';

const browser = useBrowser();
const CLASS = 'PHY-101';
const EXERCISE = 'monkey-flat';

// A CSV's rows (RFC 4180: quoted cells, "" inside quotes, CRLF between rows).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// A student opens the class link, gives their name and answers `start` (a function of their
// own instance's centre and the others'); returns their link, verdict and instance.
async function student(classLink, name, start) {
  const { page, problems } = await browser.openPage(classLink);
  try {
    await page.waitForFunction(() => document.body?.dataset.state === 'ready', null, { timeout: 60000 });
    assert.equal(await page.locator('a[href*="teacher"]').count(), 0, 'a locked class link does not lead to the teacher\'s page');
    assert.match(await page.textContent('[data-role="instance"]'), /^Write your name below/);
    await page.fill('input[name="student-name"]', name);
    await page.locator('input[name="student-name"]').dispatchEvent('change');
    await page.waitForFunction(() => /^Your own numbers/.test(document.querySelector('[data-role="instance"]').textContent), null, { timeout: 30000 });
    const line = await page.textContent('[data-role="instance"]');
    const [, instance] = line.match(/instance (\d+) of class PHY-101/);
    const [, x, y] = line.match(/origin moved to \((-?[\d.]+), (-?[\d.]+)\)/);
    // The start field holds this student's own (moved) starting point, not the exercise's.
    const centre = [Number(x), Number(y)];
    const [w1, w2] = start(centre);
    await page.fill('input[name="start.0"]', String(w1));
    await page.fill('input[name="start.1"]', String(w2));
    await stateAfter(page, '#exercises', () => pressCheck(page), ['passed', 'failed', 'refused', 'error']);
    const verdict = await page.locator('[data-role="result"] .verdict').first().textContent();
    await page.click('[data-role="copy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="copy-status"]').dataset.state === 'copied', null, { timeout: 30000 });
    assert.equal(await page.locator('[data-role="result"] .verdict').first().textContent(), verdict, 'the verdict stays after the copy');
    const link = await page.inputValue('[data-role="answer-link"]');
    await page.screenshot({ path: path.join(artifacts, `classroom-student-${name.split(' ')[0].toLowerCase()}.png`), fullPage: true });
    assert.deepEqual(problems, []);
    return { link, verdict, instance: Number(instance), centre };
  } finally {
    await page.close();
  }
}

test('a class: a class link with a code, three students with instances of their own, the teacher\'s table and its CSV', async () => {
  const { page, problems } = await browser.openPage(`${browser.base}teacher.html`);
  try {
    await page.waitForFunction(() => document.getElementById('teacher').dataset.ready === 'true', null, { timeout: 60000 });
    await page.selectOption('[name="exercise"]', EXERCISE);
    await page.check('[name="lock"]');
    await page.fill('[name="class"]', CLASS);
    await page.waitForFunction((code) => document.querySelector('[data-role="builder"]').dataset.state === 'ready' && document.querySelector('[data-role="built-link"]').value.includes(`class=${code}`), CLASS, { timeout: 30000 });
    const classLink = await page.inputValue('[data-role="built-link"]');
    assert.equal(classLink, `${browser.base}exercises.html#exercise=${EXERCISE}&lock=1&class=${CLASS}`);

    // Anna answers right (the flat point of her own surface), Ben wrong (the exercise as
    // written: the origin), Chloé with Anna's answer.
    const anna = await student(classLink, 'Anna Berg', (c) => c);
    const ben = await student(classLink, 'Ben Okafor', () => [0, 0]);
    const chloe = await student(classLink, 'Chloé Martin', () => anna.centre);
    assert.equal(new Set([anna.instance, ben.instance, chloe.instance]).size, 3, 'three students, three instances');
    assert.notDeepEqual(anna.centre, chloe.centre);
    assert.equal(anna.verdict, 'Passed.');
    assert.match(ben.verdict, /^Not passed: /);
    assert.match(chloe.verdict, /^Not passed: /);
    for (const s of [anna, ben, chloe]) assert.match(s.link, new RegExp(`^${browser.base}exercises\\.html#exercise=${EXERCISE}&lock=1&class=${CLASS}&instance=${s.instance}&name=`));

    const relative = anna.link.slice(browser.base.length); // "exercises.html#exercise=..."
    const truncated = ben.link.slice(0, ben.link.indexOf('answer=') + 12);
    const pasted = [
      anna.link,
      `Ben Okafor: ${ben.link}`,
      chloe.link,
      'Dan forgot to paste his link',
      `Dan: ${truncated}`,
      '',
      relative,
    ].join('\n');
    await page.fill('#pasted-links', pasted);
    await stateAfter(page, '#teacher', () => page.click('[data-role="check-all"]'), ['done'], 120000);
    assert.equal(await page.textContent('[data-role="progress"]'), '6 lines: 2 passed, 2 not passed, 2 could not be checked.');
    const rows = await page.$$eval('[data-role="row"]', (trs) => trs.map((tr) => Object.fromEntries(
      [...tr.querySelectorAll('td')].map((td) => [td.dataset.role, td.textContent]))));
    assert.deepEqual(rows.map((r) => [r.line, r.name, r.verdict]), [
      ['1', 'Anna Berg', 'passed'], ['2', 'Ben Okafor', 'not passed'], ['3', 'Chloé Martin', 'not passed'],
      ['4', '–', 'could not check'], ['5', 'Dan', 'could not check'], ['7', 'Anna Berg', 'passed']]);
    assert.match(rows[0].instance, new RegExp(`^${anna.instance}: the surface's origin moved to \\(`));
    assert.match(rows[2].instance, new RegExp(`^${chloe.instance}: `));
    assert.match(rows[3].reason, /^link: not a link to an exercise: "Dan forgot to paste his link"/);
    assert.match(rows[4].reason, /^answer: /);
    assert.match(rows[0].numbers, /^largest \|eigenvalue\| at the start /);
    assert.doesNotMatch(rows.map((r) => r.numbers).join(' '), /start\.largest_abs_eigenvalue/);
    // The three verdicts look different (not by colour alone: a mark of their own).
    const marks = await page.$$eval('[data-role="row"] [data-role="verdict"]', (cells) => cells.map((c) => getComputedStyle(c, '::after').content));
    assert.deepEqual(marks.slice(0, 4), ['"✓"', '"✗"', '"✗"', '"?"']);
    await page.locator('[data-role="checker"]').screenshot({ path: path.join(artifacts, 'classroom-teacher-table-1280.png') });

    // The gradebook: a CSV download the test reads back.
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-role="download-csv"]')]);
    assert.match(file.suggestedFilename(), /^checked-answers-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile(await file.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
    const csv = parseCsv(bytes.toString('utf8').slice(1));
    assert.deepEqual(csv[0], ['line', 'name', 'exercise', 'instance', 'verdict', 'reason', 'numbers', 'note', 'link', 'checked at']);
    assert.equal(csv.length, 7);
    assert.deepEqual(csv.slice(1).map((r) => [r[1], r[4]]), [['Anna Berg', 'passed'], ['Ben Okafor', 'not passed'], ['Chloé Martin', 'not passed'],
      ['', 'could not check'], ['Dan', 'could not check'], ['Anna Berg', 'passed']]);
    assert.equal(csv[3][8], chloe.link);
    assert.match(csv[3][3], new RegExp(`^${chloe.instance}: `));
    assert.match(csv[1][6], /^largest \|eigenvalue\| at the start /);
    for (const row of csv.slice(1, 4)) assert.match(row[9], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);

    // Anna's link handed in under Ben's name: computed for another instance, and said so.
    await page.fill('#pasted-links', `Ben Okafor: ${anna.link}`);
    await stateAfter(page, '#teacher', () => page.click('[data-role="check-all"]'), ['done'], 60000);
    assert.equal(await page.textContent('[data-role="row"] [data-role="verdict"]'), 'not passed');
    assert.match(await page.textContent('[data-role="row"] [data-role="reason"]'), new RegExp(`^instance: this answer was computed for instance ${anna.instance}, but "Ben Okafor"'s instance in class ${CLASS} is ${ben.instance}`));
    assert.equal(await page.textContent('[data-role="row"] [data-role="name"]'), 'Ben Okafor (the link says Anna Berg)');
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
  // The table as a phone shows it: stacked cards, no sideways scrolling.
  const phone = await browser.openPage(`${browser.base}teacher.html`, { width: 360, height: 800 });
  try {
    await phone.page.waitForFunction(() => document.getElementById('teacher').dataset.ready === 'true', null, { timeout: 60000 });
    const links = [
      `${browser.base}exercises.html#exercise=newton-saddle&name=Anna+Berg&answer=%7B%22start%22%3A%5B0.3%2C0.3%5D%7D&note=near+the+origin`,
      `Ben: ${browser.base}exercises.html#exercise=monkey-flat&answer=%7B%22start%22%3A%5B0.01%2C0%5D%7D`,
      'not a link',
    ];
    await phone.page.fill('#pasted-links', links.join('\n'));
    await stateAfter(phone.page, '#teacher', () => phone.page.click('[data-role="check-all"]'), ['done'], 60000);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the teacher's page at 360 px scrolls sideways by ${overflow} px`);
    const display = await phone.page.evaluate(() => getComputedStyle(document.querySelector('[data-role="row"]')).display);
    assert.equal(display, 'block', 'a row is a card');
    await phone.page.locator('[data-role="checker"]').screenshot({ path: path.join(artifacts, 'classroom-teacher-table-360.png') });
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.page.close();
  }
});
