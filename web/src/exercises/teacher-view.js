// Why this file exists: the teacher's page. (1) Handed-in links, pasted several at once (one
// per line), are checked one after the other in one worker: the core reads each link's text and
// re-runs its answer (exerciseCheckLink, the function of the student's page and of `landscape
// check-link`), so it gives the same verdict, on the same bits, as in the student's browser. No
// link holds the list for long: the core refuses an answer over its budget of work before it
// runs. Stop terminates the worker (the kit's cancel): the link being checked and those after it
// are marked "not checked", and the page never waits on it. (2) Every exercise with its learning
// goal, chapter, expected time, conditions, and its answer and why (folded). (3) A link builder:
// theme, controls to hide, the scenario locked, a seed to start from.
import { CoreClient, Cancelled } from '../kit/core-client.js';
import { loadWidget } from '../widgets.js';
import { answerLink, pastedLinks } from './answer-link.js';
import { CHAPTERS, exerciseNames, exerciseTexts } from './files.js';
import { showQuantity } from './exercise-view.js';
import { pageAddress } from '../kit/offline.js';
import { withFragment } from '../kit/widget.js';
import { printable, shown } from '../kit/format.js';

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
    section.querySelector('[data-role="check-all"]').addEventListener('click', () => this.checkAll());
    section.querySelector('[data-role="stop"]').addEventListener('click', () => this.stop());
  }

  // Ends the check running now and the list: that link and the ones after it are marked "not
  // checked" (Check all starts the list again).
  stop() {
    if (this.root.dataset.state !== 'checking') return;
    this.runId = (this.runId ?? 0) + 1;
    this.client.cancel();
    const rows = [...this.table.querySelectorAll('[data-role="row"]')];
    let stopped = 0;
    for (const row of rows) {
      if (row.dataset.verdict) continue;
      this.fillRow(row, { verdict: 'not checked', message: 'stopped before this link was checked' });
      stopped++;
    }
    this.progress.textContent = `Stopped: ${this.summary()}; ${stopped} not checked.`;
    this.root.dataset.state = 'stopped';
  }

  async checkAll() {
    const runId = this.runId = (this.runId ?? 0) + 1;
    this.client.cancel(); // a check still running belongs to the previous list
    const links = pastedLinks(this.pasted.value);
    this.table.replaceChildren();
    if (!links.length) {
      this.progress.textContent = 'No links found: paste the links your students handed in, one per line.';
      return;
    }
    this.root.dataset.state = 'checking';
    // Every row at once, so Stop can mark the ones not reached.
    const rows = links.map((link, i) => this.addRow(i + 1, link));
    for (const [i, link] of links.entries()) {
      if (runId !== this.runId) return;
      this.progress.textContent = `Checking ${i + 1} of ${links.length}…`;
      rows[i].querySelector('[data-role="verdict"]').textContent = 'checking…';
      const verdict = await this.checkOne(link, rows[i]);
      if (runId !== this.runId) return;
      this.fillRow(rows[i], verdict);
    }
    this.progress.textContent = `Checked ${links.length} link${links.length === 1 ? '' : 's'}: ${this.summary()}.`;
    this.root.dataset.state = 'done';
  }

  // "2 passed, 1 not passed, 1 refused": the rows checked so far.
  summary() {
    const count = (verdict) => this.table.querySelectorAll(`[data-role="row"][data-verdict="${verdict}"]`).length;
    const parts = [`${count('passed')} passed`, `${count('not passed')} not passed`];
    if (count('refused')) parts.push(`${count('refused')} refused`);
    return parts.join(', ');
  }

  // {verdict: 'passed' | 'not passed' | 'refused', message, numbers, note}: the core's reading
  // of the link, then its check; a refusal (a field the exercise does not let change, null, a
  // number out of range, an answer over the budget) names the field.
  async checkOne(link, row) {
    let read, exercise;
    try {
      read = await this.client.call('readAnswerLink', { link });
      if (!read.exercise) return { verdict: 'refused', message: read.error };
      exercise = this.exercises.get(read.exercise);
      row.querySelector('[data-role="exercise"]').textContent = exercise?.info.title ?? read.exercise;
      if (read.answer) row.querySelector('[data-role="note"]').textContent = printable(read.answer.note);
      if (!exercise) return { verdict: 'refused', message: `exercise: no exercise named "${shown(read.exercise)}"` };
      const result = await this.client.call('exerciseCheckLink', { ...exercise.texts, link });
      return { ...result, verdict: result.passed ? 'passed' : 'not passed' };
    } catch (error) {
      if (error instanceof Cancelled) return { verdict: 'not checked', message: 'stopped' };
      return { verdict: 'refused', message: String(error.message ?? error) }; // refused by the core, naming the field
    }
  }

  addRow(number, link) {
    const row = element('tr', { 'data-role': 'row' });
    const open = element('a', { href: link }, 'open');
    const linkCell = element('td');
    linkCell.append(open);
    row.append(element('td', {}, String(number)), element('td', { 'data-role': 'exercise' }, '–'), element('td', { 'data-role': 'verdict' }, 'waiting'),
      element('td', { 'data-role': 'reason' }), element('td', { 'data-role': 'numbers' }), element('td', { 'data-role': 'note' }), linkCell);
    this.table.append(row);
    return row;
  }

  fillRow(row, result) {
    row.dataset.verdict = result.verdict;
    row.dataset.passed = String(result.verdict === 'passed');
    const cell = row.querySelector('[data-role="verdict"]');
    cell.textContent = result.verdict;
    cell.className = result.verdict === 'passed' ? 'passed' : 'failed';
    row.querySelector('[data-role="reason"]').textContent = result.verdict === 'passed' ? '' : result.message;
    row.querySelector('[data-role="numbers"]').textContent = Object.entries(result.numbers ?? {})
      .map(([quantity, value]) => `${quantity} = ${showQuantity(value)}`).join('; ');
    if (typeof result.note === 'string') row.querySelector('[data-role="note"]').textContent = result.note;
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
      const check = element('p', { class: 'caveat' });
      check.textContent = `Check: ${info.conditions.map((c) => `${c.quantity} ${OPS[c.op]} ${typeof c.value === 'number' ? showQuantity(c.value) : `"${c.value}"`}`).join(' and ')}` +
        `${info.max_changes ? `; at most ${info.max_changes} of the fields changed` : ''}. The student may change: ${info.allowed.join(', ')}.`;
      const answer = element('details', { class: 'answer-details' });
      answer.append(element('summary', {}, 'The answer and why'));
      answer.append(element('pre', {}, JSON.stringify(info.answer)));
      if (info.answer_note) answer.append(element('p', {}, `Note: ${info.answer_note}`));
      answer.append(element('p', {}, info.why));
      const known = { exercise: info.name, patch: info.answer, note: info.answer_note };
      const open = element('a', { href: answerLink(pageAddress('exercises').href, known) }, 'open the exercise with this answer');
      const openLine = element('p');
      openLine.append(open);
      answer.append(openLine);
      item.append(meta, goal, task, check, answer);
      list.append(item);
    }
  }

  // --- the link builder --------------------------------------------------------------------
  async buildLinkBuilder() {
    const form = this.root.querySelector('[data-role="builder"]');
    this.builder = {
      exercise: form.querySelector('[name="exercise"]'),
      theme: form.querySelector('[name="theme"]'),
      lock: form.querySelector('[name="lock"]'),
      seed: form.querySelector('[name="seed"]'),
      seedNote: form.querySelector('[data-role="seed-note"]'),
      hide: form.querySelector('[data-role="hide"]'),
      output: form.querySelector('[data-role="built-link"]'),
    };
    for (const { info } of this.exercises.values()) this.builder.exercise.append(new Option(info.title, info.name));
    form.addEventListener('change', (event) => {
      if (event.target === this.builder.exercise) this.fillHideChoices().then(() => this.buildLink());
      else this.buildLink();
    });
    form.addEventListener('input', () => this.buildLink());
    await this.fillHideChoices();
    this.buildLink();
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
      ? 'Every student starts from this seed (they may still change it).'
      : 'This exercise has no seed to choose: its scenario fixes every random number, so every student computes the same numbers.';
  }

  buildLink() {
    const { exercise, theme, lock, seed, hide, output } = this.builder;
    const { info } = this.exercises.get(exercise.value);
    const url = pageAddress('exercises');
    const hash = new URLSearchParams(url.hash.slice(1)); // the offline file's page
    hash.set('exercise', info.name);
    if (!seed.disabled && seed.value.trim() !== '' && Number.isInteger(Number(seed.value))) hash.set('answer', JSON.stringify({ seed: Number(seed.value) }));
    if (theme.value === 'dark') hash.set('theme', 'dark');
    const hidden = [...hide.querySelectorAll('input:checked')].map((box) => box.value);
    if (hidden.length) hash.set('hide', hidden.join(','));
    if (lock.checked) hash.set('lock', '1');
    url.hash = hash.toString();
    output.value = url.href;
    output.closest('form').querySelector('[data-role="open-built"]').href = url.href;
  }
}
