// Why this file exists: one exercise on the student's page: its task, a folded hint, the
// widget to explore with, the answer (one field per value the exercise lets the student
// change; everything else is locked by the core), a Check button and a "copy my answer" link.
// The check runs in a worker (the core's checkExercise): the verdict and its numbers are the
// core's, the page only shows them. The fields' texts go to the core as typed (exerciseAnswer):
// no value is converted by JavaScript on its way to a verdict. Opened from a handed-in link and
// not edited, Check checks that link itself (exerciseCheckLink), the teacher's page's function:
// the same link gives the same verdict on both. A long check is cancelled by the next one (the
// worker is terminated, the kit's cancel).
import { CoreClient } from '../kit/core-client.js';
import { formatNumber, shown as short } from '../kit/format.js';
import { valuesFromPatch } from './answer-link.js';
import { CHAPTERS } from './files.js';
import { valuesFromWidget, widgetAnswers } from './widget-answer.js';
import { hasMessageCatalog, messageOf, verdictMessage } from '../kit/messages.js';
import { coreCatalog } from '../kit/catalog.js';

// Controls that choose another scenario or variant inside a widget: a locked link hides them
// (the added neuron's scenario menu always: the exercise is about its own scenario).
const SCENARIO_CONTROLS = ['chooser', 'surface', 'optimizer'];
// Widgets that can run the answer's scenario (the scenario text the core makes of it: a class's
// student's instance, the barrier's data set included): the playground keeps its own settings,
// the deep linear widget its own views.
const SHOWS_ANSWER = new Set(['saddle-explorer', 'added-neuron', 'spectrum-while-training', 'between-minima']);

const element = (tag, attributes = {}, text = '') => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
};

// A value as the student edits it: numbers and strings plainly, the rest as JSON.
const shown = (value) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value));

// A quantity's value as the verdict table shows it.
export function showQuantity(value) {
  if (typeof value === 'number') return formatNumber(value, 4);
  if (value === null || value === undefined) return 'none';
  return String(value);
}

// The verdict and its numbers into `region` (a live region): passed, or every missing thing
// (worded from the exercise's templates, `messages`); each number named in the exercise file's
// words (labels).
export function showVerdict(region, result, labels = {}, messages = {}) {
  region.replaceChildren();
  const verdict = element('p', { class: `verdict ${result.passed ? 'passed' : 'failed'}` });
  verdict.append(element('strong', {}, result.passed ? 'Passed.' : 'Not passed: '));
  if (!result.passed) verdict.append(verdictMessage(result, messages));
  region.append(verdict);
  const entries = Object.entries(result.numbers ?? {});
  if (entries.length) {
    region.append(element('p', { class: 'caveat' }, 'The numbers the check used (computed by the core):'));
    const table = element('table', { class: 'numbers' });
    for (const [quantity, value] of entries) {
      const row = element('tr');
      row.append(element('th', { scope: 'row' }, labels[quantity] ?? { changes: 'fields changed', 'note.words': 'words in the note' }[quantity] ?? quantity), element('td', {}, showQuantity(value)));
      table.append(row);
    }
    region.append(table);
  }
}

// A link's value as a message quotes it: short (a link's value can be 100 KB long).
const quoted = (raw) => `"${short(typeof raw === 'string' ? raw : JSON.stringify(raw))}"`;
const FLAGS = ['1', '0', 'true', 'false'];

// The page options of a link that this page refuses, each naming its parameter (the answer
// itself is the core's to judge: exercises.js asks it when the page opens).
export function linkProblems(options) {
  const problems = [];
  if (options.theme !== undefined && !['light', 'dark'].includes(options.theme)) problems.push(`theme: ${quoted(options.theme)} is not light or dark`);
  if (options.lock !== undefined && !FLAGS.includes(options.lock)) problems.push(`lock: ${quoted(options.lock)} is not 1 or 0`);
  return problems;
}

// The student's name, kept in this browser for the next exercise (a blocked storage keeps none).
const NAME_KEY = 'lll-student-name';
export function storedName() {
  try { return localStorage.getItem(NAME_KEY) ?? ''; } catch { return ''; }
}
function storeName(name) {
  try { localStorage.setItem(NAME_KEY, name); } catch { /* private mode: asked again next time */ }
}

// A number's range in words ("from -3 to 3").
function rangeText({ min, max }) {
  if (min !== undefined && max !== undefined) return `from ${formatNumber(min, 6)} to ${formatNumber(max, 6)}`;
  if (min !== undefined) return `at least ${formatNumber(min, 6)}`;
  return max !== undefined ? `at most ${formatNumber(max, 6)}` : '';
}

