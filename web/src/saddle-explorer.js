// Why this file exists: the saddle explorer,
//   <saddle-explorer surface="product"></saddle-explorer>
// A 2-D surface as a heatmap with contours; click anywhere to start gd, momentum, newton,
// saddle-free newton and perturbed gd from that point, their paths drawn live; at the
// pointer, the Hessian's eigenvectors as arrows labelled with their eigenvalues; the
// surface's critical points marked with their kind. All numbers come from the worker.
import { call } from './core-client.js';
import { scaleLinear } from 'd3-scale';
import { contours } from 'd3-contour';

const SVG = 'http://www.w3.org/2000/svg';
const SIZE = 480; // the plot's box in SVG units (the canvas is scaled to it by CSS)
const GRID = 120;
const STEPS = 300;
const OPTIMIZERS = {
  gd: { label: 'gradient descent', color: '#111827', spec: { kind: 'gd', learning_rate: 0.02 } },
  momentum: { label: 'momentum', color: '#7c3aed', spec: { kind: 'momentum', learning_rate: 0.01, momentum: 0.9 } },
  newton: { label: 'Newton', color: '#0891b2', spec: { kind: 'newton', learning_rate: 1, damping: 0 } },
  saddle_free_newton: { label: 'saddle-free Newton', color: '#059669', spec: { kind: 'saddle_free_newton', learning_rate: 0.5, damping: 0.1 } },
  perturbed_gd: { label: 'perturbed gd', color: '#d97706',
    spec: { kind: 'perturbed_gd', learning_rate: 0.02, noise_radius: 0.05, gradient_threshold: 0.02, perturbation_interval: 20 } },
};
const SURFACES = {
  product: '(w1 w2 − 1)²: a saddle at the origin, a hyperbola of (degenerate) minima',
  saddle: 'x² − y²: the classic saddle',
  product3: '(w1 w2 w3 − 1)² on a plane: a degenerate saddle (zero Hessian) at the origin',
  monkey: 'x³ − 3xy²: the monkey saddle, degenerate',
  wells: 'four minima of different depths',
  rosenbrock: 'Rosenbrock\'s valley',
};

function element(name, attributes = {}, parent = null) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (parent) parent.append(node);
  return node;
}

const fmt = (v) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toPrecision(4) : v.toExponential(2));

export class SaddleExplorer extends HTMLElement {
  connectedCallback() {
    if (this.built) return;
    this.built = true;
    this.innerHTML = `
      <div class="experiment-controls">
        <label>Surface <select data-role="surface" aria-label="surface"></select></label>
        <span class="experiment-description">Click the plot to start the optimizers there; move the pointer to see the curvature. Red arrows: negative curvature; blue: positive. "Degenerate": a zero eigenvalue, where the second-order test cannot decide.</span>
      </div>
      <div class="message" data-role="message" role="status"></div>
      <div class="explorer">
        <div class="explorer-plot">
          <canvas data-role="heatmap" width="${GRID}" height="${GRID}"></canvas>
          <svg data-role="overlay" viewBox="0 0 ${SIZE} ${SIZE}" role="img" aria-label="surface with optimizer paths"></svg>
        </div>
        <div class="explorer-side">
          <h4>At the pointer</h4>
          <dl data-role="readout"></dl>
          <h4>Optimizers</h4>
          <div class="legend explorer-legend" data-role="legend"></div>
          <h4>Where they ended</h4>
          <ul class="explorer-outcome" data-role="outcome"><li>Click the plot.</li></ul>
        </div>
      </div>`;
    this.find = (role) => this.querySelector(`[data-role="${role}"]`);
    const select = this.find('surface');
    select.replaceChildren(...Object.entries(SURFACES).map(([name, text]) => new Option(`${name}: ${text}`, name)));
    select.value = this.getAttribute('surface') ?? 'product';
    select.addEventListener('change', () => this.load(select.value));
    for (const [name, o] of Object.entries(OPTIMIZERS)) {
      const entry = document.createElement('span');
      entry.textContent = o.label;
      entry.style.setProperty('--swatch', o.color);
      entry.dataset.optimizer = name;
      this.find('legend').append(entry);
    }
    const overlay = this.find('overlay');
    overlay.addEventListener('click', (event) => this.start(this.toWorld(event)));
    overlay.addEventListener('pointermove', (event) => this.hover(this.toWorld(event)));
    this.load(select.value);
  }

