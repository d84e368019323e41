// Why this file exists: a widget's side of the worker protocol. Every widget owns one
// CoreClient, i.e. one worker, so a long computation in one widget never delays another,
// and cancelling it is exact: the worker is terminated (the reader's next action wins at
// once) and a fresh one starts on the next call. The wasm module is compiled once per page
// and handed to every worker (a WebAssembly.Module can be posted), so eight widgets cost
// one compilation. Requests carry ids; replies are {id, result} or {id, error}.
// In the offline file (kit/offline.js) the wasm and the worker's code come from the page
// itself; everything else here is the same.
// Across origins (a blog on one origin, the lab's files on another): a browser starts a
// page's workers only from the page's own origin, so the worker starts from a same-origin
// Blob URL whose one line imports the lab's worker.js; that import, the chunks it imports and
// the wasm's fetch are requests in CORS mode, which work when the lab's host sends
// Access-Control-Allow-Origin (GitHub Pages and the usual CDNs send `*`). Where they do not
// work (no such header, or a page whose Content-Security-Policy allows no blob: worker or
// not the lab's origin: a module worker's imports are checked against worker-src), the core cannot start: the request fails with CoreUnavailable, and
// the widget shows in its place a message saying to embed it as an iframe (kit/widget.js).
import { coreCatalog } from './catalog.js';
import { hasMessageCatalog } from './messages.js';
import { offline } from './offline.js';

const kitBase = new URL('.', import.meta.url);
let compiled = null;

// Whether the lab's files are on another origin than the page.
export const crossOrigin = typeof location !== 'undefined' && !offline && kitBase.origin !== location.origin;

// The core could not start on this page (its worker or its wasm did not load): not an error of
// a computation, but of where the widget is embedded.
export class CoreUnavailable extends Error {
  constructor(detail) {
    super(crossOrigin
      ? `This figure could not start here: it runs the Loss Landscape Lab's code from ${kitBase.origin}, which this page may not use (${detail}). `
        + 'The lab\'s host must send Access-Control-Allow-Origin, and this page\'s Content-Security-Policy must allow blob: and the lab\'s origin in worker-src, and the lab\'s origin in script-src and connect-src. Embed the figure as an iframe instead.'
      : `This figure could not start: ${detail}.`);
    this.name = 'CoreUnavailable';
  }
}

let blobWorker = null;
// The worker's script: worker.js beside the kit, or, across origins, a same-origin Blob that
// imports it (one URL for every widget of the page).
function workerScript() {
  const url = new URL('worker.js', kitBase);
  if (!crossOrigin) return url;
  blobWorker ??= URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
  return blobWorker;
}

// The page's one compilation of landscape.wasm (streaming where the server sends
// application/wasm; from bytes otherwise).
export function compiledCore() {
  compiled ??= (async () => {
    if (offline) return WebAssembly.compile(offline.wasmBytes());
    const url = new URL('landscape.wasm', kitBase);
    // mode 'cors' (fetch's default, said here): across origins the host must allow it.
    const load = () => fetch(url, { mode: 'cors', credentials: 'omit' }).catch(() => {
      throw new CoreUnavailable(`${url} could not be fetched`);
    });
    try {
      return await WebAssembly.compileStreaming(load());
    } catch (error) {
      if (error instanceof CoreUnavailable) throw error;
      const response = await load();
      if (!response.ok) throw new Error(`cannot load ${url} (${response.status})`);
      return WebAssembly.compile(await response.arrayBuffer());
    }
  })();
  // A failed fetch is tried again by the next widget that asks (the reader may have gone offline).
  compiled.catch(() => { compiled = null; });
  return compiled;
}

// Rejection reason of requests dropped by cancel(): widgets ignore it quietly. An action
// that nobody awaits (a click's) catches it like any failure (kit/widget.js act()): the kit adds
// no page-wide listener for it, so a page that embeds a widget keeps its own.
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'Cancelled';
  }
}

// A request older than this when the reader acts again is cancelled (its worker replaced),
// so the reader's action wins within a frame or two instead of queueing behind it.
export const BUSY_MS = 100;

const clients = new Set(); // live clients, for the page's tests (kitStats)