// A text input for a number: the text goes to the core as typed (the core reads and refuses it,
// naming the field); the phone's keypad has digits (and a minus where the range allows one).
function numberInput(name, spec, whole) {
  const input = element('input', { type: 'text', name, spellcheck: 'false', autocomplete: 'off', enterkeyhint: 'done' });
  if (spec.min !== undefined && spec.min >= 0) input.setAttribute('inputmode', whole ? 'numeric' : 'decimal');
  return input;
}

// A menu of the core's choices, each in the catalog's words where it has some ("Adam").
function menu(name, { choices, choice_labels: labels = {} }) {
  const select = element('select', { name });
  for (const choice of choices) select.append(element('option', { value: choice }, labels[choice] ?? choice));
  return select;
}

const sameList = (a, b) => Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => v === b[i]);

// The input features: a checkbox each, in the catalog's order and words ("sin x₁"); the core
// reads the ticked names (and refuses none ticked, naming the field).
function featuresControl(field, id) {
  const node = element('fieldset', { class: 'answer-field features' });
  node.append(element('legend', { class: 'field-name' }, field.label));
  const boxes = field.choices.map((choice, i) => {
    const box = element('input', { type: 'checkbox', name: field.path, value: choice, id: `${id}-${i}` });
    const label = element('label', { class: 'check-choice', for: box.id });
    label.append(box, element('span', {}, field.choice_labels?.[choice] ?? choice));
    node.append(label);
    return box;
  });
  const read = () => boxes.filter((box) => box.checked).map((box) => box.value);
  return {
    node,
    read,
    write: (value) => { if (Array.isArray(value)) boxes.forEach((box) => { box.checked = value.includes(box.value); }); },
    shows: (value) => sameList(read(), value),
  };
}

// A number that follows a list (the network's inputs, one per ticked feature): shown, not
// typed; its text is empty, which the core reads as the list's length.
function countControl(field, id) {
  const node = element('div', { class: 'answer-field count' });
  const shownCount = element('output', { id, 'data-role': 'count' });
  const words = element('span', { class: 'field-range' });
  node.append(element('span', { class: 'field-name' }, field.label), shownCount, words);
  return {
    node,
    read: () => '',
    write: () => {},
    shows: () => true,
    // The list's control (its label, its current items): what the count shows.
    follow: (list, listField) => {
      shownCount.value = String(list.read().length);
      words.textContent = `one for each of the ${listField.label}`;
    },
  };
}

