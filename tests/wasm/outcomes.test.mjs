// Run outcomes as data: a training run that diverges, a start that is not finite, a view whose
// run diverged or whose path has no principal direction, a surface far out, a scenario without
// critical-point searches. Each is coded like a refusal (core/input/messages.cpp); a composed one
// (a head, a clause, a reason, a tail) carries its parts [{code, args}, ...], on the thrown Error
// (.parts) or in a run's status ("message_data"), and formatMessage() (web/src/kit/messages.js)
// writes the core's English from them word for word, with the templates of the core's catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatMessage, messageOf } from '../../web/src/kit/messages.js';
import { loadModule, root, thrown } from './core-module.mjs';

const module = await loadModule();
const catalog = JSON.parse(module.catalog());
const fixture = async (name) => readFile(path.join(root, 'tests/fixtures/reproducers', name), 'utf8');

const codesOf = (data) => (data.parts ?? []).map((part) => part.code);

// A line through two points, trained by gradient descent: at learning rate 10 it diverges.
const line = (change = {}) => ({
  data: { kind: 'inline', x: [[1], [2]], y: [[1], [-1]] },
  model: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], init: { kind: 'params', params: [1, 0] } },
  optimizer: { kind: 'gd', learning_rate: 10 },
  steps: 1000,
  log_every: 1,
  ...change,
});

// Runs `scenario` to its end; its last status.
const statusAtEnd = (scenario) => {
  const training = new module.Training(JSON.stringify(scenario));
  try {
    let status = JSON.parse(training.status());
    while (status.state === 'running') {
      training.advance(1000);
      status = JSON.parse(training.status());
    }
    return status;
  } finally {
    training.delete();
  }
};

test('a run that has not diverged carries no message data', () => {
  const status = statusAtEnd(line({ optimizer: { kind: 'gd', learning_rate: 0.01 }, steps: 5 }));
  assert.equal(status.state, 'finished');
  assert.equal(status.message, '');
  assert.equal(status.message_data, null);
  assert.equal(messageOf(status, catalog), '');
});

test('a diverged run\'s status carries its message as coded parts, worded word for word from the catalog', () => {
  const status = statusAtEnd(line());
  assert.equal(status.state, 'diverged');
  const data = status.message_data;
  assert.match(data.code, /^diverged_(at|after)_step$/);
  assert.deepEqual(data.parts[0], { code: data.code, args: data.args });
  assert.equal(data.field, '');
  assert.deepEqual(data.parts.at(-1), { code: 'paused_at_step', args: [String(status.step)] });
  assert.ok(data.parts.every((part) => /^[a-z_]+$/.test(part.code) && Object.hasOwn(catalog.messages, part.code)));
  assert.equal(formatMessage(data, catalog), status.message);
  assert.match(status.message, /^training diverged (at|after) step \d+: .* is not finite.*; paused at step \d+, the last finite state$/);
  // The page words a status through messageOf: from the data, in a translated catalog's words.
  assert.equal(messageOf(status, catalog), status.message);
  const french = { ...catalog.messages, paused_at_step: '; en pause au pas {0}' };
  assert.equal(messageOf(status, french), status.message.replace(/; paused at step (\d+), the last finite state$/, '; en pause au pas $1'));
});

test('a mini-batch run that diverges says where it was checked', () => {
  const status = statusAtEnd(line({
    data: { kind: 'inline', x: [[1], [2], [3], [4]], y: [[1], [-1], [1], [-1]] },
    optimizer: { kind: 'sgd', learning_rate: 10, batch_size: 2 },
  }));
  assert.equal(status.state, 'diverged');
  const codes = codesOf(status.message_data);
  assert.ok(codes.includes('on_mini_batch') || codes.includes('on_all_points'), codes.join(', '));
  assert.equal(formatMessage(status.message_data, catalog), status.message);
});

test('an added neuron switched on into an overflow: the switch is undone, and why is a part', () => {
  const status = statusAtEnd(line({
    data: { kind: 'inline', x: [[0.5], [1.0]], y: [[0.1], [0.2]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'sine', bias: false }], init: { kind: 'params', params: [1] } },
    optimizer: { kind: 'gd', learning_rate: 0.01 },
    added_neuron: { enabled: true, params: [1, 800, 1], start_step: 3 },
    steps: 10,
  }));
  assert.equal(status.state, 'diverged');
  const data = status.message_data;
  assert.deepEqual(codesOf(data), ['diverged_at_step', 'neuron_loss_not_finite', 'reason_open', 'reason_neuron_exponent', 'reason_close',
    'check_neuron_params', 'paused_without_neuron']);
  assert.deepEqual(data.parts[3].args, ['801']);
  assert.equal(status.message, 'training diverged at step 3: with the added neuron switched on, the loss is not finite (the added '
    + 'neuron\'s exponent w.x+b reached 801, past the largest that exp() can represent (about 709.8)); check '
    + 'added_neuron.params and lambda; paused at step 3 without the neuron, the last finite state');
  assert.equal(formatMessage(data, catalog), status.message);
});

