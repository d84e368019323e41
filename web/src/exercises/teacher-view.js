// Why this file exists: the teacher's page. (1) Handed-in links, pasted several at once (one
// per line, a name before a link kept: "Anna: https://..."), are checked one after the other in
// one worker: the core splits the lines (readHandedIn), reads each link's text and re-runs its
// answer on the instance of the student who handed it in (exerciseCheckHandedIn, the function of
// the student's page and of `landscape check-link`), so it gives the same verdict, on the same
// bits, as in the student's browser. Every line gets a row: passed, not passed (a wrong answer),
// or could not check (a line that is no link to an exercise, an unknown exercise, a field the
// core refuses). No link holds the list for long: the core refuses an answer over its budget of
// work before it runs. Stop terminates the worker (the kit's cancel): the link being checked and
// those after it are marked "not checked". The table downloads as CSV (a gradebook's import) and
// copies as text. (2) Every exercise with its learning goal, chapter, expected time and
// conditions; the answers only on request. (3) A link builder: a class code (each student's own
// instance), theme, controls to hide, the scenario locked, a seed to start from (never a seed
// that is itself a right answer).
import { CoreClient, Cancelled } from '../kit/core-client.js';
import { loadWidget } from '../widgets.js';
import { CHAPTERS, exerciseNames, exerciseTexts } from './files.js';
import { showQuantity } from './exercise-view.js';
import { offline, pageAddress } from '../kit/offline.js';
import { withFragment } from '../kit/widget.js';
import { printable, shown } from '../kit/format.js';
import { downloadText } from '../kit/export.js';
import { hasMessageCatalog, messageOf, pageRefusal, verdictMessage } from '../kit/messages.js';
import { coreCatalog, wordsOf } from '../kit/catalog.js';

// A link to page `name` with `entries` in its fragment (in the offline file, beside its page).
const pageLink = (name, entries) => withFragment(pageAddress(name), new URLSearchParams(entries)).href;

const element = (tag, attributes = {}, text = '') => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
};

const OPS = { equals: '=', differs: '≠', above: '>', below: '<', at_least: '≥', at_most: '≤' };
export class TeacherView {
  constructor(root, pageUrl) {
    Object.assign(this, { root, pageUrl });
    this.exercises = new Map(); // name -> {info, texts}
    this.client = new CoreClient('teacher');
  }

  async load() {
    for (const name of await exerciseNames()) {
      const texts = await exerciseTexts(name);
      this.exercises.set(name, { texts, info: await this.client.call('exerciseInfo', texts) });
    }
    this.buildChecker();
    this.buildList();
    await this.buildLinkBuilder();
  }

  // --- checking handed-in links -----------------------------------------------------------
  buildChecker() {
    const section = this.root.querySelector('[data-role="checker"]');
    this.pasted = section.querySelector('textarea');
    this.progress = section.querySelector('[data-role="progress"]');
    this.table = section.querySelector('tbody');
    this.exportStatus = section.querySelector('[data-role="export-status"]');
    this.exportButtons = [...section.querySelectorAll('[data-role="download-csv"], [data-role="copy-table"]')];
    section.querySelector('[data-role="check-all"]').addEventListener('click', () => this.checkAll());
    section.querySelector('[data-role="stop"]').addEventListener('click', () => this.stop());
    section.querySelector('[data-role="download-csv"]').addEventListener('click', () => this.downloadCsv());
    section.querySelector('[data-role="copy-table"]').addEventListener('click', () => this.copyTable().catch((error) => { this.exportStatus.textContent = messageOf(error); }));
    this.records = [];
  }

  // Ends the check running now and the list: that link and the ones after it are marked "not
  // checked" (Check all starts the list again).
  stop() {
    if (this.root.dataset.state !== 'checking') return;
    this.runId = (this.runId ?? 0) + 1;
    this.client.cancel();
    for (const [i, record] of this.records.entries()) {
      if (record.verdict !== 'waiting' && record.verdict !== 'checking') continue;
      this.fillRow(i, { verdict: 'not checked', message: 'stopped before this link was checked' });
    }
    this.progress.textContent = `Stopped: ${this.summary()}.`;
    this.root.dataset.state = 'stopped';
    this.exportButtons.forEach((button) => { button.disabled = false; });
  }