// The network's layers as the playground shows them: each hidden layer's units (a whole number
// in the core's range) and activation, a button to remove it, one to add a layer; the output
// layer's activation (its units are the problem's). The core reads each layer's texts.
function layersControl(field, id) {
  const node = element('fieldset', { class: 'answer-field layers' });
  node.append(element('legend', { class: 'field-name' }, field.label));
  const rows = element('div', { class: 'layer-rows' });
  const add = element('button', { type: 'button', class: 'layer-add', 'data-role': 'add-layer' }, '+ hidden layer');
  const range = `a whole number, ${rangeText(field.units)}`;
  node.append(rows, add, element('span', { class: 'field-range' }, `units: ${range}`));
  let layers = []; // per layer: {units (input, or the output's text), activation (menu), flags}
  const makeRow = (layer, index, output) => {
    const row = element('div', { class: `layer-row${output ? ' output' : ''}` });
    const name = output ? 'output layer' : `hidden layer ${index + 1}`;
    row.append(element('span', { class: 'layer-name' }, name));
    let units;
    if (output) {
      units = { value: String(layer.units ?? '') };
      row.append(element('span', { class: 'layer-units' }, `${units.value} unit${units.value === '1' ? '' : 's'}`));
    } else {
      units = numberInput(`${field.path}.${index}.units`, field.units, true);
      units.id = `${id}-${index}-units`;
      units.value = layer.units === undefined ? '' : String(layer.units);
      units.setAttribute('aria-label', `units of ${name} (${range})`);
      units.classList.add('layer-units');
      row.append(units);
    }
    const activation = menu(`${field.path}.${index}.activation`, { choices: field.activations });
    activation.setAttribute('aria-label', `activation of ${name}`);
    if (layer.activation !== undefined) activation.value = layer.activation;
    row.append(activation);
    const flags = (field.flags ?? []).map((flag) => {
      const box = element('input', { type: 'checkbox', name: `${field.path}.${index}.${flag.key}`, id: `${id}-${index}-${flag.key}` });
      box.checked = layer[flag.key] ?? flag.default;
      const label = element('label', { class: 'check-choice', for: box.id });
      label.append(box, element('span', {}, flag.label));
      row.append(label);
      return [flag.key, box];
    });
    if (!output) {
      const remove = element('button', { type: 'button', class: 'layer-remove', 'data-role': 'remove-layer', 'aria-label': `remove ${name}`, title: `remove ${name}` }, '×');
      remove.addEventListener('click', () => { layers = texts().filter((_, i) => i !== index); draw(); changed(node); });
      row.append(remove);
    }
    return { row, units, activation, flags };
  };
  // The rows' values as a layer list (texts; flags as ticked).
  const texts = () => layers.map(({ units, activation, flags }) => ({
    units: units.value, activation: activation.value, ...Object.fromEntries(flags.map(([key, box]) => [key, box.checked])),
  }));
  const draw = (list = layers) => {
    rows.replaceChildren();
    layers = list.map((layer, i) => makeRow(layer, i, i === list.length - 1));
    for (const { row } of layers) rows.append(row);
    add.disabled = layers.length >= field.max_layers;
  };
  add.addEventListener('click', () => {
    // A new hidden layer before the output, like the last hidden one (the playground's "+ layer").
    const list = texts();
    const last = list.length > 1 ? list.at(-2) : { units: '', activation: list.at(-1)?.activation };
    list.splice(list.length - 1, 0, { ...last });
    draw(list);
    changed(node);
    layers.at(-2)?.units.focus?.();
  });
  const shownLayer = (layer) => ({ ...layer, units: layer.units === undefined ? '' : String(layer.units) });
  return {
    node,
    read: texts,
    write: (value) => { if (Array.isArray(value) && value.length) draw(value.map(shownLayer)); },
    shows: (value) => JSON.stringify(texts()) === JSON.stringify((Array.isArray(value) ? value : []).map(shownLayer).map((layer, i) => ({
      units: layer.units, activation: layer.activation, ...Object.fromEntries((field.flags ?? []).map((flag) => [flag.key, value[i][flag.key] ?? flag.default])),
    }))),
  };
}

// A group of settings whose kind is a menu and the rest numbers (an optimizer: kind, learning
// rate, batch size): a control each; the core reads their texts over the exercise's group.
function groupControl(field, id, baseValue) {
  const node = element('fieldset', { class: 'answer-field group' });
  node.append(element('legend', { class: 'field-name' }, field.label));
  const parts = field.parts.map((part, i) => {
    const cell = element('span', { class: 'group-part' });
    const control = part.kind === 'choice' ? menu(`${field.path}.${part.key}`, part) : numberInput(`${field.path}.${part.key}`, part, part.integer);
    control.id = `${id}-${i}`;
    cell.append(element('label', { for: control.id }, part.label), control);
    const range = part.kind === 'choice' ? '' : rangeText(part);
    if (range) {
      const hint = element('span', { class: 'field-range', id: `${control.id}-range` }, range);
      control.setAttribute('aria-describedby', hint.id);
      cell.append(hint);
    }
    node.append(cell);
    return [part.key, control];
  });
  // A setting the exercise's scenario leaves out shows the core's default (a regularization:
  // "none", strength 0).
  const defaults = Object.fromEntries(field.parts.filter((part) => part.default !== undefined).map((part) => [part.key, part.default]));
  const merged = (value) => ({ ...defaults, ...(baseValue ?? {}), ...(value && typeof value === 'object' ? value : {}) });
  const text = (all, key) => (all[key] === undefined ? '' : shown(all[key]));
  // A kind "none" (no regularization) has no numbers to set: they are greyed out, as in the
  // playground.
  const kind = parts.find(([key]) => key === 'kind')?.[1];
  const noneChosen = () => {
    for (const [key, control] of parts) if (key !== 'kind') control.disabled = kind?.value === 'none';
  };
  kind?.addEventListener('change', noneChosen);
  return {
    node,
    read: () => Object.fromEntries(parts.map(([key, control]) => [key, control.value])),
    write: (value) => {
      const all = merged(value);
      for (const [key, control] of parts) control.value = text(all, key);
      noneChosen();
    },
    shows: (value) => { const all = merged(value); return parts.every(([key, control]) => control.value === text(all, key)); },
  };
}

// A control changed by a button (not an input event): the form hears it as an edit.
const changed = (node) => node.dispatchEvent(new Event('input', { bubbles: true }));

