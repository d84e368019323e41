// Why this file exists: the output plot, the playground's main picture: what the network
// predicts over the input plane (a heatmap on one canvas; a curve for 1-D data), the data on
// it (a second canvas, so the points redraw without repainting the field), and clicks on it
// that add own points. It draws what it is given; the element decides when.
import { paintEntries, paintValues } from '../kit/heatmap.js';
import { CONFIDENCE_LEVELS, classTable, labelColor, rgb, signColor, valueTable } from './colors.js';
import { DIVERGING_COLORS, MARK_COLORS } from '../kit/palettes.js';
import { PlotFrame, movedCursor } from '../kit/plot-frame.js';

export const FIELD_N = 72; // heatmap resolution (grid points a side)
const SIZE = 300; // CSS pixels a side

// The plot is also operable by keyboard: focused, the arrow keys move a cursor (the kit's
// step for every plot, kit/plot-frame.js movedCursor) and Enter or Space adds a point there.
const KEY_HELP = 'Arrow keys move a cursor; Enter adds a point of the chosen class there.';

export function outputHeatmapMarkup() {
  return `<div class="pg-plot" data-role="plot" tabindex="0" role="application" aria-roledescription="output plot" aria-label="output plot. ${KEY_HELP}">
            <canvas data-role="field" class="pg-field"></canvas>
            <canvas data-role="points" class="pg-points" width="${SIZE}" height="${SIZE}"></canvas>
            <div class="pg-cursor" data-role="cursor" hidden></div>
          </div>`;
}

export class OutputHeatmap {
  // onClick(x1, x2): a click on the plot (or Enter at the keyboard's cursor), in input-plane
  // coordinates.
  constructor(root, { onClick }) {
    this.plotElement = root.querySelector('[data-role="plot"]');
    this.fieldCanvas = root.querySelector('[data-role="field"]');
    this.pointsCanvas = root.querySelector('[data-role="points"]');
    this.cursorElement = root.querySelector('[data-role="cursor"]');
    // Axes in the data window's values and, where the colour is the output, its colour bar.
    this.frame = new PlotFrame(null, this.plotElement);
    this.view = null;
    this.cursor = [0, 0];
    this.description = 'output plot';
    this.pointsCanvas.addEventListener('click', (event) => {
      if (!this.view) return;
      const [x0, x1, y0, y1] = this.view.window;
      const box = event.currentTarget.getBoundingClientRect();
      onClick(x0 + ((x1 - x0) * (event.clientX - box.left)) / box.width, y1 - ((y1 - y0) * (event.clientY - box.top)) / box.height);
    });
    this.plotElement.addEventListener('keydown', (event) => {
      if (!this.view) return;
      const moved = movedCursor(event, this.cursor, this.view.window);
      if (moved) {
        event.preventDefault();
        this.cursor = moved;
        this.showCursor();
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onClick(...this.cursor);
      }
    });
    this.plotElement.addEventListener('focus', () => this.showCursor());
    this.plotElement.addEventListener('blur', () => { this.cursorElement.hidden = true; });
  }

  // view: { window: [x0, x1, y0, y1], oneD, classes, problem, discretize, showTest }.
  setView(view) { this.view = view; }

  // The keyboard's cursor, drawn over the plot while it has the focus.
  showCursor() {
    if (!this.view) return;
    const [x0, x1, y0, y1] = this.view.window;
    this.cursorElement.hidden = false;
    this.cursorElement.style.setProperty('left', `${(100 * (this.cursor[0] - x0)) / (x1 - x0)}%`);
    this.cursorElement.style.setProperty('top', `${(100 * (y1 - this.cursor[1])) / (y1 - y0)}%`);
    this.plotElement.dataset.cursor = this.cursor.map((v) => Number(v.toFixed(2))).join(',');
    this.describe(this.description);
  }

  // The plot's text alternative: what it shows (the element says, from the core's numbers),
  // the cursor, and how to use the keys.
  describe(text) {
    this.description = text;
    const cursor = this.view ? ` Cursor at (${this.cursor.map((v) => Number(v.toFixed(2))).join(', ')}).` : '';
    this.plotElement.setAttribute('aria-label', `${text}.${cursor} ${KEY_HELP}`);
  }

  // field: the worker's grid (FIELD_N x FIELD_N points, `outputs` values each; FIELD_N points
  // for 1-D data).
  drawField(field, outputs) {
    const { oneD, discretize } = this.view;
    this.drawFrame(outputs);
    const canvas = this.fieldCanvas;
    if (oneD) return this.drawCurve(field);
    if (outputs > 2) return this.paintClasses(field, outputs, discretize);
    if (outputs === 2) {
      // Two softmax logits: p(+1) - p(-1) = tanh((q1 - q0) / 2), in [-1, 1] like a tanh output.
      const values = (this.twoClassValues ??= new Float64Array(FIELD_N * FIELD_N));
      for (let p = 0; p < values.length; p++) values[p] = Math.tanh((field[2 * p + 1] - field[2 * p]) / 2);
      return paintValues(canvas, values, { width: FIELD_N, table: valueTable(0.35), discretize });
    }
    return paintValues(canvas, field, { width: FIELD_N, table: valueTable(0.35), discretize });
  }

