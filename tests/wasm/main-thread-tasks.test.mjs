// The measure the timed page tests assert (tools/main-thread-tasks.mjs), on traces written by
// hand: a task fails when the page's scripts in it take over 50 ms of CPU time, whatever the
// browser's own rendering around them took; the figures still count the whole task.
import test from 'node:test';
import assert from 'node:assert/strict';
import { tasksOfTrace } from '../../tools/main-thread-tasks.mjs';

const MAIN = { pid: 1, tid: 7 };
// A trace of the renderer's main thread: tasks of [name, ms of CPU] events one after another,
// nested events as [name, ms, [children]]. Times in the trace are microseconds.
function trace(...tasks) {
  const events = [{ name: 'thread_name', ph: 'M', ...MAIN, args: { name: 'CrRendererMain' } },
    { name: 'thread_name', ph: 'M', pid: 1, tid: 8, args: { name: 'Compositor' } }];
  let now = 1000;
  const add = ([name, ms, children = []]) => {
    const start = now;
    const event = { name, ph: 'X', ...MAIN, ts: start, dur: ms * 1000, tdur: ms * 1000 };
    events.push(event);
    for (const child of children) add(child);
    now = start + ms * 1000;
  };
  for (const parts of tasks) {
    const ms = parts.reduce((sum, [, part]) => sum + part, 0);
    events.push({ name: 'RunTask', ph: 'X', ...MAIN, ts: now, dur: ms * 1000, tdur: ms * 1000 });
    for (const part of parts) add(part);
    now += 5000; // idle between tasks
  }
  return events;
}

test('a task of 55 ms whose scripts took 10 ms passes, and is in the figures', () => {
  // The task a CI run failed on: a frame of a widget, then Chromium's layout, paint and hit test.
  const tasks = tasksOfTrace(trace([['FireAnimationFrame', 10.1, [['FunctionCall', 10]]], ['Layout', 7.5], ['Paint', 5.7], ['Commit', 22, [['HitTest', 21.8]]], ['UpdateLayoutTree', 10]]));
  assert.deepEqual(tasks.over50, []);
  assert.equal(tasks.longestCpu, 55.3);
  assert.equal(tasks.longestScript, 10.1);
  assert.deepEqual(tasks.cpuOver50, [55.3]);
  assert.equal(tasks.pageWorkOver50[0], '55.3 ms (Commit 22, FireAnimationFrame 10.1, UpdateLayoutTree 10, Layout 7.5)');
});

test('scripts over 50 ms in one task fail it, summed across its script events, with what the task did', () => {
  const tasks = tasksOfTrace(trace(
    [['HandlePostMessage', 30, [['Layout', 12]]], ['TimerFire', 25], ['Paint', 4]],
    [['FunctionCall', 20], ['Layout', 3]],
  ));
  assert.equal(tasks.over50.length, 1);
  assert.equal(tasks.longestScript, 55);
  assert.match(tasks.over50[0], /^59 ms \(HandlePostMessage 30, TimerFire 25, Paint 4\)$/);
});

test('a module\'s compilation and evaluation count as the page\'s scripts; a garbage collection between scripts does not', () => {
  const scripts = tasksOfTrace(trace([['v8.compileModule', 20], ['v8.evaluateModule', 40]]));
  assert.equal(scripts.over50.length, 1);
  const collection = tasksOfTrace(trace([['MajorGC', 80], ['FunctionCall', 30]]));
  assert.deepEqual(collection.over50, []);
  assert.equal(collection.longestScript, 30);
});

test('only the renderer\'s main thread counts; a trace without its tasks is an error', () => {
  const events = trace([['FunctionCall', 60]]).map((e) => (e.name === 'thread_name' ? e : { ...e, tid: 8 }));
  assert.throws(() => tasksOfTrace(events), /no task of the page's main thread/);
});
