// Why this file exists: the saddle explorer,
//   <lll-saddle-explorer scenario="saddle-explorer"></lll-saddle-explorer>
// A 2-D surface as a heatmap with contours; click (or move the cross with the arrow keys
// and press Enter) to start the scenario's optimizers there (its "compare" list), their
// paths drawn live; at the pointer, the Hessian's eigenvectors as arrows labelled with their
// eigenvalues; the surface's critical points marked with their kind. Every number (paths,
// curvature, the kind of point reached) comes from the core in this widget's worker.
// Attributes: scenario (default saddle-explorer), surface (one of the core's surfaces).
// Controls (hide="..."): surface, readout, tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { HeatmapPlot, SYMLOG, labelLines, markerBox, placeLabel, svgElement } from '../kit/heatmap-plot.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { coreCatalog } from '../kit/catalog.js';
import { movedCursor } from '../kit/plot-frame.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { formula } from '../kit/formulas.js';
import { requestDraw } from '../kit/frames.js';
import { RunLoop } from '../kit/run-loop.js';
import { EXTRA_OPTIMIZER_COLORS, OPTIMIZER_COLORS, SIGN_COLORS } from '../kit/palettes.js';
// Its description is the one the embed page shows before this code has loaded (the build
// writes them all into embed.html): one text, so the two cannot differ.
import descriptions from '../widget-descriptions.json';

const SIZE = 480; // the plot's box in overlay units
const GRID = 120;
const LEVELS = 14; // about this many contour lines
// Half the width of the boxes labels keep clear of: a critical point's marker (a circle of radius
// 6 and its outline), a piece of a curvature arrow (its halo is 6 wide).
const MARKER_BOX = 8;
const ARROW_BOX = 4;
const ARROW_LENGTH = SIZE * 0.09; // an eigenvector's arrow, each way from the pointer
const ANIMATION_MS = 1200;
// Colours of the optimizers by kind (kit/palettes.js: apart for colour-blind readers too); any
// other variant gets the next of the extra palette.
const COLORS = OPTIMIZER_COLORS;
const PALETTE = EXTRA_OPTIMIZER_COLORS;
const fmt = (v) => formatNumber(v, 4);

// Where one optimizer ended, in words: the point, what the core says it is, the value there.
function outcomeLine(label, [x, y], curvature, leftWindow) {
  // The core's policy: within its tolerance of the surface's lowest value it is a global
  // minimum, whatever the Hessian test says there (beside a curve of minima its tiny
  // eigenvalue has either sign).
  const kind = curvature.at_global_minimum ? `a global minimum, up to rounding (the Hessian test there: ${curvature.kind})` : curvature.kind;
  return `${label}: ${leftWindow ? 'left the window' : `(${fmt(x)}, ${fmt(y)}): ${kind}, value ${fmt(curvature.value)}`}`;
}

export class SaddleExplorer extends LabWidget {
  static widgetName = 'saddle-explorer';
  static controls = { surface: 'the surface menu', readout: 'the side panel', tools: 'link and export buttons' };
  static stateKeys = ['surface', 'start'];

  build(body) {
    body.innerHTML = `
      <div class="experiment-controls">
        <label data-control="surface">Surface <select data-role="surface" aria-label="surface"></select></label>
        <span class="surface-formula" data-role="formula"></span>
        <span class="experiment-description" data-role="description"></span>
      </div>
      <div class="message" data-role="message"></div>
      <div class="explorer">
        <div class="explorer-plot" data-role="plot"></div>
        <div class="explorer-side" data-control="readout">
          <h3>At the pointer</h3>
          <dl class="readout" data-role="readout"></dl>
          <h3>Optimizers</h3>
          <div class="legend explorer-legend" data-role="legend"></div>
          <h3>Where they ended</h3>
          <div class="explorer-outcomes">
            <ul class="explorer-outcome" data-role="outcome"><li>Click the plot.</li></ul>
            <ul class="explorer-outcome explorer-outcome-room" data-role="outcome-room" aria-hidden="true"></ul>
          </div>
        </div>
      </div>`;
    this.find('description').textContent = descriptions['saddle-explorer'].description;
    this.plot = new HeatmapPlot(this.find('plot'), { size: SIZE, label: 'surface with optimizer paths' });
    // Text on the overlay keeps one size on screen: a new width re-places the labels.
    new ResizeObserver(() => {
      if (!this.info) return;
      if (this.arrowsAt) this.drawArrows(...this.arrowsAt);
      else this.drawMarks();
    }).observe(this.plot.root);
    const overlay = this.plot.svg;
    overlay.setAttribute('tabindex', '0');
    // Operated by keys, so an application to a screen reader (which passes the keys on).
    overlay.setAttribute('role', 'application');
    overlay.setAttribute('aria-roledescription', 'surface plot');
    this.plot.describesItself = true;
    const at = (use) => (event) => {
      const point = this.plot.toWorld(event);
      if (point) use(point);
    };
    overlay.addEventListener('click', at((point) => this.startPaths(point)));
    overlay.addEventListener('pointermove', at((point) => this.hover(point)));
    overlay.addEventListener('keydown', (event) => this.key(event));
    this.find('surface').addEventListener('change', (event) => this.load(event.target.value));
    this.pathsLoop = new RunLoop(this); // the optimizers' paths from a start, then their animation
    this.setState('loading');
  }