  disconnectedCallback() {
    if (this.handle) call('dispose', { handle: this.handle }).catch(() => {});
    this.handle = null;
  }

  async load(name) {
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    this.dataset.state = 'loading';
    try {
      const reply = await call('surface', { name, nx: GRID, ny: GRID });
      if (ticket !== this.ticket) return call('dispose', { handle: reply.handle });
      if (this.handle) call('dispose', { handle: this.handle }).catch(() => {});
      Object.assign(this, { handle: reply.handle, info: reply.info, grid: reply.grid, paths: null });
      const [x0, x1, y0, y1] = reply.info.window;
      this.x = scaleLinear().domain([x0, x1]).range([0, SIZE]);
      this.y = scaleLinear().domain([y0, y1]).range([SIZE, 0]);
      this.drawHeatmap();
      this.drawOverlay();
      this.find('outcome').replaceChildren(Object.assign(document.createElement('li'), { textContent: 'Click the plot.' }));
      this.dataset.state = 'ready';
    } catch (error) {
      this.find('message').textContent = String(error.message ?? error);
      this.find('message').className = 'message error';
      this.dataset.state = 'error';
    }
  }

  toWorld(event) {
    const box = this.find('overlay').getBoundingClientRect();
    const sx = ((event.clientX - box.left) / box.width) * SIZE, sy = ((event.clientY - box.top) / box.height) * SIZE;
    return [this.x.invert(sx), this.y.invert(sy)];
  }

  // Values are compressed with sign(v) log(1 + |v|) so deep valleys and high walls both show.
  compressed() {
    return Float64Array.from(this.grid.values, (v) => Math.sign(v) * Math.log1p(Math.abs(v)));
  }

  drawHeatmap() {
    const values = this.compressed();
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
    const mid = lo < 0 && hi > 0 ? 0 : (lo + hi) / 2;
    const color = scaleLinear().domain([lo, mid, hi]).range(['#1d4ed8', '#f8fafc', '#c2410c']);
    const canvas = this.find('heatmap');
    const context = canvas.getContext('2d');
    const image = context.createImageData(GRID, GRID);
    values.forEach((v, i) => {
      const rgb = color(v).match(/\d+/g).map(Number);
      image.data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
    });
    context.putImageData(image, 0, 0);
    this.levels = { values, lo, hi };
  }

  drawOverlay() {
    const svg = this.find('overlay');
    svg.replaceChildren();
    // Contours of the compressed values, from grid cells to SVG units.
    const { values, lo, hi } = this.levels;
    const scale = SIZE / (GRID - 1);
    const lines = element('g', { class: 'contours' }, svg);
    for (const level of contours().size([GRID, GRID]).thresholds(scaleLinear().domain([lo, hi]).ticks(14))(Array.from(values))) {
      const d = level.coordinates.flatMap((polygon) => polygon.map((ring) =>
        `M${ring.map(([cx, cy]) => `${((cx - 0.5) * scale).toFixed(1)},${((cy - 0.5) * scale).toFixed(1)}`).join('L')}Z`)).join('');
      element('path', { d }, lines);
    }
    // Axes labels and the known critical points with their kinds.
    element('text', { x: SIZE - 6, y: SIZE - 6, class: 'axis-label', 'text-anchor': 'end' }, svg).textContent = this.info.axes[0];
    element('text', { x: 6, y: 14, class: 'axis-label' }, svg).textContent = this.info.axes[1];
    for (const p of this.info.critical_points) {
      const g = element('g', { class: `critical ${p.kind}`, transform: `translate(${this.x(p.x)},${this.y(p.y)})` }, svg);
      element('circle', { r: 6 }, g);
      element('text', { x: 9, y: -8 }, g).textContent = p.kind;
    }
    this.pathLayer = element('g', { class: 'paths' }, svg);
    this.arrowLayer = element('g', { class: 'arrows' }, svg);
  }

