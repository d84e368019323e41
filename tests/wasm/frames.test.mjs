// The kit's frame scheduler (web/src/kit/frames.js) and its one rule for published state: what
// a widget publishes with afterDraw (its data-state and `state` event, through setState) is
// published in the frame that draws its queued view, after that draw, never before; a draw
// that asks for another (the slice's contours) postpones it again; with nothing to draw it is
// published in the next frame. Animation frames are driven by hand here, so the order is exact.
import { beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

// A hand-driven requestAnimationFrame, installed before the module is loaded.
let clock = 0;
let callbacks = [];
globalThis.requestAnimationFrame = (callback) => callbacks.push(callback);
globalThis.performance = { now: () => clock };
function frame(advanceMs = 100) {
  clock += advanceMs;
  const due = callbacks;
  callbacks = [];
  for (const callback of due) callback(clock);
}
const { afterDraw, requestDraw } = await import('../../web/src/kit/frames.js');
// Each test starts on a quiet page: the owners of earlier tests no longer count as drawing
// (with more than two drawing, the scheduler draws one a frame).
beforeEach(() => {
  requestDraw({}, () => {});
  frame(5000);
  frame(5000);
});

test('a state is published right after the draw of the view it describes, in the same frame', () => {
  const owner = {};
  const log = [];
  requestDraw(owner, () => log.push('draw'));
  afterDraw(owner, () => log.push('publish'));
  assert.deepEqual(log, [], 'nothing happens before a frame');
  frame();
  assert.deepEqual(log, ['draw', 'publish']);
});

test('a state set before the view is requested still waits for that draw', () => {
  const owner = {};
  const log = [];
  afterDraw(owner, () => log.push('publish done'));
  requestDraw(owner, () => log.push('draw final view'));
  frame();
  assert.deepEqual(log, ['draw final view', 'publish done']);
});

test('a draw held back by the pace of redraws holds the state back with it', () => {
  const owner = {};
  const log = [];
  requestDraw(owner, () => log.push('draw 1'));
  frame();
  // Within the minimum interval between two draws of one owner: the next draw waits a frame.
  requestDraw(owner, () => log.push('draw 2'));
  afterDraw(owner, () => log.push('publish'));
  frame(1);
  assert.deepEqual(log, ['draw 1'], 'neither the draw nor the state in a frame too soon');
  frame(100);
  assert.deepEqual(log, ['draw 1', 'draw 2', 'publish']);
});

test('a draw that asks for another (contours after the last rows) postpones the state to the last draw', () => {
  const owner = {};
  const log = [];
  let contoursDue = true;
  const draw = () => {
    log.push(contoursDue ? 'draw rows' : 'draw contours');
    if (contoursDue) {
      contoursDue = false;
      requestDraw(owner, draw);
    }
  };
  requestDraw(owner, draw);
  afterDraw(owner, () => log.push('publish ready'));
  frame();
  assert.deepEqual(log, ['draw rows']);
  frame();
  assert.deepEqual(log, ['draw rows', 'draw contours', 'publish ready']);
});

test('with nothing to draw, a state is published in the next frame; the latest state wins', () => {
  const owner = {};
  const log = [];
  afterDraw(owner, () => log.push('loading'));
  afterDraw(owner, () => log.push('ready'));
  assert.deepEqual(log, []);
  frame();
  assert.deepEqual(log, ['ready']);
  frame();
  assert.deepEqual(log, ['ready'], 'published once');
});

test('one owner\'s state does not wait for another owner\'s draw, nor pass before its own', () => {
  const [a, b] = [{}, {}];
  const log = [];
  requestDraw(a, () => log.push('draw a'));
  afterDraw(b, () => log.push('publish b'));
  requestDraw(b, () => log.push('draw b'));
  afterDraw(a, () => log.push('publish a'));
  frame();
  assert.deepEqual(log, ['draw a', 'publish a', 'draw b', 'publish b']);
});

test('with many owners drawing, one draw a frame: each state waits for its own owner\'s turn', () => {
  const owners = [{}, {}, {}];
  const log = [];
  owners.forEach((owner, i) => {
    requestDraw(owner, () => log.push(`draw ${i}`));
    afterDraw(owner, () => log.push(`publish ${i}`));
  });
  frame();
  assert.deepEqual(log, ['draw 0', 'publish 0']);
  frame();
  frame();
  assert.deepEqual(log, ['draw 0', 'publish 0', 'draw 1', 'publish 1', 'draw 2', 'publish 2']);
});

test('a draw that throws still lets the state be published (the error is reported)', () => {
  const owner = {};
  const log = [];
  const errors = [];
  const consoleError = console.error;
  console.error = (error) => errors.push(String(error));
  try {
    requestDraw(owner, () => { throw new Error('broken chart'); });
    afterDraw(owner, () => log.push('publish error'));
    frame();
  } finally {
    console.error = consoleError;
  }
  assert.deepEqual(log, ['publish error']);
  assert.equal(errors.length, 1);
  assert.match(errors[0], /^a draw failed: broken chart\n/, 'the error is logged as text, with its stack');
});

test('the figures a view shows (data-step, data-rows) follow its draw too, each the latest, and the state after them', () => {
  const owner = {};
  const log = [];
  afterDraw(owner, () => log.push('state running'));
  afterDraw(owner, () => log.push('rows 4'), 'rows');
  afterDraw(owner, () => log.push('step 10'), 'step');
  afterDraw(owner, () => log.push('rows 8'), 'rows');
  requestDraw(owner, () => log.push('draw'));
  frame();
  // One of each, the latest, none replacing another kind; the state last, so that whoever
  // waits on it reads the figures of the same view.
  assert.deepEqual(log, ['draw', 'rows 8', 'step 10', 'state running']);
});