  async start() {
    // The catalog (fetched once a page: kit/catalog.js) and the scenario, at once.
    const [catalog, scenarioText] = await Promise.all([coreCatalog(), loadScenarioText(this, 'saddle-explorer')]);
    // The menu names each surface (a <select> holds no markup); the chosen one's formula is
    // typeset beside it, as the core writes it.
    this.find('surface').replaceChildren(...catalog.surfaces.map((s) => new Option(s.label, s.name)));
    this.scenarioText = scenarioText;
    const restored = this.urlState;
    const surface = this.stateChoice('surface', catalog.surfaces.map((s) => s.name));
    let start = null;
    if (restored.has('start')) {
      // Two decimal numbers inside the surface's window (the core refuses a start outside it).
      const parts = restored.get('start').split(',');
      start = parts.length === 2 && parts.every((p) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(p.trim())) ? parts.map(Number) : null;
      if (!start?.every((v) => Number.isFinite(v) && Math.abs(v) <= 1e6)) {
        this.refuseState('start', restored.get('start'), 'link_not_point');
        start = null;
      }
    }
    await this.load(surface ?? this.getAttribute('surface') ?? '');
    if (start) await this.startPaths(start);
  }

  // Removed from the page: its handle is gone with its worker, and a running animation stops
  // (the kit replaces its loop: its last frame would ask the core about the ended paths with no
  // surface left).
  close() { this.handle = null; }