test('a start that is not finite is refused as data: the loss with why, the gradient in one template', async () => {
  const loss = thrown(() => new module.Training(JSON.stringify(line({
    data: { kind: 'inline', x: [[0.5], [1.0]], y: [[0.1], [0.2]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'sine', bias: false }] },
    added_neuron: { enabled: true, params: [1, 800, 1] },
  }))));
  assert.equal(loss.field, 'model.init');
  assert.equal(loss.code, 'initial_loss_not_finite_because');
  assert.deepEqual(codesOf(loss), ['initial_loss_not_finite_because', 'reason_neuron_exponent']);
  assert.equal(loss.message, 'model.init: the initial loss is not finite: the added neuron\'s exponent w.x+b reached 801, past the '
    + 'largest that exp() can represent (about 709.8)');
  assert.equal(formatMessage(loss, catalog), loss.message);

  // Inputs near 1e308: a finite loss whose gradient overflows.
  const huge = await fixture('nan-gradient-finite-loss.json');
  const gradient = thrown(() => new module.Training(huge));
  assert.equal(gradient.field, 'model.init');
  assert.equal(gradient.code, 'initial_gradient_not_finite');
  assert.equal(gradient.parts, undefined);
  assert.match(gradient.message, /^model\.init: the initial gradient is not finite \(the loss is [^)]+\): the data or the weights are too large for double precision; scale data\.x and data\.y down, or start from smaller weights$/);
  assert.equal(formatMessage(gradient, catalog), gradient.message);
});

// A view's outcomes: its runs are trained by train(), which throws what became of them.
const viewError = (scenario) => {
  const view = new module.LandscapeView(JSON.stringify(scenario));
  try {
    return thrown(() => {
      for (let i = 0; i < 100; i += 1) if (JSON.parse(view.train(1000)).trained) return;
    });
  } finally {
    view.delete();
  }
};

test('a view whose run diverged: the view\'s head, then the run\'s own parts', () => {
  const scenario = line({ view: { kind: 'slice', directions: 'random', resolution: 3 } });
  const error = viewError(scenario);
  assert.equal(error.field, 'scenario');
  assert.equal(error.code, 'training_diverged');
  assert.equal(error.parts[0].code, 'training_diverged');
  assert.match(error.parts[1].code, /^diverged_(at|after)_step$/);
  assert.match(error.message, /^scenario: training diverged: training diverged (at|after) step \d+: /);
  assert.equal(formatMessage(error, catalog), error.message);

  const between = line({
    optimizer: { kind: 'gd', learning_rate: 0.01 },
    steps: 20,
    compare: [
      { name: 'calm', patch: {} },
      { name: 'wild', patch: { optimizer: { learning_rate: 10 }, steps: 1000 } },
    ],
    view: { kind: 'interpolate', between: ['calm', 'wild'] },
  });
  const variant = viewError(between);
  assert.equal(variant.field, '');
  assert.equal(variant.code, 'variant_diverged');
  assert.deepEqual(variant.args, ['wild']);
  assert.match(variant.message, /^compare variant 'wild': training diverged: training diverged (at|after) step \d+: /);
  assert.equal(formatMessage(variant, catalog), variant.message);
});

test('a pca slice of a path that never moved: the view\'s field, "pca: ", the trajectory\'s field and why', () => {
  // Zero weights fit zero targets exactly: the gradient is 0 and every point of the path the same.
  const error = viewError(line({
    data: { kind: 'inline', x: [[1], [2]], y: [[0], [0]] },
    model: { inputs: 1, layers: [{ units: 1, activation: 'linear' }], init: { kind: 'zeros' } },
    optimizer: { kind: 'gd', learning_rate: 0.1 },
    steps: 10,
    view: { kind: 'slice', directions: 'pca', resolution: 3 },
  }));
  assert.equal(error.field, 'view.directions');
  assert.equal(error.code, 'pca_failed');
  assert.deepEqual(error.parts, [
    { code: 'pca_failed', args: [] },
    { code: 'field_prefix', args: ['trajectory'] },
    { code: 'trajectory_all_equal', args: [] },
  ]);
  assert.equal(error.message, 'view.directions: pca: trajectory: the points before the last are all equal (or not finite): no principal direction');
  assert.equal(formatMessage(error, catalog), error.message);
});

test('a surface far out and a scenario without searches are coded outcomes', () => {
  const surface = new module.Surface('saddle', 1, 1);
  try {
    const far = thrown(() => surface.curvature(1e200, 1e200));
    assert.equal(far.field, 'x, y');
    assert.equal(far.code, 'surface_not_finite');
    assert.equal(far.message, 'x, y: the surface\'s value or its derivatives are not finite at this point (too far out)');
    assert.equal(formatMessage(far, catalog), far.message);
  } finally {
    surface.delete();
  }
  const none = thrown(() => new module.CriticalPointSearch(JSON.stringify(line({ optimizer: { kind: 'gd', learning_rate: 0.01 } }))));
  assert.equal(none.field, 'critical_points');
  assert.equal(none.code, 'missing_critical_points');
  assert.equal(formatMessage(none, catalog), none.message);
});

test('formatMessage: a message of parts is its parts\' templates one after the other; a part the catalog lacks gives null', () => {
  const templates = { head: 'went wrong at {0}: ', what: 'the {0}', tail: '; stopped' };
  const data = { field: 'run', code: 'head', args: ['3'], parts: [{ code: 'head', args: ['3'] }, { code: 'what', args: ['loss'] }, { code: 'tail', args: [] }] };
  assert.equal(formatMessage(data, templates), 'run: went wrong at 3: the loss; stopped');
  assert.equal(formatMessage({ ...data, parts: [...data.parts, { code: 'unknown', args: [] }] }, templates), null);
  // Without parts, the one code as before.
  assert.equal(formatMessage({ field: 'run', code: 'what', args: ['gradient'] }, templates), 'run: the gradient');
  assert.equal(formatMessage({ field: 'run', code: 'what', args: ['gradient'], parts: [] }, templates), 'run: the gradient');
});
