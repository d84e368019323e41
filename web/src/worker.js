// Why this file exists: the wasm core runs here, off the page's thread, so training never
// blocks the page. One widget owns one worker (web/src/kit/core-client.js); its first
// message carries the wasm module, compiled once by the page, so a page of many widgets
// compiles it once. The handler is registered at once and chains every message on the
// module's ready promise (a module worker that awaited first would lose the first message).
// Requests carry an id; replies are {id, result} or {id, error} (the core's message, which
// names the field). This worker owns every core object it creates and deletes it on
// dispose; a terminated worker takes them all with it.
import createLandscapeModule from './landscape.mjs';
import { gridContours } from './kit/contour-paths.js';

let receiveCompiled;
const compiled = new Promise((resolve) => (receiveCompiled = resolve));
const ready = compiled.then((wasmModule) => createLandscapeModule({
  // Instantiate the page's compiled module instead of fetching and compiling it again.
  instantiateWasm(imports, receiveInstance) {
    WebAssembly.instantiate(wasmModule, imports).then((instance) => receiveInstance(instance, wasmModule));
    return {};
  },
}));
const objects = new Map(); // handle -> {kind, object, ...}
let nextHandle = 1;

// Keeps `object` (a core object this worker now owns) and returns its handle.
function keep(entry) {
  const handle = nextHandle++;
  objects.set(handle, entry);
  return handle;
}

// Runs `make` and frees its result if anything after it throws: nothing leaks on a refusal.
function owned(object, use) {
  try {
    return use(object);
  } catch (error) {
    object.delete();
    throw error;
  }
}

function lookup(handle, kind) {
  const entry = objects.get(handle);
  if (!entry || (kind && entry.kind !== kind)) throw new Error(`no ${kind ?? 'object'} with handle ${handle}`);
  return entry;
}