  // The scenario on `surface` (empty: the scenario's own); a bad name is refused by the core.
  async load(surface) {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.pathsLoop.replace(); // the paths on the old surface stop
    this.setState('loading');
    this.showMessage('');
    try {
      // With the 120 x 120 grid, computed in the widget's worker: its contours, and each known
      // critical point as the core classifies it there (its eigenvalues, and whether it is a
      // global minimum), for its label.
      const reply = await this.client.call('surface', {
        scenario: this.scenarioText, surface, nx: GRID, ny: GRID, contours: { scale: SYMLOG.name, levels: LEVELS, size: SIZE }, pointCurvatures: true,
      });
      // A newer load came first: this one's surface is freed and nothing of it drawn.
      const stale = () => {
        if (ticket === this.ticket) return false;
        this.client.call('dispose', { handle: reply.handle }).catch(() => {});
        return true;
      };
      if (stale()) return;
      // The surface's value spans decades: coloured by sign(f) log(1 + |f|), the sequential map
      // for a surface that is never negative, the diverging one centred at 0 for one of both signs.
      // The axes named as the formula names the coordinates (w₁, w₂).
      const [a1, a2] = reply.info.symbols;
      this.plot.setLabels({ x: a1, y: a2, value: `L(${a1}, ${a2})` });
      this.plot.setGrid({ ...reply.grid, window: reply.info.window }, { scale: SYMLOG, levels: LEVELS, contours: reply.contours });
      if (this.handle) this.client.call('dispose', { handle: this.handle }).catch(() => {});
      Object.assign(this, { handle: reply.handle, info: reply.info, compare: reply.compare, effectiveScenario: reply.scenario, paths: null, startPoint: null });
      this.pointNames = reply.info.critical_points.map((p, i) => pointName(p, reply.pointCurvatures[i]));
      this.find('surface').value = reply.info.name;
      // The formula of the surface drawn (its parameters and origin as the scenario gives them).
      this.find('formula').replaceChildren(formula(this.shadowRoot, reply.info.tex, reply.info.formula));
      this.arrowsAt = null;
      this.drawMarks();
      this.plot.layer('paths').replaceChildren();
      this.plot.layer('arrows').replaceChildren();
      this.drawLegend();
      this.find('outcome').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'Click the plot.' }));
      // The list's room, taken before any click: each optimizer's line as long as an outcome's
      // can be (invisible, under the list), so that the widget keeps its height whatever the
      // optimizers find, and a page does not move below it when they end.
      this.find('outcome-room').replaceChildren(...this.compare.map(({ name, label }) => Object.assign(document.createElement('li'), {
        textContent: outcomeLine(label || name, [-1.234e-20, -1.234e-20], { at_global_minimum: true, kind: 'not critical', value: -1.234e-20 }, false),
      })));
      this.cursor = [(reply.info.window[0] + reply.info.window[1]) / 2, (reply.info.window[2] + reply.info.window[3]) / 2];
      this.outcomes = null;
      this.describe();
      this.setState('ready');
      this.saveState();
    } catch (error) {
      if (ticket === this.ticket) this.showError(error);
    }
  }

  // The plot's text alternative: the surface, its critical points with the kinds the core
  // gives them, the keyboard's cross, and where the optimizers ended.
  describe() {
    if (!this.info) return;
    const [x0, x1, y0, y1] = this.info.window;
    const at = ([x, y]) => `(${fmt(x)}, ${fmt(y)})`;
    const points = this.info.critical_points.map((p, i) => `${this.pointNames[i].name} at ${at([p.x, p.y])}`).join('; ');
    const [a1, a2] = this.info.symbols;
    const parts = [`${this.info.label}, ${this.info.formula}, ${a1} from ${fmt(x0)} to ${fmt(x1)}, ${a2} from ${fmt(y0)} to ${fmt(y1)}`];
    if (points) parts.push(`critical points: ${points}`);
    parts.push(`cross at ${at(this.cursor)}: arrow keys move it, Enter starts the optimizers there`);
    if (this.startPoint) parts.push(`optimizers started at ${at(this.startPoint)}`);
    if (this.outcomes) parts.push(`where they ended: ${this.outcomes.join('; ')}`);
    this.plot.setDescription(parts.join('. '));
    this.dataset.cursor = this.cursor.join(',');
  }

  // Said aloud: the optimizers' start and where they ended (the core's classification).
  stateAnnouncement(state) {
    if (state === 'running') return `Optimizers started at (${this.startPoint.map((v) => fmt(v)).join(', ')}).`;
    if (state === 'done') return `The optimizers ended. ${this.outcomes.join('. ')}.`;
    return null;
  }

  color(name) {
    return COLORS[name] ?? PALETTE[this.compare.findIndex((c) => c.name === name) % PALETTE.length];
  }

  drawLegend() {
    this.find('legend').replaceChildren(...this.compare.map(({ name, label }) => {
      const entry = document.createElement('span');
      entry.textContent = label || name;
      entry.style.setProperty('--swatch', this.color(name));
      entry.dataset.optimizer = name;
      return entry;
    }));
  }

  // The surface's known critical points in the overlay's units, and the boxes their markers keep.
  markedPoints() {
    const points = this.info.critical_points.map((p) => [this.plot.x(p.x), this.plot.y(p.y)]);
    return { points, markers: points.map(([px, py]) => markerBox(px, py, MARKER_BOX)) };
  }

  // The surface's known critical points, each named by what it is (pointName), its label
  // placed next to it, nearer it than any other point, where it covers no other label, marker
  // or arrow. (The axes are named by the plot's frame.)
  // With the curvature's arrows (drawArrows): `arrows`, the boxes they keep, and `lambdas`,
  // their labels to place ({text, anchor, place}), at `pointer` (overlay units, where the
  // arrows start). What the pointer asks for is placed first: the name of the point under it,
  // then the eigenvalues, then the other points' names, nearest first. A point's label with no
  // free place is left out rather than drawn over another (at 360 px, on a crowded surface,
  // with the arrows); the plot's description names every point.
  drawMarks({ arrows = [], lambdas = [], pointer = null } = {}) {
    const svg = this.plot.layer('marks');
    svg.replaceChildren();
    const { points, markers } = this.markedPoints();
    const taken = [...arrows, ...markers];
    const groups = points.map((_, i) => {
      const g = svgElement('g', { class: `critical ${this.pointNames[i].kind}` }, svg);
      svgElement('circle', { cx: points[i][0], cy: points[i][1], r: 6 }, g);
      return g;
    });
    const away = (i) => (pointer ? Math.hypot(points[i][0] - pointer[0], points[i][1] - pointer[1]) : 0);
    const order = points.map((_, i) => i).sort((i, j) => away(i) - away(j));
    const under = order.length && pointer && away(order[0]) <= MARKER_BOX ? [order.shift()] : [];
    const nameOf = (i) => {
      // The kind on the first line, what makes it special on the next ones (short: the label
      // must fit inside a plot 230 px wide).
      const lines = this.pointNames[i].name.split(/, |(?<=:) /);
      const text = labelLines(svgElement('text', { 'data-role': 'point-label' }, groups[i]), lines);
      // (Far enough to pass the arrows when the pointer is on the point.)
      const place = { size: SIZE, radius: MARKER_BOX, rivals: points.filter((_, j) => j !== i), reach: ARROW_LENGTH + 2 * ARROW_BOX };
      let box = placeLabel(text, points[i], taken, place);
      // A small plot (at 360 px the labels keep their size) may have no free place for the
      // qualifier: the point is then named by what it is alone.
      if (box.cost > 0 && lines.length > 1) {
        taken.splice(taken.indexOf(box), 1);
        box = placeLabel(labelLines(text, lines.slice(0, 1)), points[i], taken, place);
      }
      if (box.cost > 0) {
        taken.splice(taken.indexOf(box), 1);
        text.remove();
      }
    };
    under.forEach(nameOf);
    for (const { text, anchor, place } of lambdas) placeLabel(text, anchor, taken, place);
    order.forEach(nameOf);
  }

  // Arrow keys move the cross (the kit's step for every plot: a twentieth of the window, with
  // Shift a fifth), Enter starts the optimizers there.
  key(event) {
    if (!this.info) return;
    const moved = movedCursor(event, this.cursor, this.info.window);
    if (moved) {
      event.preventDefault();
      this.cursor = moved;
      this.hover(this.cursor);
      this.describe();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.startPaths(this.cursor);
    }
  }

  async startPaths([x, y]) {
    if (!this.handle) return;
    const ticket = this.pathsLoop.replace();
    this.setState('running');
    this.startPoint = [x, y];
    this.outcomes = null;
    this.describe();
    this.saveState();
    try {
      const { paths, leftWindow } = await this.client.call('paths', { handle: this.handle, start: [x, y] });
      if (!this.pathsLoop.current(ticket)) return;
      this.paths = paths;
      this.leftWindow = leftWindow;
      if (await this.animate(paths, ticket)) await this.finish(paths, ticket);
    } catch (error) {
      if (this.pathsLoop.current(ticket)) this.showError(error);
    }
  }

  // Reveals the paths step by step over about a second, a frame at a time (the loop's pace;
  // out of view it waits). Resolves to true once they are shown whole, false when replaced.
  animate(paths, ticket) {
    const startTime = performance.now();
    const longest = Math.max(...Object.values(paths).map((p) => p.length));
    return this.pathsLoop.runToEnd(async () => {
      const shown = Math.max(1, Math.min(longest, Math.ceil(((performance.now() - startTime) / ANIMATION_MS) * longest)));
      requestDraw(this, () => this.pathsLoop.current(ticket) && this.drawPaths(paths, shown));
      return shown < longest;
    }, { ticket });
  }

  // The first `shown` points of each path, and where each has got to.
  drawPaths(paths, shown) {
    const layer = this.plot.layer('paths');
    layer.replaceChildren();
    const { x, y } = this.plot;
    for (const [name, points] of Object.entries(paths)) {
      const visible = points.slice(0, shown);
      const d = visible.map(([px, py], i) => `${i ? 'L' : 'M'}${x(px).toFixed(1)},${y(py).toFixed(1)}`).join('');
      svgElement('path', { d, stroke: this.color(name), 'data-optimizer': name, class: 'optimizer-path' }, layer);
      const [ex, ey] = visible.at(-1);
      svgElement('circle', { cx: x(ex), cy: y(ey), r: 3.5, fill: this.color(name) }, layer);
    }
  }

  // Where each optimizer ended, and what kind of point the core says that is.
  async finish(paths, ticket) {
    const lines = [];
    for (const { name, label } of this.compare) {
      const points = paths[name];
      const [ex, ey] = points.at(-1);
      const c = await this.client.call('curvature', { handle: this.handle, x: ex, y: ey });
      if (!this.pathsLoop.current(ticket)) return;
      lines.push(outcomeLine(label || name, [ex, ey], c, this.leftWindow[name]));
    }
    this.find('outcome').replaceChildren(...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    this.outcomes = lines;
    this.describe();
    this.setState('done');
  }

  async hover([x, y]) {
    if (!this.handle || this.hovering) return;
    this.hovering = true;
    try {
      const c = await this.client.call('curvature', { handle: this.handle, x, y });
      this.drawArrows(x, y, c);
      setReadout(this.find('readout'), [
        ['point', `(${fmt(x)}, ${fmt(y)})`], ['value', fmt(c.value)], ['gradient norm', fmt(Math.hypot(...c.gradient))],
        ['eigenvalues', c.eigenvalues.map(fmt).join(', ')], ['kind', c.kind],
      ]);
    } catch (error) {
      this.showError(error);
    } finally {
      this.hovering = false;
    }
  }

  // Eigenvectors as arrows of fixed length, red for negative curvature, blue for positive,
  // each labelled with its eigenvalue where the label covers no point's label or marker.
  drawArrows(x, y, c) {
    this.arrowsAt = [x, y, c];
    const layer = this.plot.layer('arrows');
    layer.replaceChildren();
    const arrows = [];
    const length = ARROW_LENGTH;
    const cx = this.plot.x(x), cy = this.plot.y(y);
    // The ends of each eigenvector's arrow, the one in its direction first.
    const ends = c.eigenvectors.map(([vx, vy]) => [1, -1].map((s) => [cx + s * vx * length, cy - s * vy * length]));
    c.eigenvectors.forEach(([vx, vy], i) => {
      const lambda = c.eigenvalues[i];
      const color = lambda < 0 ? SIGN_COLORS.negative : SIGN_COLORS.positive;
      for (const [x2, y2] of ends[i]) {
        const line = { x1: cx, y1: cy, x2, y2, 'data-eigen': i };
        svgElement('line', { ...line, class: 'eigen-arrow-halo' }, layer); // visible on dark and light colours
        svgElement('line', { ...line, stroke: color, class: 'eigen-arrow' }, layer);
      }
      // The arrow as a chain of boxes as wide as its halo, overlapping, for the labels to keep clear of.
      for (let k = -8; k <= 8; k++) arrows.push(markerBox(cx + (k / 8) * vx * length, cy - (k / 8) * vy * length, ARROW_BOX));
    });
    // Each eigenvalue's label at an end of its own arrow (the nearer the better), nearer it than
    // the other arrow's ends; placed with the points' labels.
    const lambdas = c.eigenvectors.map((_, i) => {
      const lambda = c.eigenvalues[i];
      const text = svgElement('text', { fill: lambda < 0 ? SIGN_COLORS.negative : SIGN_COLORS.positive, class: 'eigen-label', 'data-eigen': i }, layer);
      text.textContent = `λ = ${fmt(lambda)}`;
      return { text, anchor: ends[i][0], place: { size: SIZE, radius: ARROW_BOX, also: [ends[i][1]], rivals: ends.filter((_, j) => j !== i).flat() } };
    });
    this.drawMarks({ arrows, lambdas, pointer: [cx, cy] });
  }

  linkState() {
    return {
      surface: this.info?.name,
      start: this.startPoint ? this.startPoint.map((v) => Number(v.toPrecision(6))).join(',') : null,
    };
  }

  async csv() {
    if (!this.paths) throw new Error('click the plot first: the CSV holds the optimizers\' paths');
    const rows = Object.entries(this.paths).flatMap(([name, points]) => points.map(([x, y], step) => [name, step, x, y]));
    return toCsv(['optimizer', 'step', 'x', 'y'], rows);
  }

  async scenario() { return this.effectiveScenario; }
}

