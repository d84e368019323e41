// Why this file exists: the page's side of the worker protocol. Each call returns a
// promise of the worker's reply; one worker serves every widget on the page.
let worker = null;
let nextId = 1;
const pending = new Map();

function ensureWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => {
    const request = pending.get(data.id);
    if (!request) return;
    pending.delete(data.id);
    if ('error' in data) request.reject(new Error(data.error));
    else request.resolve(data.result);
  };
  worker.onerror = (event) => {
    for (const request of pending.values()) request.reject(new Error(event.message || 'the worker failed'));
    pending.clear();
  };
  return worker;
}

export function call(op, args = {}) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    ensureWorker().postMessage({ id, op, ...args });
  });
}

// A training run in the worker. create() rejects with the core's message for a bad scenario.
export class RemoteTraining {
  static async create(scenarioText) {
    const { handle, info, current } = await call('create', { scenario: scenarioText });
    return new RemoteTraining(handle, info, current);
  }
  constructor(handle, info, current) {
    this.handle = handle;
    this.info = info;
    this.initial = current;
  }
  advance(steps) {
    return call('advance', { handle: this.handle, steps });
  }
  dispose() {
    return call('dispose', { handle: this.handle });
  }
}