  async start([x, y]) {
    if (!this.handle) return;
    const optimizers = Object.fromEntries(Object.entries(OPTIMIZERS).map(([name, o]) => [name, o.spec]));
    const ticket = (this.pathTicket = (this.pathTicket ?? 0) + 1);
    this.dataset.state = 'running';
    const paths = await call('paths', { handle: this.handle, start: [x, y], optimizers, steps: STEPS });
    if (ticket !== this.pathTicket) return;
    this.paths = paths;
    this.animate(paths, ticket);
  }

  // Reveals the paths step by step over about a second.
  animate(paths, ticket) {
    const startTime = performance.now();
    const frame = (now) => {
      if (ticket !== this.pathTicket) return;
      // A frame's timestamp can precede the performance.now() taken when the animation
      // started: clamp, so at least the start point is always shown.
      const elapsed = Math.max(0, now - startTime);
      const shown = Math.max(1, Math.min(STEPS + 1, Math.ceil((elapsed / 1200) * (STEPS + 1))));
      this.pathLayer.replaceChildren();
      for (const [name, points] of Object.entries(paths)) {
        const visible = points.slice(0, shown);
        const d = visible.map(([px, py], i) => `${i ? 'L' : 'M'}${this.x(px).toFixed(1)},${this.y(py).toFixed(1)}`).join('');
        element('path', { d, stroke: OPTIMIZERS[name].color, 'data-optimizer': name, class: 'optimizer-path' }, this.pathLayer);
        const [ex, ey] = visible.at(-1);
        element('circle', { cx: this.x(ex), cy: this.y(ey), r: 3.5, fill: OPTIMIZERS[name].color }, this.pathLayer);
      }
      if (shown <= STEPS) requestAnimationFrame(frame);
      else this.finish(paths);
    };
    requestAnimationFrame(frame);
  }

  // Where each optimizer ended, and what kind of point that is.
  async finish(paths) {
    const lines = [];
    for (const [name, points] of Object.entries(paths)) {
      const [ex, ey] = points.at(-1);
      const c = await call('curvature', { handle: this.handle, x: ex, y: ey });
      // Within 1e-8 of the surface's lowest value it is a global minimum, whatever the Hessian
      // test says there: beside a curve of minima its tiny eigenvalue has either sign.
      const lowest = this.info.lowest_value;
      const atLowest = lowest != null && c.value - lowest <= 1e-8 * Math.max(1, Math.abs(lowest));
      const kind = atLowest ? `a global minimum, up to rounding (the Hessian test there: ${c.kind})` : c.kind;
      const where = points.length <= STEPS ? 'left the window' : `(${fmt(ex)}, ${fmt(ey)}): ${kind}, value ${fmt(c.value)}`;
      lines.push(`${OPTIMIZERS[name].label}: ${where}`);
    }
    this.find('outcome').replaceChildren(...lines.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    this.dataset.state = 'done';
  }

  async hover([x, y]) {
    if (!this.handle || this.hovering) return;
    this.hovering = true;
    try {
      const c = await call('curvature', { handle: this.handle, x, y });
      this.drawArrows(x, y, c);
      this.readout([
        ['point', `(${fmt(x)}, ${fmt(y)})`], ['value', fmt(c.value)], ['gradient norm', fmt(Math.hypot(...c.gradient))],
        ['eigenvalues', c.eigenvalues.map(fmt).join(', ')], ['kind', c.kind],
      ]);
    } finally {
      this.hovering = false;
    }
  }

  // Eigenvectors as arrows of fixed length, red for negative curvature, blue for positive.
  drawArrows(x, y, c) {
    this.arrowLayer.replaceChildren();
    const length = SIZE * 0.09;
    c.eigenvectors.forEach(([vx, vy], i) => {
      const lambda = c.eigenvalues[i];
      const color = lambda < 0 ? '#dc2626' : '#1d4ed8';
      const cx = this.x(x), cy = this.y(y);
      for (const s of [1, -1]) {
        element('line', { x1: cx, y1: cy, x2: cx + s * vx * length, y2: cy - s * vy * length, stroke: color, class: 'eigen-arrow' }, this.arrowLayer);
      }
      element('text', { x: cx + vx * length * 1.15, y: cy - vy * length * 1.15, fill: color, class: 'eigen-label' }, this.arrowLayer)
        .textContent = `λ = ${fmt(lambda)}`;
    });
  }

  readout(rows) {
    this.find('readout').replaceChildren(...rows.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      return [dt, dd];
    }));
  }
}