// A critical point's name, from what the core says of it there: its kind first ("global
// minimum", "local minimum", "saddle", "maximum"), then what makes it special, never the
// qualifier alone (a point on a valley of minima has a zero eigenvalue: the second-order test
// cannot decide, yet it is a global minimum). A point the test leaves open and the core does not
// know as a global minimum is a "critical point", its flat directions said.
export function pointName(point, curvature) {
  const largest = Math.max(1, ...curvature.eigenvalues.map(Math.abs));
  const zeros = curvature.kind === 'degenerate' ? Math.max(1, curvature.eigenvalues.filter((l) => Math.abs(l) <= 1e-6 * largest).length) : 0;
  const flat = zeros === 1 ? 'flat along the valley: one zero eigenvalue' : `flat: ${zeros} zero eigenvalues`;
  if (curvature.at_global_minimum) return { kind: 'minimum', name: zeros ? `global minimum, ${flat}` : 'global minimum' };
  if (curvature.kind === 'minimum') return { kind: 'minimum', name: 'local minimum' };
  if (curvature.kind === 'saddle' || curvature.kind === 'maximum') return { kind: curvature.kind, name: curvature.kind };
  return { kind: 'degenerate', name: zeros ? `critical point, ${flat}` : `critical point (${point.kind})` };
}

defineWidget(SaddleExplorer, 'saddle-explorer');