  // The axes (x1 and x2 over the data window; for 1-D data x and the output) and the colour
  // bar of the output (-1 to 1; none for three or more classes, coloured by class, nor for a
  // curve), redrawn only when what they show changes (drawField runs many times a second).
  drawFrame(outputs) {
    const { window: [x0, x1, y0, y1], oneD, discretize, problem } = this.view;
    const key = [x0, x1, y0, y1, oneD, outputs, discretize, problem].join();
    if (key === this.frameKey) return;
    this.frameKey = key;
    this.frame.setAxes({ domain: [x0, x1], label: oneD ? 'x' : 'x₁' }, { domain: [y0, y1], label: oneD ? 'network output' : 'x₂' });
    // What the colour says, for the page's tests: the output's value, the class, or nothing.
    this.plotElement.dataset.colorCoded = oneD ? 'none' : outputs > 2 ? 'class' : 'value';
    if (oneD || outputs > 2) return this.frame.setColorBar(null);
    const table = valueTable(0.35);
    const label = outputs === 2 ? 'p(+1) − p(−1)' : problem === 'regression' ? 'network output (−1 to 1 shown)' : 'network output';
    this.frame.setColorBar({
      label: discretize ? `${label}, split at 0` : label,
      colors: 'playground output',
      colorAt: (t) => { const i = 4 * Math.round(t * (table.length / 4 - 1)); return rgb([table[i], table[i + 1], table[i + 2]]); },
      position: (v) => (v + 1) / 2,
      ticks: [-1, -0.5, 0, 0.5, 1],
      log: false,
    });
  }

  // 1-D data: the network's output as a curve over x.
  drawCurve(field) {
    const canvas = this.fieldCanvas;
    canvas.width = SIZE;
    canvas.height = SIZE;
    const context = canvas.getContext('2d');
    context.fillStyle = MARK_COLORS.background;
    context.fillRect(0, 0, SIZE, SIZE);
    context.strokeStyle = DIVERGING_COLORS.positive;
    context.lineWidth = 2.5;
    context.beginPath();
    const [, , y0, y1] = this.view.window;
    for (let i = 0; i < FIELD_N; i++) {
      const x = (SIZE * i) / (FIELD_N - 1), y = (SIZE * (y1 - field[i])) / (y1 - y0);
      if (i) context.lineTo(x, y); else context.moveTo(x, y);
    }
    context.stroke();
  }

  // k classes: each pixel in the colour of the winning class, as saturated as the winner is
  // sure (softmax probability 1/k: nearly white; 1: the class colour). discretize: full colour.
  paintClasses(field, k, discretize) {
    const top = CONFIDENCE_LEVELS - 1;
    paintEntries(this.fieldCanvas, FIELD_N, FIELD_N, classTable(k), (p) => {
      const base = p * k;
      let winner = 0, largest = field[base];
      for (let c = 1; c < k; c++) if (field[base + c] > largest) { largest = field[base + c]; winner = c; }
      if (!Number.isFinite(largest)) return 0;
      let sum = 0; // the winner's probability is 1 / sum of exp(q_c - q_winner)
      for (let c = 0; c < k; c++) sum += Math.exp(field[base + c] - largest);
      const confidence = discretize ? 1 : (1 / sum - 1 / k) / (1 - 1 / k);
      return winner * CONFIDENCE_LEVELS + Math.round(Math.max(0, Math.min(1, confidence)) * top);
    });
  }

  // points: the core's raw points {x, y, test_x, test_y} (labels -1/+1, 0..k-1, or targets).
  drawPoints(points) {
    const canvas = this.pointsCanvas;
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    if (!points || !this.view) return;
    const { window: [x0, x1, y0, y1], oneD, classes, problem, showTest } = this.view;
    const px = (x) => (canvas.width * (x - x0)) / (x1 - x0), py = (y) => (canvas.height * (y1 - y)) / (y1 - y0);
    const drawSet = (xs, ys, test) => {
      xs.forEach((x, i) => {
        const label = ys[i][0];
        const [cx, cy] = oneD ? [px(x[0]), py(label)] : [px(x[0]), py(x[1])];
        context.beginPath();
        context.arc(cx, cy, 3.2, 0, 2 * Math.PI);
        // Regression targets by value; classes by label; 1-D data in one colour.
        const color = oneD ? signColor(0.8) : problem === 'regression' ? signColor(label) : labelColor(label, classes);
        context.fillStyle = rgb(color);
        context.fill();
        context.lineWidth = test ? 1.6 : 1;
        context.strokeStyle = test ? MARK_COLORS.ink : MARK_COLORS.halo;
        context.stroke();
      });
    };
    drawSet(points.x, points.y, false);
    if (showTest) drawSet(points.test_x, points.test_y, true);
  }
}