const operations = {
  // The core's lists, limits and tolerances (datasets, optimizers with their defaults, ...).
  catalog(module) {
    return JSON.parse(module.catalog());
  },
  // The scenario the playground's settings build, with its epoch and data figures
  // (core/apps/playground.hpp); a bad setting is refused naming it.
  playgroundScenario(module, { settings }) {
    return JSON.parse(module.playgroundScenario(JSON.stringify(settings)));
  },
  // Settings as a link or a control gives them, read by the core one by one: {settings,
  // errors} (a refused value named, its default kept; core/apps/playground.hpp).
  playgroundSettings(module, { entries, base = null }) {
    return JSON.parse(module.playgroundSettings(JSON.stringify(base ? { entries, base } : { entries })));
  },
  // Own points from CSV text {text, classes}: {points}, or the core's message naming the line.
  playgroundPointsCsv(module, request) {
    return JSON.parse(module.playgroundPointsCsv(JSON.stringify(request)));
  },
  // A weight the reader typed {text, name}: the number, or the core's message naming it.
  playgroundEditedWeight(module, { text, name }) {
    return module.playgroundEditedWeight(String(text), name);
  },
  // scenario: JSON text; variant: a name of its "compare" list ('' for itself). A bad
  // scenario is refused with the core's message naming the field.
  create(module, { scenario, variant = '' }) {
    const text = variant ? module.scenarioVariant(scenario, variant) : scenario;
    const about = JSON.parse(module.scenarioInfo(scenario));
    return owned(new module.Training(text), (training) => {
      const info = { ...JSON.parse(training.info()), compare: about.compare ?? [] };
      const current = JSON.parse(training.current());
      return { handle: keep({ kind: 'training', object: training, scenario: text }), info, current, scenario: text };
    });
  },
  // Takes up to `steps` more steps; returns the logged records and the status.
  advance(module, { handle, steps }) {
    const { object } = lookup(handle, 'training');
    return { records: JSON.parse(object.advance(steps)), status: JSON.parse(object.status()) };
  },
  // Trains for about `milliseconds` (whole chunks of `chunk` steps, at most `maxSteps`: the
  // core's advanceFor, which counts the steps, so the numbers do not depend on the chunking),
  // so the page gets a snapshot per frame whatever the network's size. With n: the field over
  // `window` too (the caller's: the window the core chose for its run, [x0, x1, y0, y1]).
  train(module, { handle, milliseconds = 12, chunk = 1, maxSteps = Infinity, n = 0, unitsN = 0, window = null }) {
    if ((n > 0 || unitsN > 0) && window?.length !== 4) throw new Error('train: a field needs its window [x0, x1, y0, y1]');
    const { object: training } = lookup(handle, 'training');
    const { records, taken } = JSON.parse(training.advanceFor(Number.isFinite(maxSteps) ? maxSteps : -1, chunk, milliseconds));
    // current() checks the state on all the points (a mini-batch step saw only its batch) and
    // may pause the run there: the status is read after it.
    const current = JSON.parse(training.current());
    const status = JSON.parse(training.status());
    const reply = { records: records.slice(-50), status, current, taken };
    if (n > 0) {
      reply.field = training.field(n, ...window, false).slice();
      reply.params = training.parameters().slice();
    }
    if (unitsN > 0) reply.units = training.field(unitsN, ...window, true).slice();
    return reply;
  },
  // Every parameter being trained, as a plain array (for export and checkpoints).
  parameters(module, { handle }) {
    return Array.from(lookup(handle, 'training').object.parameters());
  },
  // Where each layer's W and b and the neuron's a, b, W sit in the parameter vector.
  layout(module, { handle }) {
    return JSON.parse(lookup(handle, 'training').object.layout());
  },
  // The scenario that continues this run: its text with the current float64 parameters.
  checkpoint(module, { handle }) {
    const { object } = lookup(handle, 'training');
    return { scenario: object.checkpoint() };
  },
  // Lanczos extreme eigenvalues of the Hessian (any size): {smallest, largest, iterations}.
  extremes(module, { handle, steps = 30 }) {
    return JSON.parse(lookup(handle, 'training').object.extremes(steps));
  },
  // The dense Hessian's spectrum at a training's current parameters (small models).
  spectrum(module, { handle }) {
    return JSON.parse(lookup(handle, 'training').object.spectrum());
  },
  // The curvature panel's measurement: the core picks the dense spectrum or Lanczos
  // (core/training/training_requests.hpp). full: the reader is looking, not training.
  // (Not `curvature`: that is a surface's, below.)
  trainingCurvature(module, { handle, full = true }) {
    return JSON.parse(lookup(handle, 'training').object.curvature(Boolean(full)));
  },
  // The critical-point finder from a seeded random start on a training's objective.
  criticalPoint(module, { handle, seed, scale = 1, iterations = 2000 }) {
    return JSON.parse(lookup(handle, 'training').object.criticalPoint(seed, scale, iterations));
  },
  // A critical-point search (a scenario's "critical_points" section), run one search at a time.
  searchCreate(module, { scenario }) {
    return owned(new module.CriticalPointSearch(scenario), (search) => ({ handle: keep({ kind: 'search', object: search }), count: search.count() }));
  },
  searchRun(module, { handle, i }) {
    return JSON.parse(lookup(handle, 'search').object.run(i));
  },
  // A surface scenario (optionally on another of the core's surfaces, or with its surface's
  // parameters [a, b, angle] set: the curvature primer's sliders): its description, its values on
  // an nx x ny grid (rows from the top) and the optimizers it compares.
  // contours ({scale, levels, size}: how the page's plot will show the grid): the grid's contour
  // lines as SVG path data too (kit/contour-paths.js), in the same reply. On a large grid they
  // would hold the page's thread for tens of milliseconds; asked for separately, they cost a
  // round trip more before the first figure. pointCurvatures: the curvature at each of the
  // surface's known critical points (as `curvature` gives it), in the same reply for the same
  // reason (the page drew a frame between the two replies).
  surface(module, { scenario, surface = '', parameters = null, nx = 120, ny = 120, contours = null, pointCurvatures = false }) {
    let text = surface ? module.scenarioOnSurface(scenario, surface) : scenario;
    if (parameters) text = module.scenarioWithSurfaceParameters(text, ...parameters);
    return owned(new module.Surface(text), (object) => {
      const info = JSON.parse(object.info());
      const values = object.grid(nx, ny).slice(); // copy out of the wasm heap at once
      const lines = contours ? gridContours(values, nx, ny, contours) : null;
      const curvatures = pointCurvatures ? info.critical_points.map((p) => JSON.parse(object.curvature(p.x, p.y))) : null;
      return { handle: keep({ kind: 'surface', object }), info, grid: { nx, ny, values }, contours: lines, pointCurvatures: curvatures, compare: info.scenario.compare, scenario: text };
    });
  },
  // The paths of every compared optimizer from one start: {paths: {name: [[x, y], ...]},
  // leftWindow: {name: true when the path stopped at the window's edge}}.
  paths(module, { handle, start }) {
    const { object } = lookup(handle, 'surface');
    const paths = {}, leftWindow = {};
    for (const { name } of JSON.parse(object.info()).scenario.compare) {
      const reply = JSON.parse(object.path(name, start[0], start[1]));
      paths[name] = reply.points;
      leftWindow[name] = Boolean(reply.left_window);
    }
    return { paths, leftWindow };
  },
  // Value, gradient, Hessian eigenvalues and eigenvectors, kind, at_global_minimum.
  curvature(module, { handle, x, y }) {
    return JSON.parse(lookup(handle, 'surface').object.curvature(x, y));
  },
  // A landscape view (a scenario with a "view" section; patch: the reader's changes to the
  // view, merged and validated by the core). Returns the handle, the effective scenario text
  // and the training progress.
  viewCreate(module, { scenario, patch = null }) {
    const text = patch ? module.scenarioWithView(scenario, JSON.stringify(patch)) : scenario;
    return owned(new module.LandscapeView(text), (view) =>
      ({ handle: keep({ kind: 'view', object: view }), scenario: text, progress: JSON.parse(view.progress()) }));
  },
  // Trains the view's runs for about `milliseconds` (chunks of `chunk` steps: the core's
  // trainFor; the numbers do not depend on the chunking); once trained, the view's axes and
  // cheap parts (info).
  viewTrain(module, { handle, milliseconds = 20, chunk = 50 }) {
    const { object } = lookup(handle, 'view');
    let progress = JSON.parse(object.progress());
    if (!progress.trained) progress = JSON.parse(object.trainFor(chunk, milliseconds));
    return { progress, info: progress.trained ? JSON.parse(object.info()) : null };
  },
  // Slice rows [r0, r1) (row after row), copied out of the wasm heap, and the core's figures of
  // every row filled so far (median, largest, share below its basin level).
  viewSliceRows(module, { handle, r0, r1 }) {
    const { object } = lookup(handle, 'view');
    const values = object.sliceRows(r0, r1).slice();
    return { values, summary: JSON.parse(object.summary()) };
  },
  viewConvexityRows(module, { handle, r0, r1 }) {
    return JSON.parse(lookup(handle, 'view').object.convexityRows(r0, r1));
  },
  // k more steps of the connecting curve's training: {steps, mean_loss, loss along the curve}.
  viewCurveStep(module, { handle, k }) {
    return JSON.parse(lookup(handle, 'view').object.curveStep(k));
  },
  // The live path: `steps` more steps of the slice's run trained again (restart: from its
  // start), each recorded point projected by the core on the slice's plane.
  viewReplay(module, { handle, steps, restart = false }) {
    return JSON.parse(lookup(handle, 'view').object.replay(steps, restart));
  },
  // "Show the landscape here": a slice scenario of a training's current parameters (the
  // core refuses one above its limit, naming it).
  landscapeHere(module, { handle }) {
    return { scenario: lookup(handle, 'training').object.landscapeHere() };
  },
  viewRescaled(module, { handle, i }) {
    return JSON.parse(lookup(handle, 'view').object.rescaled(i));
  },
  // An exercise (scenarios/exercises/NAME.json) on its base scenario: what the page shows
  // (task, hint, allowed fields and their base values, the conditions), from the core.
  exerciseInfo(module, { exercise, base }) {
    return JSON.parse(module.exerciseInfo(exercise, base));
  },
  // The scenario an answer makes (the base with the answer's patch), refused naming the field.
  exerciseScenario(module, { exercise, base, answer }) {
    return module.exerciseScenario(exercise, base, answer);
  },
  // Runs the answer and evaluates the exercise's check: {passed, message, failed, numbers,
  // note, patch}. One call does the whole run: the page cancels a long one by terminating
  // this worker (the kit's cancel).
  exerciseCheck(module, { exercise, base, answer }) {
    return JSON.parse(module.checkExercise(exercise, base, answer));
  },
  // What a handed-in link holds, read by the core (core/apps/answer_link.hpp): {exercise, answer,
  // options, error}. The page passes the link's text as it has it, never a value it converted.
  readAnswerLink(module, { link }) {
    return JSON.parse(module.readAnswerLink(link));
  },
  // The verdict of a link, read and checked by the core: the same function as the teacher's
  // page and `landscape check-link`, so the same link gives the same verdict everywhere.
  exerciseCheckLink(module, { exercise, base, link }) {
    return JSON.parse(module.checkAnswerLink(exercise, base, link));
  },
  // The answer a student's fields hold, read by the core from their texts ({path: text}): a
  // field's 1e400 is refused by name, not turned into Infinity and then null here.
  exerciseAnswer(module, { exercise, base, fields, note, name, classCode }) {
    return JSON.parse(module.exerciseAnswerFromFields(exercise, base, JSON.stringify({ fields, note, name, class: classCode })));
  },
  // The exercise as a class's student has it (their instance), from the core.
  exerciseInstanceInfo(module, { exercise, base, classCode = '', name = '' }) {
    return JSON.parse(module.exerciseInstanceInfo(exercise, base, classCode, name));
  },
  // The playground link state a playground exercise starts its widget from (the student's
  // instance): the network its check trains, from the core.
  exercisePlaygroundState(module, { exercise, base, classCode = '', name = '' }) {
    return module.exercisePlaygroundState(exercise, base, classCode, name);
  },
  // The verdict of a link a teacher's list gives under a name ("Anna: https://...").
  exerciseCheckHandedIn(module, { exercise, base, link, name = '' }) {
    return JSON.parse(module.checkHandedIn(exercise, base, link, name));
  },
  // The link of an answer, written by the core (core/apps/answer_link.hpp).
  writeAnswerLink(module, { pageUrl, answer, options = {} }) {
    return module.writeAnswerLink(pageUrl, JSON.stringify(answer), JSON.stringify(options));
  },
  // The pasted lines of the teacher's list, each split into a name and a link by the core.
  readHandedIn(module, { text }) {
    return JSON.parse(module.readHandedIn(text));
  },
  // What this worker holds: the count of live core objects, the bytes the core has allocated
  // and not freed (exact: a leak of one allocation shows at once), and the wasm memory's size
  // (which only grows, a 64 KiB page at a time).
  stats(module) {
    return { objects: objects.size, allocatedBytes: module.heapBytes(), heapBytes: module.HEAP8.length };
  },
  dispose(module, { handle }) {
    const entry = objects.get(handle);
    objects.delete(handle);
    entry?.object.delete();
    return true;
  },
};