  async checkAll() {
    const runId = this.runId = (this.runId ?? 0) + 1;
    this.client.cancel(); // a check still running belongs to the previous list
    // The previous list's table goes now: so does its state ("done" would describe it).
    this.root.dataset.state = 'checking';
    this.table.replaceChildren();
    this.records = [];
    this.exportButtons.forEach((button) => { button.disabled = true; });
    this.exportStatus.textContent = '';
    let lines;
    try {
      lines = await this.client.call('readHandedIn', { text: this.pasted.value });
    } catch (error) {
      // Not a verdict on any link (the worker failed): said, and the page is not left "checking".
      if (runId !== this.runId) return;
      this.progress.textContent = `Could not read the pasted lines: ${messageOf(error)}`;
      this.root.dataset.state = 'error';
      return;
    }
    if (runId !== this.runId) return;
    if (!lines.length) {
      this.progress.textContent = 'No lines to check: paste the links your students handed in, one per line.';
      this.root.dataset.state = 'done';
      return;
    }
    // Every row at once, so Stop can mark the ones not reached.
    lines.forEach((line) => this.addRow(line));
    for (const [i, line] of lines.entries()) {
      if (runId !== this.runId) return;
      this.progress.textContent = `Checking line ${line.line} (${i + 1} of ${lines.length})…`;
      this.fillRow(i, { verdict: 'checking' });
      const verdict = await this.checkOne(line, i);
      if (runId !== this.runId) return;
      this.fillRow(i, verdict);
    }
    this.progress.textContent = `${this.summary()}.`;
    this.root.dataset.state = 'done';
    this.exportButtons.forEach((button) => { button.disabled = false; });
  }

  // "7 lines: 3 passed, 2 not passed, 2 could not be checked": every pasted line counted.
  summary() {
    const count = (verdict) => this.records.filter((r) => r.verdict === verdict).length;
    const n = this.records.length;
    const parts = [`${count('passed')} passed`, `${count('not passed')} not passed`, `${count('could not check')} could not be checked`];
    if (count('not checked')) parts.push(`${count('not checked')} not checked`);
    return `${n} line${n === 1 ? '' : 's'}: ${parts.join(', ')}`;
  }

  // {verdict: 'passed' | 'not passed' | 'could not check', message, ...the core's result}: the
  // core's reading of the link, then its check on the instance of the student who handed it in;
  // what the core refuses (no link, an unknown exercise, a field the exercise does not let
  // change, null, a number out of range, an answer over the budget) is "could not check",
  // naming what.
  async checkOne(line, i) {
    const record = this.records[i];
    try {
      const read = await this.client.call('readAnswerLink', { link: line.link });
      if (read.answer?.name) record.linkName = read.answer.name;
      if (read.answer?.note) record.note = printable(read.answer.note);
      if (!read.exercise) return { verdict: 'could not check', message: await wordsOf(read.refusal ? { ...read.refusal, message: read.error } : read.error) };
      const exercise = this.exercises.get(read.exercise);
      record.exercise = exercise?.info.title ?? read.exercise;
      record.exerciseName = read.exercise;
      this.fillRow(i, { verdict: 'checking' });
      if (!exercise) return { verdict: 'could not check', message: await wordsOf(pageRefusal('exercise', 'unknown_exercise', [shown(read.exercise)])) };
      const result = await this.client.call('exerciseCheckHandedIn', { ...exercise.texts, link: line.link, name: line.name });
      if (!result.passed && !hasMessageCatalog()) await coreCatalog().catch(() => {}); // the words of the core's own verdicts
      return { ...result, message: verdictMessage(result, exercise.info.messages), verdict: result.passed ? 'passed' : 'not passed' };
    } catch (error) {
      if (error instanceof Cancelled) return { verdict: 'not checked', message: 'stopped' };
      return { verdict: 'could not check', message: await wordsOf(error) }; // refused by the core, naming the field
    }
  }