let controlCount = 0;

// The control of one allowed field, from the core's description (exerciseInfo's fields):
// {node, read() (the text, or a point's texts, for the core), write(value), shows(value),
// advanced (the node belongs to the advanced view), extra (a node for the advanced view)}.
export function makeControl(field, baseValue) {
  const id = `field-${++controlCount}`;
  const caption = (text, forId) => element('label', { class: 'field-name', for: forId }, text);
  if (field.kind === 'number' || field.kind === 'seed') {
    const node = element('div', { class: 'answer-field' });
    const input = numberInput(field.path, field, field.kind === 'seed' || field.integer);
    input.id = id;
    const range = rangeText(field);
    const words = field.kind === 'seed' ? `a whole number${range ? `, ${range}` : ''}` : range;
    node.append(caption(field.label, id), input);
    if (words) {
      const hint = element('span', { class: 'field-range', id: `${id}-range` }, words);
      input.setAttribute('aria-describedby', hint.id);
      node.append(hint);
    }
    return {
      node,
      read: () => input.value,
      write: (value) => { input.value = value === undefined || value === null ? '' : shown(value); },
      shows: (value) => input.value === shown(value),
    };
  }
  if (field.kind === 'point') {
    const node = element('fieldset', { class: 'answer-field point' });
    node.append(element('legend', { class: 'field-name' }, field.label));
    const inputs = field.parts.map((part, i) => {
      const input = numberInput(`${field.path}.${i}`, part, false);
      input.id = `${id}-${i}`;
      const range = rangeText(part);
      input.setAttribute('aria-label', `${part.label} (${field.label})${range ? `, ${range}` : ''}`);
      const cell = element('span', { class: 'point-part' });
      cell.append(element('label', { for: input.id }, part.label), input);
      node.append(cell);
      return input;
    });
    const ranges = [...new Set(field.parts.map(rangeText).filter(Boolean))];
    if (ranges.length === 1) node.append(element('span', { class: 'field-range' }, `each ${ranges[0]}`));
    const texts = (value) => (Array.isArray(value) ? value.map((v) => shown(v)) : []);
    return {
      node,
      read: () => inputs.map((input) => input.value),
      write: (value) => { const t = texts(value); inputs.forEach((input, i) => { input.value = t[i] ?? ''; }); },
      shows: (value) => { const t = texts(value); return inputs.every((input, i) => input.value === t[i]); },
    };
  }
  if (field.kind === 'features') return featuresControl(field, id);
  if (field.kind === 'count') return countControl(field, id);
  if (field.kind === 'layers') return layersControl(field, id);
  if (field.kind === 'group') return groupControl(field, id, baseValue);
  if (field.kind === 'choice') {
    const node = element('div', { class: 'answer-field' });
    const select = menu(field.path, field);
    select.id = id;
    node.append(caption(field.label, id), select);
    // A menu of an object's kind (model.init's kind): the rest of the object, if an answer sets
    // it, is JSON in the advanced view (empty there: the menu is the answer).
    const kindOf = field.choice_of === 'kind';
    const kind = (value) => (kindOf ? value?.kind : value);
    let json = null;
    let extra = null;
    if (kindOf) {
      extra = element('div', { class: 'answer-field' });
      json = element('input', { type: 'text', name: `${field.path}:json`, id: `${id}-json`, spellcheck: 'false', autocomplete: 'off', placeholder: JSON.stringify(baseValue) });
      extra.append(caption(`${field.label} (JSON; when filled in, used instead of the menu)`, json.id), json);
    }
    const plainKind = (value) => !kindOf || (value && typeof value === 'object' && Object.keys(value).every((key) => key === 'kind'));
    return {
      node,
      extra,
      read: () => (json?.value.trim() ? json.value : select.value),
      write: (value) => {
        const k = kind(value) ?? kind(baseValue);
        if (field.choices.includes(k)) select.value = k;
        if (json) json.value = value === undefined || value === null || plainKind(value) || value === baseValue ? '' : JSON.stringify(value);
      },
      shows: (value) => select.value === kind(value) && !json?.value.trim(),
      inAdvanced: () => Boolean(json?.value.trim()),
    };
  }
  // A list or a group of settings: JSON, in the advanced view.
  const node = element('div', { class: 'answer-field' });
  const input = element('input', { type: 'text', name: field.path, id, spellcheck: 'false', autocomplete: 'off' });
  node.append(caption(field.label, id), input);
  return {
    node,
    advanced: true,
    inAdvanced: () => true,
    read: () => input.value,
    write: (value) => { input.value = value === undefined || value === null ? '' : shown(value); },
    shows: (value) => input.value === shown(value),
  };
}

