// The kit's run loop (web/src/kit/run-loop.js), in node: the one loop of every widget that
// computes in steps. What a reader relies on: nothing is asked of the worker while the widget
// may not compute (off screen, hidden tab), and it goes on where it was when it may again; a
// replaced run's late reply never counts; a run that ends by itself (a view's training, a
// slice's rows, an animation) says whether it ended or was replaced; a played run keeps the
// reader's intent while off screen. Frames and worker replies are driven by hand, so the
// order is exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// A hand-driven requestAnimationFrame, installed before the modules are loaded.
let callbacks = [];
globalThis.requestAnimationFrame = (callback) => callbacks.push(callback);
function frame() {
  const due = callbacks;
  callbacks = [];
  for (const callback of due) callback(0);
}
const { RunLoop } = await import('../../web/src/kit/run-loop.js');
const { Cancelled } = await import('../../web/src/kit/core-client.js');

// Lets every pending promise reaction run (the loop's awaits), without a frame.
const settle = () => new Promise((resolve) => setImmediate(resolve));

// A widget as the loop sees it: whether it may compute, and what the kit does when it may
// again (widget.js setActive: every loop of the widget resumes).
function widgetStandIn(active = true) {
  const widget = { active, errors: [], showError: (error) => widget.errors.push(error) };
  widget.setActive = (value) => {
    widget.active = value;
    if (value) for (const loop of widget.runLoops) loop.resume();
  };
  return widget;
}

// A worker whose replies the test sends: each request waits until reply(value) or fail(error).
function workerStandIn() {
  const requests = [];
  const ask = () => new Promise((resolve, reject) => requests.push({ resolve, reject }));
  return {
    requests,
    ask,
    reply: async (value) => { requests.shift().resolve(value); await settle(); },
    fail: async (error) => { requests.shift().reject(error); await settle(); },
  };
}

test('a run that ends by itself: one request a frame, and it resolves to true once a tick says it has ended', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  const rows = [];
  const ended = loop.runToEnd(async () => {
    rows.push(await worker.ask());
    return rows.length < 3;
  });
  let result = null;
  ended.then((value) => (result = value));
  await settle();
  assert.equal(worker.requests.length, 1);
  await worker.reply('row 1');
  assert.equal(worker.requests.length, 0, 'the next request waits for a frame');
  frame();
  await settle();
  assert.equal(worker.requests.length, 1);
  await worker.reply('row 2');
  frame();
  await settle();
  await worker.reply('row 3');
  assert.deepEqual(rows, ['row 1', 'row 2', 'row 3']);
  assert.equal(result, true);
  assert.equal(loop.playing, false);
  frame();
  await settle();
  assert.equal(worker.requests.length, 0, 'nothing asked once it has ended');
  assert.equal(loop.looping, null);
});

test('an unpaced run (a fill of rows) asks for the next request as soon as one comes back', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  let r = 0;
  const ended = loop.runToEnd(async () => (await worker.ask(), ++r < 3), { paced: false });
  await settle();
  await worker.reply();
  assert.equal(worker.requests.length, 1, 'no frame waited for');
  await worker.reply();
  await worker.reply();
  assert.equal(await ended, true);
  assert.equal(r, 3);
});

test('off screen a run asks nothing, and back on screen it goes on from where it was', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  let r = 0;
  let result = null;
  loop.runToEnd(async () => (await worker.ask(), ++r < 4), { paced: false }).then((value) => (result = value));
  await settle();
  await worker.reply();
  widget.setActive(false); // scrolled away while the second request is in flight
  await worker.reply(); // that request's reply still counts
  assert.equal(r, 2);
  assert.equal(worker.requests.length, 0, 'no request while off screen');
  for (let i = 0; i < 5; i++) frame();
  await settle();
  assert.equal(worker.requests.length, 0);
  assert.equal(result, null, 'not ended, not replaced: waiting');
  widget.setActive(true);
  await settle();
  assert.equal(worker.requests.length, 1, 'back on screen: the next request');
  await worker.reply();
  await worker.reply();
  assert.equal(r, 4, 'the run went on from its third request, none repeated');
  assert.equal(result, true);
});