  // The row of one pasted line and its record (what the CSV and the text copy hold).
  addRow(line) {
    const record = { line: line.line, text: line.text, link: line.link, name: line.name, linkName: '', exercise: '', exerciseName: '', instance: '', verdict: 'waiting', reason: '', numbers: '', note: '', checkedAt: '' };
    this.records.push(record);
    const cell = (role, label) => element('td', { 'data-role': role, 'data-label': label });
    const row = element('tr', { 'data-role': 'row' });
    row.append(cell('line', 'line'), cell('name', 'name'), cell('exercise', 'exercise'), cell('instance', 'instance'), cell('verdict', 'verdict'),
      cell('reason', 'what is missing'), cell('numbers', 'numbers'), cell('note', 'note'), cell('link', 'link'));
    this.table.append(row);
    this.fillRow(this.records.length - 1, { verdict: 'waiting' });
    return row;
  }

  // The record and its row: the verdict in words and a mark of its own (colour is not the only
  // difference), the reason, the numbers in the exercise file's words.
  fillRow(i, result) {
    const record = this.records[i];
    const row = this.table.children[i];
    record.verdict = result.verdict;
    if (['passed', 'not passed', 'could not check', 'not checked'].includes(result.verdict)) {
      record.reason = result.verdict === 'passed' ? '' : String(result.message ?? '');
      record.numbers = result.summary ?? '';
      if (typeof result.note === 'string') record.note = result.note;
      if (result.instance) record.instance = `${result.instance}: ${result.instance_text}`;
      if (result.verdict !== 'not checked') record.checkedAt = new Date().toISOString();
    }
    row.dataset.verdict = result.verdict;
    row.dataset.passed = String(result.verdict === 'passed');
    const set = (role, text) => { row.querySelector(`[data-role="${role}"]`).textContent = text; };
    set('line', String(record.line));
    const name = record.name || record.linkName;
    set('name', record.name && record.linkName && record.name !== record.linkName ? `${record.name} (the link says ${record.linkName})` : name || '–');
    set('exercise', record.exercise || '–');
    set('instance', record.instance || (record.exerciseName && result.instance === 0 ? 'as written' : '–'));
    const verdict = row.querySelector('[data-role="verdict"]');
    // The words; a mark of each verdict's own is drawn beside them (classroom.css).
    verdict.textContent = { checking: 'checking…' }[record.verdict] ?? record.verdict;
    verdict.className = `verdict-cell ${{ passed: 'passed', 'not passed': 'failed', 'could not check': 'unchecked', 'not checked': 'unchecked' }[record.verdict] ?? ''}`;
    set('reason', record.reason);
    set('numbers', record.numbers);
    set('note', record.note);
    const linkCell = row.querySelector('[data-role="link"]');
    linkCell.replaceChildren();
    // A relative link opens beside this page's exercises page.
    let href = null;
    try { href = record.exerciseName ? new URL(record.link, pageAddress('exercises')).href : null; } catch { href = null; }
    if (href && /^(https?|file):/.test(href)) linkCell.append(element('a', { href, target: '_blank', rel: 'noopener' }, 'open'));
    else linkCell.textContent = '–';
  }

  // The table as rows of text: the CSV's and the copy's.
  tableRows() {
    const header = ['line', 'name', 'exercise', 'instance', 'verdict', 'reason', 'numbers', 'note', 'link', 'checked at'];
    const rows = this.records.map((r) => [String(r.line), r.name || r.linkName, r.exercise || r.exerciseName, r.instance, r.verdict, r.reason, r.numbers, r.note, r.link, r.checkedAt]);
    return { header, rows };
  }

  // A gradebook's CSV: UTF-8 with a byte order mark (spreadsheet programs then read non-ASCII
  // names right), CRLF line ends, every cell quoted; a cell a spreadsheet would run as a formula
  // (starting with = + - @) is prefixed with an apostrophe.
  csv() {
    const { header, rows } = this.tableRows();
    const cell = (value) => {
      const text = String(value ?? '');
      const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return `"${safe.replace(/"/g, '""')}"`;
    };
    return `\ufeff${[header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`;
  }

  downloadCsv() {
    const day = new Date().toISOString().slice(0, 10);
    downloadText(`checked-answers-${day}.csv`, this.csv(), 'text/csv');
    this.exportStatus.textContent = `Downloaded checked-answers-${day}.csv (${this.records.length} rows).`;
  }