export class ExerciseView {
  // info: the core's exerciseInfo; texts: {exercise, base}; answer: {patch, note} as the core
  // read it from the URL. options: the teacher's {theme, hide, lock} from the link (lock: the
  // widget's controls that choose another scenario or variant are hidden, and so is the way to
  // the other exercises). linkErrors: what the core refused in the link, naming it. link: the
  // handed-in link's text (null when the page was opened without an answer): until a field or
  // the note is edited, Check checks that link.
  // classCode: the class link's code (each student's instance derives from it and their name);
  // info is then the instance of `name` (the link's, else the one this browser keeps).
  // playgroundState: for an exercise on the playground, the link state its widget starts from
  // (the core's exercisePlaygroundState: the network the check trains).
  constructor(container, { info, texts, answer, pageUrl, options = {}, linkErrors = [], link = null, classCode = '', name = '', baseText = null, playgroundState = '' }) {
    Object.assign(this, { container, info, texts, pageUrl, options, linkErrors, link, classCode, name, baseText, playgroundState });
    this.client = new CoreClient('exercise');
    this.render(answer ?? { patch: {}, note: '' });
    // A handed-in answer (the teacher's "open", a reload) reopens as it was: shown in the
    // widget, its verdict run again.
    if (link && Object.keys(answer?.patch ?? {}).length && !linkErrors.length) this.reopen().catch((error) => this.fail(error));
  }

  async reopen() {
    if (SHOWS_ANSWER.has(this.info.widget) && this.info.widget !== 'saddle-explorer') await this.showInWidget();
    await this.check(); // the explorer shows the answer as the check ends
  }