// The page's workers take turns. Eight widgets training at once would run eight busy
// workers on a machine with two cores, and the page's own thread would get a ninth of the
// CPU: every draw would stretch into a long task. So at most COMPUTE_SLOTS requests compute
// at once, page-wide (one core is left to the page), and the others wait in order. A page
// with one widget is not slowed; many widgets share the cores they would share anyway.
export const COMPUTE_SLOTS = Math.max(1, ((typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2) - 1);
// Bookkeeping the page needs promptly, whatever the others compute. (Not dispose: it must
// stay behind the requests queued before it, which still name the object it frees.)
const UNGATED = new Set(['stats']);
const gate = { busy: 0, waiting: [] }; // waiting: functions that post one request

function takeTurn(post) {
  if (gate.busy < COMPUTE_SLOTS) {
    gate.busy++;
    post();
  } else {
    gate.waiting.push(post);
  }
}

function endTurn() {
  gate.busy--;
  while (gate.busy < COMPUTE_SLOTS && gate.waiting.length) {
    gate.busy++;
    if (!gate.waiting.shift()()) gate.busy--; // that request was dropped while it waited
  }
}

// How the gate stands now: for tests and the figures in docs/.
export function gateStats() {
  return { slots: COMPUTE_SLOTS, busy: gate.busy, waiting: gate.waiting.length };
}

// A worker started, and what it said before a client took it: its script loading and, once the
// page's compilation is done, the core posted to it (`init` rejects when the core could not be
// compiled). The worker chains every later message on that first one (worker.js).
function startWorker() {
  let worker;
  try {
    worker = offline ? new Worker(offline.workerUrl()) : new Worker(workerScript(), { type: 'module' });
  } catch (error) {
    // A page whose CSP refuses the worker (some browsers throw at once).
    throw new CoreUnavailable(`the worker was refused: ${error?.message ?? error}`);
  }
  const early = []; // its events until a client takes it
  worker.onmessage = (event) => early.push(event);
  worker.onerror = (event) => {
    event.preventDefault?.();
    early.push(event);
  };
  const init = compiledCore().then((module) => worker.postMessage({ id: 0, op: 'init', module }));
  init.catch(() => {}); // the client that takes the worker reports it
  return { worker, early, init };
}

// One worker started before any widget asks for one, taken by the next client that needs a
// worker. widgets.js starts it when it loads a widget's code: the worker's start-up (its script,
// the core's compilation and instantiation, a quarter of a second on a slow phone) then runs
// while the widget's code loads and the widget waits to be on screen, not after. Left untaken
// (the reader scrolled on before the widget started) it is ended after SPARE_MS.
const SPARE_MS = 5000;
let spare = null; // {worker, early, init} or {refusal}

export function prestartWorker() {
  if (spare || typeof Worker === 'undefined') return;
  let started;
  try {
    started = startWorker();
  } catch (refusal) {
    // Kept for the widget that starts next, which says so in its place: asking the browser
    // again would only log the same refusal twice.
    started = { refusal };
  }
  spare = started;
  setTimeout(() => {
    if (spare !== started) return;
    spare = null;
    started.worker?.terminate();
  }, SPARE_MS);
}

function takeWorker() {
  const taken = spare ?? startWorker();
  spare = null;
  if (taken.refusal) throw taken.refusal;
  return taken;
}

export class CoreClient {
  constructor(owner = '') {
    this.owner = owner; // the widget's name, for stats
    this.worker = null;
    this.pending = new Map();
    this.nextId = 1;
    this.generation = 0; // bumped by cancel(): handles of older generations are gone
    this.closed = false; // close() until reopen(): no call starts a worker
    this.onUnavailable = null; // called with a CoreUnavailable when the core cannot start here
  }

  ensureWorker() {
    if (this.worker) return this.worker;
    const { worker, early, init } = takeWorker();
    let answered = false; // a worker that fails before its first reply never started
    worker.onmessage = ({ data }) => {
      answered = true;
      const request = this.pending.get(data.id);
      if (!request) return;
      this.settle(data.id, request);
      // A run's status that says why it stopped (message_data: a diverged run's message as
      // data) is worded from the catalog too (kit/messages.js messageOf): the first waits for it.
      if (!('error' in data)) {
        if (data.result?.status?.message_data && !hasMessageCatalog()) coreCatalog().catch(() => {}).then(() => request.resolve(data.result));
        else request.resolve(data.result);
        return;
      }
      const error = Object.assign(new Error(data.error), data.refusal ?? { field: '', code: '', args: [] });
      // A coded refusal is shown in the words of the page's catalog (kit/messages.js): the
      // first one on the page waits for the core's catalog (kit/catalog.js, once a page), so it
      // is shown as every later one (without it, in the English it carries: the same words).
      if (error.code && !hasMessageCatalog()) coreCatalog().catch(() => {}).then(() => request.reject(error));
      else request.reject(error);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      // Before its first reply: its script did not load (CORS, CSP, a missing file).
      this.failAll(answered ? new Error(event.message || 'the worker failed')
        : new CoreUnavailable(`its worker did not start${event.message ? `: ${event.message}` : ''}`));
      this.stopWorker();
    };
    this.worker = worker;
    clients.add(this);
    init.catch((error) => { if (this.worker === worker) this.failAll(error); });
    // What it said before this client took it (a script that did not load), as it would have
    // come: after the request that started it is posted.
    if (early.length) {
      queueMicrotask(() => {
        for (const event of early) if (this.worker === worker) (event.type === 'error' ? worker.onerror : worker.onmessage)(event);
      });
    }
    return worker;
  }

  // Starts the worker (and the page's one compilation of the core) ahead of the first request:
  // a widget about to start does so while it fetches its scenario, so the worker's start-up is
  // not one more step after it. A worker that cannot start here is reported as a call's would be.
  warm() {
    if (this.closed) return;
    try {
      this.ensureWorker();
    } catch (error) {
      this.failAll(error);
    }
  }

  // A promise of the worker's reply to one operation.
  call(op, args = {}) {
    // A widget removed while it awaited something else (its scenario's fetch) would otherwise
    // start a worker that nothing frees.
    if (this.closed) return Promise.reject(new Cancelled());
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const request = { resolve, reject, started: null, turn: false };
      this.pending.set(id, request);
      const post = () => {
        if (this.pending.get(id) !== request) return false; // cancelled while it waited
        request.started = performance.now();
        let worker;
        try {
          worker = this.ensureWorker();
        } catch (error) {
          this.failAll(error); // this request's turn passes on (settle)
          return true;
        }
        worker.postMessage({ id, op, ...args });
        return true;
      };
      if (UNGATED.has(op)) {
        post();
      } else {
        request.turn = true;
        takeTurn(post);
      }
    });
  }

  // A request ends (replied or dropped): its turn passes to the next waiting request.
  settle(id, request) {
    this.pending.delete(id);
    if (request.turn && request.started !== null) endTurn();
  }

  // How long the oldest request in flight has waited (0 when none): a widget cancels a
  // computation that keeps the worker busy rather than queue the reader's next action behind it.
  busyFor() {
    let oldest = Infinity;
    for (const request of this.pending.values()) if (request.started !== null) oldest = Math.min(oldest, request.started);
    return oldest === Infinity ? 0 : performance.now() - oldest;
  }

  // Drops every request in flight and every object the worker held: the next call starts
  // a fresh worker. Widgets call it when the reader's action replaces a long computation.
  cancel() {
    // Requests still waiting for their turn (no worker yet) are dropped too: posted later,
    // they would start a worker for a widget that is gone.
    this.failAll(new Cancelled());
    if (!this.worker) return;
    this.stopWorker();
    this.generation++;
  }

  // The widget is gone: free the worker and everything in it, and start none until reopen().
  close() {
    this.closed = true;
    this.cancel();
  }

  // The widget is back in the page (removed, then inserted again).
  reopen() {
    this.closed = false;
  }

  failAll(error) {
    // The widget shows the reason in its place (kit/widget.js), whichever request met it.
    if (error instanceof CoreUnavailable) this.onUnavailable?.(error);
    for (const [id, request] of [...this.pending]) {
      this.settle(id, request);
      request.reject(error);
    }
  }

  stopWorker() {
    this.worker?.terminate();
    this.worker = null;
    clients.delete(this);
  }
}