  async copyTable() {
    const { header, rows } = this.tableRows();
    const text = [header, ...rows].map((row) => row.map((v) => String(v ?? '').replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
    await navigator.clipboard.writeText(text);
    this.exportStatus.textContent = `Copied ${this.records.length} rows as text (tab-separated: it pastes into a spreadsheet).`;
  }

  // --- the exercises -----------------------------------------------------------------------
  buildList() {
    const list = this.root.querySelector('[data-role="exercise-list"]');
    list.replaceChildren();
    for (const { info } of this.exercises.values()) {
      const item = element('article', { class: 'teacher-exercise', id: `exercise-${info.name}` });
      item.append(element('h3', {}, info.title));
      const meta = element('p', { class: 'exercise-meta' });
      meta.append('Chapter ', element('a', { href: pageLink('index', { at: info.chapter }) }, CHAPTERS[info.chapter] ?? info.chapter),
        ` · about ${info.minutes} minutes · widget ${info.widget} on ${info.scenario}${info.variant ? ` (${info.variant})` : ''} · `,
        element('a', { href: pageLink('exercises', { exercise: info.name }) }, 'open'));
      const goal = element('p');
      goal.append(element('strong', {}, 'Learning goal: '), info.goal);
      const task = element('p');
      task.append(element('strong', {}, 'Task: '), info.task);
      const words = (q) => info.labels?.[q] ?? q;
      const check = element('p', { class: 'caveat' });
      check.textContent = `Check: ${info.conditions.map((c) => `${words(c.quantity)} ${OPS[c.op]} ${typeof c.value === 'number' ? showQuantity(c.value) : `"${c.value}"`}`).join(' and ')}` +
        `${info.max_changes ? `; at most ${info.max_changes} of the fields changed` : ''}. The student may change: ${info.allowed.join(', ')}.` +
        (info.varies.length ? ` With a class code each student has their own ${info.varies.map((v) => v.label.replace(/ moved to$/, '')).join(' and ')}.` : ' Every student has the same numbers.');
      item.append(meta, goal, task, check);
      list.append(item);
    }
    const button = this.root.querySelector('[data-role="show-answers"]');
    button.addEventListener('click', () => this.showAnswers(button).catch((error) => {
      this.root.querySelector('[data-role="answers-warning"]').textContent = messageOf(error);
    }));
  }

  // The answers, only when asked for: each exercise's known answer (of the exercise as written;
  // a class's student's own is in their row's numbers), why, and a link that opens it.
  async showAnswers(button) {
    if (button.getAttribute('aria-pressed') === 'true') {
      for (const details of this.root.querySelectorAll('.answer-details')) details.remove();
      button.setAttribute('aria-pressed', 'false');
      button.textContent = 'Show answers';
      return;
    }
    for (const { info } of this.exercises.values()) {
      const item = this.root.querySelector(`#exercise-${info.name}`);
      const answer = element('details', { class: 'answer-details', open: '' });
      answer.append(element('summary', {}, 'The answer and why'));
      answer.append(element('pre', {}, JSON.stringify(info.answer)));
      if (info.answer_note) answer.append(element('p', {}, `Note: ${info.answer_note}`));
      answer.append(element('p', {}, info.why));
      const known = { exercise: info.name, patch: info.answer, note: info.answer_note };
      const href = await this.client.call('writeAnswerLink', { pageUrl: pageAddress('exercises').href, answer: known });
      const openLine = element('p');
      openLine.append(element('a', { href }, 'open the exercise with this answer'));
      answer.append(openLine);
      item.append(answer);
    }
    button.setAttribute('aria-pressed', 'true');
    button.textContent = 'Hide answers';
  }

  // --- the link builder --------------------------------------------------------------------
  async buildLinkBuilder() {
    const form = this.root.querySelector('[data-role="builder"]');
    this.builder = {
      form,
      exercise: form.querySelector('[name="exercise"]'),
      theme: form.querySelector('[name="theme"]'),
      lock: form.querySelector('[name="lock"]'),
      classCode: form.querySelector('[name="class"]'),
      classNote: form.querySelector('[data-role="class-note"]'),
      seed: form.querySelector('[name="seed"]'),
      seedNote: form.querySelector('[data-role="seed-note"]'),
      hide: form.querySelector('[data-role="hide"]'),
      output: form.querySelector('[data-role="built-link"]'),
      status: form.querySelector('[data-role="builder-status"]'),
    };
    // Its own worker: a seed's check (is it a right answer?) never waits behind a list of links.
    this.builderClient = new CoreClient('teacher-builder');
    for (const { info } of this.exercises.values()) this.builder.exercise.append(new Option(info.title, info.name));
    form.addEventListener('submit', (event) => event.preventDefault());
    form.addEventListener('change', (event) => {
      if (event.target === this.builder.exercise) this.fillHideChoices().then(() => this.buildLink(), (error) => { this.builder.status.textContent = messageOf(error); });
      else this.buildLink();
    });
    form.addEventListener('input', () => this.buildLink());
    await this.fillHideChoices();
    await this.buildLink();
  }

  // The chosen exercise's widget controls (the widget class lists them) as checkboxes.
  async fillHideChoices() {
    const { info } = this.exercises.get(this.builder.exercise.value);
    await loadWidget(info.widget);
    const controls = customElements.get(`lll-${info.widget}`)?.controls ?? {};
    this.builder.hide.replaceChildren(...Object.entries(controls).map(([name, what]) => {
      const label = element('label', { class: 'check' });
      const box = element('input', { type: 'checkbox', value: name });
      label.append(box, ` ${what} (${name})`);
      return label;
    }));
    const seeded = info.allowed.includes('seed');
    this.builder.seed.disabled = !seeded;
    this.builder.seedNote.textContent = seeded
      ? 'Every student starts from this seed (they may still change it). A seed that is itself a right answer is skipped.'
      : 'This exercise has no seed to choose: its scenario fixes every random number.';
    this.builder.classNote.textContent = info.varies.length
      ? `With a class code each student gets their own ${info.varies.map((v) => v.label.replace(/ moved to$/, '')).join(' and ')}, from the code and their name: one student's answer does not pass for another.`
      : 'This exercise is the same for every student (nothing in it varies); the class code still goes with the answers.';
  }

  // The class link, written by the core. A seed to start from is checked first: a seed that is
  // itself a right answer is skipped (with a warning) for the next one that is not.
  // (Checked with the exercise's own note: a check that asks for a note judges the seed alone.)
  async buildLink() {
    const buildId = this.buildId = (this.buildId ?? 0) + 1;
    const { form, exercise, theme, lock, classCode, seed, hide, output, status } = this.builder;
    const { info, texts } = this.exercises.get(exercise.value);
    form.dataset.state = 'building';
    const patch = {};
    const notes = [];
    const code = classCode.value.trim();
    if (!seed.disabled && seed.value.trim() !== '' && Number.isInteger(Number(seed.value))) {
      let start = Number(seed.value);
      const skipped = [];
      for (let tries = 0; tries < 20; tries++) {
        const result = await this.builderClient.call('exerciseCheck', { ...texts, answer: JSON.stringify({ exercise: info.name, patch: { seed: start }, note: info.answer_note ?? '' }) })
          .catch(() => ({ passed: false }));
        if (buildId !== this.buildId) return;
        if (!result.passed) break;
        skipped.push(start);
        start += 1;
      }
      if (skipped.length) notes.push(`Seed ${skipped.join(', ')} ${skipped.length > 1 ? 'are' : 'is'} itself a right answer: the link starts from seed ${start} instead.`);
      patch.seed = start;
    }
    const options = { ...(theme.value === 'dark' ? { theme: 'dark' } : {}), ...(lock.checked ? { lock: '1' } : {}) };
    const hidden = [...hide.querySelectorAll('input:checked')].map((box) => box.value);
    if (hidden.length) options.hide = hidden.join(',');
    let link;
    try {
      link = await this.builderClient.call('writeAnswerLink', { pageUrl: pageAddress('exercises').href, answer: { exercise: info.name, patch, ...(code ? { class: code } : {}) }, options });
    } catch (error) {
      if (buildId !== this.buildId) return;
      output.value = '';
      status.textContent = messageOf(error);
      form.dataset.state = 'refused';
      return;
    }
    if (buildId !== this.buildId) return;
    output.value = link;
    form.querySelector('[data-role="open-built"]').href = link;
    // In the offline file a link names this computer's copy: the part after # works in any copy.
    form.querySelector('[data-role="offline-link"]').hidden = !offline;
    if (offline) form.querySelector('[data-role="built-fragment"]').value = new URL(link).hash;
    status.textContent = notes.join(' ');
    form.dataset.state = 'ready';
  }
}