  render(answer) {
    const { info } = this;
    const article = element('article', { class: 'exercise', 'data-exercise': info.name });
    const meta = element('p', { class: 'exercise-meta' });
    meta.append('Chapter ', element('a', { href: `index.html#${info.chapter}` }, CHAPTERS[info.chapter] ?? info.chapter),
      ` · about ${info.minutes} minutes`);
    if (!this.options.lock) meta.append(' · ', element('a', { href: 'exercises.html' }, 'all exercises'));
    article.append(element('h2', {}, info.title), meta, element('p', { class: 'task' }, info.task));
    const hint = element('details', { class: 'hint' });
    hint.append(element('summary', {}, 'Hint'), element('p', {}, info.hint));
    article.append(hint);

    // The link's refused settings, on a line of their own (hide's names once the widget is known).
    const problems = [...this.linkErrors, ...linkProblems(this.options)];
    const linkNote = element('p', { class: 'verdict failed link-note', role: 'status', 'data-role': 'link-note' });
    const showProblems = () => {
      linkNote.textContent = problems.length ? `The link had settings that were refused: ${problems.join('; ')}.` : '';
      linkNote.hidden = !problems.length;
    };
    showProblems();
    article.append(linkNote);
    const hide = (this.options.hide ?? '').split(',').filter(Boolean);
    if (hide.length) {
      customElements.whenDefined(`lll-${info.widget}`).then((widgetClass) => {
        const unknown = hide.filter((name) => !Object.hasOwn(widgetClass.controls ?? {}, name));
        if (unknown.length) problems.push(`hide: ${unknown.map(quoted).join(', ')} ${unknown.length > 1 ? 'are not controls' : 'is not a control'} of this widget (${Object.keys(widgetClass.controls ?? {}).join(', ')})`);
        showProblems();
      });
    }

    // A class's instance: whose numbers these are.
    this.instanceLine = element('p', { class: 'instance-line', 'data-role': 'instance' });
    article.append(this.instanceLine);
    this.showInstance();
    this.widgetSlot = element('div', { class: 'exercise-widget' });
    article.append(this.widgetSlot);
    this.placeWidget(this.baseText);

    const form = element('form', { class: 'answer', novalidate: '' });
    form.append(element('h3', {}, 'Your answer'));
    // The student's name before anything else: the link carries it to the teacher, and in a
    // class it decides the student's numbers.
    const nameLabel = element('label', { class: 'answer-field student-name' });
    this.nameInput = element('input', { type: 'text', name: 'student-name', autocomplete: 'name', maxlength: '100', spellcheck: 'false' });
    this.nameInput.value = this.name;
    nameLabel.append(element('span', { class: 'field-name' }, this.classCode ? 'your name (your teacher sees it; your numbers depend on it)' : 'your name (your teacher sees it beside your answer)'), this.nameInput);
    form.append(nameLabel);
    this.nameInput.addEventListener('change', () => this.changeName().catch((error) => this.fail(error)));
    const labels = Object.fromEntries((info.fields ?? []).map((field) => [field.path, field.label]));
    const locked = element('p', { class: 'caveat' },
      `You may change ${info.allowed.map((path) => labels[path] ?? path).join('; ')}${info.max_changes ? ` (at most ${info.max_changes} of them)` : ''}; everything else is locked. An empty field keeps the exercise's value.`);
    form.append(locked);
    const values = { ...info.base_values, ...valuesFromPatch(answer.patch ?? {}, info.allowed) };
    // One control per allowed field, as the core describes it (info.fields); lists and settings
    // that have no simpler control are JSON, in the folded advanced view.
    this.controls = {};
    const fields = element('div', { class: 'answer-fields' });
    const advanced = element('details', { class: 'advanced', 'data-role': 'advanced' });
    advanced.append(element('summary', {}, 'Advanced: fields as JSON'));
    if (widgetAnswers(info.widget)) advanced.append(element('p', { class: 'caveat' }, 'Easier: set these in the widget above and press "Take from the widget".'));
    let inAdvanced = 0;
    for (const field of info.fields ?? []) {
      const control = makeControl(field, info.base_values[field.path]);
      this.controls[field.path] = control;
      (control.advanced ? advanced : fields).append(control.node);
      if (control.extra) advanced.append(control.extra);
      if (control.advanced || control.extra) inAdvanced += 1;
      control.write(values[field.path]);
      // An answer that sets a field only the advanced view shows: unfolded, so it is seen.
      if (control.inAdvanced?.() && valuesFromPatch(answer.patch ?? {}, [field.path])[field.path] !== undefined) advanced.open = true;
    }
    // A count shows its list's length as the list changes (the network's inputs, its features).
    this.counts = [];
    for (const field of info.fields ?? []) {
      const count = this.controls[field.path];
      const listField = info.fields.find((f) => f.path === field.of);
      if (!count.follow || !listField) continue;
      const follow = () => count.follow(this.controls[listField.path], listField);
      this.controls[listField.path].node.addEventListener('change', follow);
      this.counts.push(follow);
    }
    this.showCounts();
    form.append(fields);
    // No simpler control at all (a start written out weight by weight): the JSON is the form.
    if (!fields.children.length) advanced.open = true;
    if (inAdvanced) form.append(advanced);
    const noteLabel = element('label', { class: 'answer-field note' });
    this.note = element('textarea', { name: 'note', rows: '2', maxlength: '2000' });
    this.note.value = answer.note ?? '';
    noteLabel.append(element('span', { class: 'field-name' }, 'note for your teacher (optional unless the task asks)'), this.note);
    form.append(noteLabel);

    const buttons = element('div', { class: 'answer-buttons' });
    if (widgetAnswers(info.widget)) {
      const take = element('button', { type: 'button', 'data-role': 'from-widget' }, 'Take from the widget');
      take.addEventListener('click', () => this.takeFromWidget());
      buttons.append(take);
    }
    const show = element('button', { type: 'button', 'data-role': 'show' }, 'Show in the widget');
    show.addEventListener('click', () => this.showInWidget().catch((error) => this.fail(error)));
    const check = element('button', { type: 'submit', class: 'primary', 'data-role': 'check' }, 'Check');
    const copy = element('button', { type: 'button', 'data-role': 'copy' }, 'Copy my answer');
    copy.addEventListener('click', () => this.copyAnswer().catch((error) => this.fail(error)));
    show.hidden = !SHOWS_ANSWER.has(info.widget);
    buttons.append(show, check, copy);
    form.append(buttons);
    this.linkField = element('input', { type: 'text', readonly: '', class: 'answer-link', 'aria-label': 'the link to your answer', 'data-role': 'answer-link' });
    this.linkField.hidden = true;
    form.append(this.linkField);
    // What "Copy my answer" says, apart from the verdict (which stays on screen).
    this.copyStatus = element('p', { class: 'caveat copy-status', role: 'status', 'data-role': 'copy-status' });
    form.append(this.copyStatus);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.check().catch((error) => this.fail(error));
    });
    // An edit makes the form the answer: the handed-in link no longer is.
    form.addEventListener('input', () => { this.link = null; });
    article.append(form);

    this.result = element('div', { class: 'result', role: 'status', 'aria-live': 'polite', 'data-role': 'result' });
    article.append(this.result);
    this.container.replaceChildren(article);
  }

  // The exercise's widget, on the base scenario or (text) on the answer's scenario.
  placeWidget(text) {
    const { info } = this;
    const widget = element(`lll-${info.widget}`);
    if (info.widget === 'deep-linear-networks') widget.setAttribute('scenarios', info.scenario);
    else if (info.widget !== 'playground') widget.setAttribute('scenario', info.scenario);
    if (info.widget === 'saddle-explorer') {
      const surface = JSON.parse(text ?? this.texts.base).surface?.name;
      const patched = JSON.parse(this.texts.exercise).patch?.surface?.name;
      widget.setAttribute('surface', patched ?? surface ?? 'product');
      // The explorer starts its optimizers at the start in its state (where a reader clicked).
      const start = text ? JSON.parse(text).start : null;
      if (Array.isArray(start)) widget.setAttribute('state', `start=${start.join(',')}`);
    }
    if (info.widget === 'playground') widget.setAttribute('state', this.playgroundState);
    // The playground trains as long as the check does, no further (the core's step count).
    if (info.widget === 'playground' && info.check_steps > 0) widget.setAttribute('max-steps', String(info.check_steps));
    // The widget's own link and exports are hidden: the answer's link is what a student hands in.
    const hidden = new Set(['tools', 'chooser', ...(this.options.hide ?? '').split(',').filter(Boolean)]);
    if (this.options.lock) for (const name of SCENARIO_CONTROLS) hidden.add(name);
    widget.setAttribute('hide', [...hidden].join(','));
    if (this.options.theme === 'dark') widget.setAttribute('theme', 'dark');
    if (text && SHOWS_ANSWER.has(info.widget)) widget.scenarioSource = text;
    this.widget = widget;
    // The new widget starts empty and grows as it draws (the explorer's list of where each
    // optimizer ended grows while it runs): until it has drawn what it computed (a published
    // state past "loading" and "running"), the slot keeps the old one's height, so the form
    // below does not jump up and back while the reader is about to click in it (it moves at
    // most once, by the difference of the two finished widgets).
    const kept = this.widgetSlot.getBoundingClientRect().height;
    if (kept > 0) {
      this.widgetSlot.style.minHeight = `${kept}px`;
      const release = (event) => {
        if (['loading', 'running'].includes(event.detail.state)) return;
        widget.removeEventListener('state', release);
        if (this.widget === widget) this.widgetSlot.style.minHeight = '';
      };
      widget.addEventListener('state', release);
    }
    this.widgetSlot.replaceChildren(widget);
  }

  // The answer the form holds, {exercise, patch, note}, read by the core from the fields' texts;
  // a field that is not a value is refused, named.
  answer() {
    const fields = Object.fromEntries(Object.entries(this.controls).map(([path, control]) => [path, control.read()]));
    const name = this.nameInput.value.trim();
    return this.client.call('exerciseAnswer', { ...this.texts, fields, note: this.note.value.trim(), ...(name ? { name } : {}), ...(this.classCode ? { classCode: this.classCode } : {}) });
  }

  // Whose numbers the page shows (a class's instance, from the core).
  showInstance() {
    const { info } = this;
    this.instanceLine.hidden = !(this.classCode && info.varies?.length);
    if (this.instanceLine.hidden) return;
    this.instanceLine.textContent = this.nameInput?.value.trim() || this.name
      ? `Your own numbers (instance ${info.instance} of class ${this.classCode}): ${info.instance_text}.`
      : `Write your name below: in this class every student has numbers of their own (for now: instance ${info.instance}, ${info.instance_text}).`;
  }

  // A new name: kept for the next exercise; in a class, the student's own instance (the fields
  // still holding the old instance's values take the new one's).
  async changeName() {
    const name = this.nameInput.value.trim();
    storeName(name);
    this.name = name;
    if (!this.classCode || !this.info.varies?.length) return;
    const before = this.info;
    this.info = await this.client.call('exerciseInstanceInfo', { ...this.texts, classCode: this.classCode, name });
    for (const [path, control] of Object.entries(this.controls)) {
      const old = before.base_values[path];
      if (old !== undefined && old !== null && control.shows(old)) control.write(this.info.base_values[path]);
    }
    this.showCounts();
    this.baseText = await this.client.call('exerciseScenario', { ...this.texts, answer: JSON.stringify({ exercise: this.info.name, patch: {}, class: this.classCode, name }) });
    if (this.info.widget === 'playground') this.playgroundState = await this.client.call('exercisePlaygroundState', { ...this.texts, classCode: this.classCode, name });
    this.showInstance();
    this.placeWidget(this.baseText);
  }

  showCounts() { for (const follow of this.counts) follow(); }

  takeFromWidget() {
    const values = valuesFromWidget(this.info.widget, this.widget, this.info.allowed);
    if (!Object.keys(values).length) {
      this.say('The widget has no answer yet: click in it (or change its settings) first.');
      return;
    }
    for (const [path, value] of Object.entries(values)) this.controls[path].write(value);
    this.showCounts();
    this.link = null;
    const labels = Object.fromEntries(this.info.fields.map((field) => [field.path, field.label]));
    this.say(`Taken from the widget: ${Object.keys(values).map((path) => labels[path] ?? path).join('; ')}.`);
  }

  async showInWidget() {
    const answer = await this.answer();
    const text = await this.client.call('exerciseScenario', { ...this.texts, answer: JSON.stringify(answer) });
    this.placeWidget(text);
  }

  // Runs the core's check; a check still running is cancelled first. The handed-in link while
  // nothing is edited (the teacher's function on the same text), else the form's answer.
  async check() {
    this.client.cancel();
    this.container.querySelector('[data-role="check"]').disabled = true;
    this.container.dataset.state = 'checking';
    this.say('Checking (the core trains and measures)…');
    try {
      let result;
      try {
        if (this.link) {
          result = await this.client.call('exerciseCheckLink', { ...this.texts, link: this.link });
        } else {
          const answer = await this.answer();
          await this.saveAnswer(answer);
          // The core's answer: finite numbers only, which JSON.stringify writes back exactly.
          result = await this.client.call('exerciseCheck', { ...this.texts, answer: JSON.stringify(answer) });
        }
      } catch (error) {
        return this.refused(error);
      }
      // The core's own verdicts (another student's instance, too many changes) in the catalog's words.
      if (!result.passed && !hasMessageCatalog()) await coreCatalog().catch(() => {});
      showVerdict(this.result, result, this.info.labels, this.info.messages);
      // The explorer draws the answer's paths at once (cheap); other widgets on request.
      if (this.info.widget === 'saddle-explorer') this.showInWidget().catch((error) => this.fail(error));
      this.container.dataset.state = result.passed ? 'passed' : 'failed';
      this.lastResult = result;
    } finally {
      this.container.querySelector('[data-role="check"]').disabled = false;
    }
  }

  // The answer's link, written by the core, kept in the address (a reload keeps the answer).
  async saveAnswer(answer) {
    const options = Object.fromEntries(['theme', 'hide', 'lock'].filter((key) => this.options[key]).map((key) => [key, String(this.options[key])]));
    const link = await this.client.call('writeAnswerLink', { pageUrl: this.pageUrl, answer, options });
    history.replaceState(null, '', new URL(link).hash);
    return link;
  }

  // The answer's link to hand in: only with the student's name (the teacher's table shows it).
  // The verdict stays on screen; what happened is said beside the link.
  async copyAnswer() {
    if (!this.nameInput.value.trim()) {
      this.copyStatus.textContent = 'your name: write it first; your teacher sees it beside your answer.';
      this.copyStatus.dataset.state = 'missing-name';
      this.nameInput.focus();
      return;
    }
    storeName(this.nameInput.value.trim());
    const link = await this.saveAnswer(await this.answer());
    this.linkField.value = link;
    this.linkField.hidden = false;
    this.linkField.select();
    this.copyStatus.dataset.state = 'copied';
    try {
      await navigator.clipboard.writeText(link);
      this.copyStatus.textContent = 'Your answer\'s link is copied: hand it in (it reopens this exercise with your answer and your name).';
    } catch {
      this.copyStatus.textContent = 'Copy the link above and hand it in.';
    }
  }

  say(text) {
    this.result.replaceChildren(element('p', { class: 'verdict info' }, text));
  }

  // The core refused the answer before running it (a field it may not change, null, a number
  // out of range, over the budget of a check): not a verdict, said with the core's message.
  refused(error) {
    if (error?.name === 'Cancelled') return;
    this.container.dataset.state = 'refused';
    this.result.replaceChildren(element('p', { class: 'verdict failed' }, `Not checked: ${messageOf(error)}`));
  }

  fail(error) {
    if (error?.name === 'Cancelled') return;
    this.container.dataset.state = 'error';
    this.result.replaceChildren(element('p', { class: 'verdict failed' }, messageOf(error)));
  }

  close() { this.client.close(); }
}