// What the page's workers hold: for tests and the figures in docs/.
export async function kitStats() {
  const workers = await Promise.all([...clients].map(async (client) => {
    try {
      return { owner: client.owner, ...(await client.call('stats')) };
    } catch {
      return { owner: client.owner, objects: null };
    }
  }));
  return {
    workers: workers.length, objects: workers.reduce((n, w) => n + (w.objects ?? 0), 0), gate: gateStats(), detail: workers,
    spare: Boolean(spare?.worker), // a worker started ahead, not yet taken (prestartWorker)
  };
}

// A training run in a client's worker. create() rejects with the core's message for a bad
// scenario (naming the field).
export class RemoteTraining {
  // variant: a name from the scenario's "compare" list ('' for the scenario itself).
  static async create(client, scenarioText, variant = '') {
    const { handle, info, current, scenario } = await client.call('create', { scenario: scenarioText, variant });
    return new RemoteTraining(client, handle, info, current, scenario);
  }
  constructor(client, handle, info, current, scenario) {
    Object.assign(this, { client, handle, info, initial: current, scenario, generation: client.generation });
  }
  get alive() { return this.generation === this.client.generation; }
  call(op, args = {}) { return this.client.call(op, { handle: this.handle, ...args }); }
  advance(steps) { return this.call('advance', { steps }); }
  dispose() {
    if (!this.alive) return Promise.resolve(true);
    this.generation = -1;
    return this.client.call('dispose', { handle: this.handle }).catch(() => true);
  }
}
