// Why this file exists: the wasm core runs here, off the page's thread, so training never
// blocks the page. The handler is registered at once and chains every message on the
// module's ready promise (a module worker that awaited first would lose the first
// message). Requests carry an id; replies are {id, result} or {id, error}. This worker
// owns every Training and Surface it creates and deletes it on dispose.
import createLandscapeModule from './landscape.mjs';

const ready = createLandscapeModule();
const trainings = new Map(); // handle -> Training or Surface
let nextHandle = 1;

const operations = {
  // scenario: JSON text. A bad scenario is refused with the core's message naming the field:
  // the constructor throws an Error (nothing to delete then).
  create(module, { scenario }) {
    const training = new module.Training(scenario);
    try {
      const reply = { info: JSON.parse(training.info()), current: JSON.parse(training.current()) };
      const handle = nextHandle++;
      trainings.set(handle, training);
      return { handle, ...reply };
    } catch (error) {
      training.delete(); // refused or unreadable: this worker stays its only owner
      throw error;
    }
  },
  // Takes up to `steps` more steps; returns the logged records and the status.
  advance(module, { handle, steps }) {
    const training = lookup(handle);
    return { records: JSON.parse(training.advance(steps)), status: JSON.parse(training.status()) };
  },
  // Trains for about `milliseconds` (whole chunks of `chunk` steps, at most `maxSteps`), so
  // the page gets a snapshot per frame whatever the network's size; steps are counted, so
  // the numbers do not depend on the chunking. With n: the field over the input plane too.
  train(module, { handle, milliseconds = 12, chunk = 1, maxSteps = Infinity, n = 0, unitsN = 0, window = [-6, 6, -6, 6] }) {
    const training = lookup(handle);
    const start = performance.now();
    const records = [];
    let status = JSON.parse(training.status());
    let taken = 0;
    while (status.state === 'running' && taken < maxSteps) {
      const steps = Math.min(chunk, maxSteps - taken);
      records.push(...JSON.parse(training.advance(steps)));
      taken += steps;
      status = JSON.parse(training.status());
      if (performance.now() - start >= milliseconds) break;
    }
    const current = JSON.parse(training.current());
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
    return Array.from(lookup(handle).parameters());
  },
  // Lanczos extreme eigenvalues of the Hessian (any size): {smallest, largest, iterations}.
  extremes(module, { handle, steps = 30 }) {
    return JSON.parse(lookup(handle).extremes(steps));
  },
  // The dense Hessian's spectrum at a training's current parameters (small models).
  spectrum(module, { handle }) {
    return JSON.parse(lookup(handle).spectrum());
  },
  // The critical-point finder from a seeded random start on a training's objective.
  criticalPoint(module, { handle, seed, scale = 1, iterations = 2000 }) {
    return JSON.parse(lookup(handle).criticalPoint(seed, scale, iterations));
  },
  // A 2-D surface: its description and its values on an nx x ny grid (rows from the top).
  surface(module, { name, a = 1, b = 1, nx = 120, ny = 120 }) {
    const surface = new module.Surface(name, a, b); // throws an Error for a bad name
    try {
      const info = JSON.parse(surface.info());
      const values = surface.grid(nx, ny).slice(); // copy out of the wasm heap at once
      const handle = nextHandle++;
      trainings.set(handle, surface);
      return { handle, info, grid: { nx, ny, values } };
    } catch (error) {
      surface.delete();
      throw error;
    }
  },
  // Paths of several optimizers from one start: {name: [[x, y], ...]}.
  paths(module, { handle, start, optimizers, steps }) {
    const surface = lookup(handle);
    const result = {};
    for (const [name, spec] of Object.entries(optimizers)) {
      // A refused optimizer or step count throws an Error whose message names the field.
      try {
        result[name] = JSON.parse(surface.path(JSON.stringify(spec), start[0], start[1], steps, 1)).points;
      } catch (error) {
        throw new Error(`${name}: ${error.message}`);
      }
    }
    return result;
  },
  // Value, gradient, Hessian eigenvalues and eigenvectors, and kind at a point.
  curvature(module, { handle, x, y }) {
    return JSON.parse(lookup(handle).curvature(x, y));
  },
  dispose(module, { handle }) {
    const training = trainings.get(handle);
    trainings.delete(handle);
    if (training) training.delete();
    return true;
  },
};

function lookup(handle) {
  const training = trainings.get(handle);
  if (!training) throw new Error(`no object with handle ${handle}`);
  return training;
}

self.onmessage = (event) => {
  const { id, op, ...args } = event.data;
  ready
    .then((module) => {
      const operation = operations[op];
      if (!operation) throw new Error(`unknown operation '${op}'`);
      return operation(module, args);
    })
    .then((result) => self.postMessage({ id, result }))
    .catch((error) => self.postMessage({ id, error: String(error?.message ?? error) }));
};