// An Error's refusal as data, plain values only (it crosses to the page by structured clone).
function refusalOf(error) {
  const texts = (list) => (Array.isArray(list) ? list.map(String) : []);
  const refusal = { field: String(error?.field ?? ''), code: String(error?.code ?? ''), args: texts(error?.args) };
  if (Array.isArray(error?.parts)) refusal.parts = error.parts.map((part) => ({ code: String(part?.code ?? ''), args: texts(part?.args) }));
  return refusal;
}

// The buffers of a reply's typed arrays (a field, parameters, slice rows: already copied out of
// the wasm heap), handed over to the page instead of copied a second time. Never the heap's own.
function transferables(result, module) {
  const heap = module?.HEAPU8?.buffer;
  const buffers = new Set();
  const add = (value) => {
    if (ArrayBuffer.isView(value) && value.buffer !== heap && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) buffers.add(value.buffer);
  };
  if (result && typeof result === 'object') {
    for (const value of Object.values(result)) {
      add(value);
      if (value && typeof value === 'object' && !ArrayBuffer.isView(value)) for (const inner of Object.values(value)) add(inner);
    }
  }
  return [...buffers];
}

self.onmessage = (event) => {
  const { id, op, ...args } = event.data;
  if (op === 'init') return void receiveCompiled(args.module);
  ready
    .then(async (module) => {
      const operation = operations[op];
      if (!operation) throw new Error(`unknown operation '${op}'`);
      const result = await operation(module, args);
      self.postMessage({ id, result }, transferables(result, module));
    })
    // The refusal as data too (wasm/errors.js: .field, .code, .args; code '' for a message not
    // yet coded; .parts for a message composed of parts, a run's outcome), so the page writes it
    // in its catalog's words (kit/messages.js messageOf).
    .catch((error) => self.postMessage({ id, error: String(error?.message ?? error), refusal: refusalOf(error) }));
};
