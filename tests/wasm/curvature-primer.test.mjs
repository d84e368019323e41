// The curvature primer (tutorial Figure 2) through the wasm module, as its widget asks: the
// scenario's quadratic with the sliders' eigenvalues and angle set by the core
// (scenarioWithSurfaceParameters), then the curvature at the origin. The reader relies on three
// things: the eigenvalues shown are the ones set, the arrows point along the directions set,
// and the words (definite, indefinite, singular; minimum, maximum, saddle, degenerate) follow
// the signs by the core's one rule, as natively (tests/core/surfaces.test.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadModule, root } from './core-module.mjs';

const module = await loadModule();
const primer = await readFile(path.join(root, 'scenarios/curvature-primer.json'), 'utf8');

// What the widget reads for sliders (a, b, angle): the curvature at the origin and the info.
function primerAt(a, b, angle) {
  const text = module.scenarioWithSurfaceParameters(primer, a, b, angle);
  const surface = new module.Surface(text);
  try {
    return { curvature: JSON.parse(surface.curvature(0, 0)), info: JSON.parse(surface.info()), grid: surface.grid(5, 5).slice() };
  } finally {
    surface.delete();
  }
}

test('the bundled primer starts as a stretched bowl: positive definite, a minimum at the origin', () => {
  const info = JSON.parse(module.scenarioInfo(primer));
  assert.equal(info.surface.name, 'quadratic');
  const { a, b, angle } = info.surface;
  assert.ok(a > 0 && b > 0 && a !== b, 'two different positive eigenvalues: stretched, not round');
  const { curvature } = primerAt(a, b, angle);
  assert.deepEqual(curvature.eigenvalues.map((v) => +v.toFixed(12)), [Math.min(a, b), Math.max(a, b)]);
  assert.equal(curvature.definiteness, 'positive definite');
  assert.equal(curvature.kind, 'minimum');
});

test('the eigenvalues and eigenvectors are the ones set; the words follow the signs', () => {
  const cases = [
    [1.5, 0.25, 'positive definite', 'minimum', [1, 1]],
    [-2, -0.75, 'negative definite', 'maximum', [-1, -1]],
    [-1, 2, 'indefinite', 'saddle', [-1, 1]],
    [0, 1.25, 'singular', 'degenerate', [0, 1]],
    [-0.5, 0, 'singular', 'degenerate', [-1, 0]],
    [0, 0, 'singular', 'degenerate', [0, 0]],
  ];
  for (const [a, b, definiteness, kind, signs] of cases) {
    for (const angle of [0, 45, 120]) {
      const where = `a = ${a}, b = ${b}, angle ${angle}`;
      const { curvature, grid } = primerAt(a, b, angle);
      assert.equal(curvature.definiteness, definiteness, where);
      assert.equal(curvature.kind, kind, where);
      assert.deepEqual(curvature.signs, signs, where);
      // Ascending; each eigenvector is the direction set for its eigenvalue, up to sign.
      const t = (angle * Math.PI) / 180, along = [Math.cos(t), Math.sin(t)], across = [-Math.sin(t), Math.cos(t)];
      const order = a <= b ? [[a, along], [b, across]] : [[b, across], [a, along]];
      order.forEach(([lambda, direction], i) => {
        assert.ok(Math.abs(curvature.eigenvalues[i] - lambda) < 1e-12, `${where}: eigenvalue ${i}`);
        if (a === b) return; // a round bowl (or a plane): every direction is an eigenvector
        const [vx, vy] = curvature.eigenvectors[i];
        assert.ok(Math.abs(Math.abs(vx * direction[0] + vy * direction[1]) - 1) < 1e-12, `${where}: eigenvector ${i}`);
      });
      // H is symmetric, the same at every point, and its quadratic is the surface's value.
      const [[hxx, hxy], [hyx, hyy]] = curvature.hessian;
      assert.equal(hxy, hyx);
      const [x, y] = [-2, 2]; // the grid's top-left corner
      assert.ok(Math.abs(grid[0] - 0.5 * (hxx * x * x + 2 * hxy * x * y + hyy * y * y)) < 1e-12, `${where}: value`);
    }
  }
});

test('settings out of reach are refused by name, and the scenario is unchanged otherwise', () => {
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, NaN, 1, 0), /^Error: surface\.a: must be a finite number/);
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, 1, 5000, 0), /surface\.b/);
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, 1, 1, 1000), /surface\.angle/);
  const saddle = module.scenarioOnSurface(primer, 'saddle');
  assert.throws(() => module.scenarioWithSurfaceParameters(saddle, 1, 1, 30), /surface\.angle: only the quadratic/);
  const set = JSON.parse(module.scenarioWithSurfaceParameters(primer, -1, 2, 90));
  const original = JSON.parse(primer);
  assert.deepEqual({ ...set, surface: null }, { ...original, surface: null });
  assert.deepEqual(set.surface, { name: 'quadratic', a: -1, b: 2, angle: 90 });
});

test('the sliders\' ranges are the core\'s: published with the surface and in the catalog, the limits its reader keeps to', () => {
  const surface = new module.Surface(primer);
  let info;
  try {
    info = JSON.parse(surface.info());
  } finally {
    surface.delete();
  }
  // What the widget ranges its sliders with (the surface's description, as its worker replies it).
  assert.deepEqual(info.parameters, { a: { min: -2, max: 2, step: 0.25 }, b: { min: -2, max: 2, step: 0.25 }, angle: { min: 0, max: 180, step: 15 } });
  const quadratic = JSON.parse(module.catalog()).surfaces.find((s) => s.name === 'quadratic');
  assert.deepEqual(quadratic.parameters, info.parameters);
  // The scenario's own values lie on the sliders.
  for (const [key, { min, max, step }] of Object.entries(info.parameters)) {
    const value = info.scenario.surface[key];
    assert.ok(value >= min && value <= max && Number.isInteger((value - min) / step), `${key} = ${value}`);
  }
  // Each end is a value; one step past it is refused, naming the field and its range.
  const { a, b, angle } = info.parameters;
  assert.doesNotThrow(() => module.scenarioWithSurfaceParameters(primer, a.min, b.max, angle.max));
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, a.max + a.step, 1, 0), /^Error: surface\.a: must be >= -2 and <= 2 \(got 2\.25\)/);
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, 1, b.min - b.step, 0), /^Error: surface\.b: must be >= -2 and <= 2/);
  assert.throws(() => module.scenarioWithSurfaceParameters(primer, 1, 1, angle.min - angle.step), /^Error: surface\.angle: must be >= 0 and <= 180 \(got -15\)/);
  // The module is left clean: the next call works.
  assert.equal(JSON.parse(module.scenarioInfo(primer)).surface.name, 'quadratic');
});