test('a run that starts off screen waits for the widget to be on screen', async () => {
  const widget = widgetStandIn(false), worker = workerStandIn();
  const loop = new RunLoop(widget);
  const ended = loop.runToEnd(async () => (await worker.ask(), false));
  await settle();
  assert.equal(worker.requests.length, 0);
  widget.setActive(true);
  await settle();
  await worker.reply();
  assert.equal(await ended, true);
});

test('a replaced run resolves to false, its late reply is dropped, and the new run starts as that reply comes back', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  const seen = [];
  const tick = (name) => async (ticket) => {
    const value = await worker.ask();
    if (!loop.current(ticket)) return false;
    seen.push(`${name} ${value}`);
    return true;
  };
  const old = loop.runToEnd(tick('old'), { paced: false });
  await settle();
  const ticket = loop.replace(); // the reader chose something else while a request was in flight
  assert.equal(await old, false);
  const next = loop.runToEnd(async (t) => (await tick('new')(t), seen.length < 2), { ticket, paced: false });
  await settle();
  assert.equal(worker.requests.length, 1, 'one request at a time: the new run waits for the old one\'s');
  await worker.reply('late');
  assert.equal(worker.requests.length, 1, 'the new run\'s first request');
  await worker.reply('a');
  await worker.reply('b');
  assert.deepEqual(seen, ['new a', 'new b'], 'the late reply drew nothing');
  assert.equal(await next, true);
});

test('a run of a ticket already replaced does not start; runs of one ticket follow each other', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  const ticket = loop.replace();
  // Trained, then sliced: the second run starts as the first ends, in the same task.
  const first = loop.runToEnd(async () => (await worker.ask(), false), { ticket });
  await settle();
  await worker.reply();
  assert.equal(await first, true);
  const second = loop.runToEnd(async () => (await worker.ask(), false), { ticket, paced: false });
  await settle();
  assert.equal(worker.requests.length, 1);
  await worker.reply();
  assert.equal(await second, true);
  loop.replace();
  let asked = false;
  assert.equal(await loop.runToEnd(async () => (asked = true), { ticket }), false);
  assert.equal(asked, false);
});

test('a run that ends by itself rejects with its request\'s error, and resolves to false when its requests are cancelled', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget);
  const failed = loop.runToEnd(async () => (await worker.ask(), true), { paced: false });
  const refused = assert.rejects(failed, /the core refused/);
  await settle();
  await worker.fail(new Error('the core refused'));
  await refused;
  assert.deepEqual(widget.errors, [], 'its caller shows the error, once');
  const cancelled = loop.runToEnd(async () => (await worker.ask(), true), { paced: false });
  await settle();
  await worker.fail(new Cancelled());
  assert.equal(await cancelled, false);
  widget.setActive(true);
  await settle();
  assert.equal(worker.requests.length, 0, 'a cancelled run does not start again');
});

test('played training keeps the reader\'s intent off screen: it stops asking, and plays on when back', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  let changes = 0;
  const loop = new RunLoop(widget, { tick: async () => (await worker.ask(), true), onChange: () => changes++ });
  loop.play();
  await settle();
  await worker.reply();
  frame();
  await settle();
  widget.setActive(false);
  await worker.reply();
  frame();
  await settle();
  assert.equal(worker.requests.length, 0);
  assert.equal(loop.looping, null, 'the loop is over');
  assert.equal(loop.playing, true, 'the reader still wants it to play');
  widget.setActive(true);
  await settle();
  assert.equal(worker.requests.length, 1);
  loop.pause();
  await worker.reply();
  frame();
  await settle();
  assert.equal(worker.requests.length, 0, 'paused: nothing more asked');
  widget.setActive(false);
  widget.setActive(true);
  await settle();
  assert.equal(worker.requests.length, 0, 'paused, back on screen: still nothing');
  assert.ok(changes >= 3);
});

test('Play pressed again while the paused loop\'s last request is in flight: one loop, never two requests at once', async () => {
  const widget = widgetStandIn(), worker = workerStandIn();
  const loop = new RunLoop(widget, { tick: async () => (await worker.ask(), true), paced: false });
  loop.play();
  await settle();
  loop.pause();
  loop.play();
  await settle();
  assert.equal(worker.requests.length, 1);
  await worker.reply();
  assert.equal(worker.requests.length, 1, 'the same loop goes on');
  await worker.reply();
  assert.equal(worker.requests.length, 1);
  loop.replace();
  await worker.reply();
  assert.equal(worker.requests.length, 0, 'replaced: nothing more');
});
