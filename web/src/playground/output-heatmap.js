// Why this file exists: the output plot, the playground's main picture: what the network
// predicts over the input plane (a heatmap; a curve for 1-D data), the data on it, and clicks
// on it that add own points. The plot itself (axes in the data window, colour bar, points'
// canvas, keyboard cursor, hover readout) is the kit's heatmap plot (kit/heatmap-plot.js);
// this file says how the playground paints its field and what the readout names. It draws
// what it is given; the element decides when.
import { paintEntries, paintValues } from '../kit/heatmap.js';
import { CONFIDENCE_LEVELS, classTable, labelColor, rgb, signColor, valueTable } from './colors.js';
import { DIVERGING_COLORS, MARK_COLORS } from '../kit/palettes.js';
import { HeatmapPlot } from '../kit/heatmap-plot.js';
import { formatNumber } from '../kit/format.js';

export const FIELD_N = 72; // heatmap resolution (grid points a side)
const SIZE = 300; // the plot's units a side (the points' canvas)

// The plot is also operable by keyboard (the kit's cursor, kit/heatmap-plot.js enableCursor):
// focused, the arrow keys move a cursor and Enter or Space adds a point there.
const KEY_HELP = 'Arrow keys move a cursor; Enter adds a point of the chosen class there.';

// The output's colours, as the colour bar names them: the kit's diverging map centred at 0,
// made paler so that the data points on it stay visible. (The network diagram's neuron
// thumbnails take the same map at full strength, network-diagram.js.)
export const OUTPUT_LIGHT = 0.35;
export function outputColorBar(label, light = OUTPUT_LIGHT) {
  const table = valueTable(light);
  return {
    label,
    colors: `playground output ${light}`,
    colorAt: (t) => { const i = 4 * Math.round(t * (table.length / 4 - 1)); return rgb([table[i], table[i + 1], table[i + 2]]); },
    position: (v) => (v + 1) / 2,
    ticks: [-1, -0.5, 0, 0.5, 1],
    log: false,
  };
}

export function outputHeatmapMarkup() {
  return '<div class="pg-plot-slot" data-role="plot-slot"></div>';
}

export class OutputHeatmap {
  // onClick(x1, x2): a click on the plot (or Enter at the keyboard's cursor), in input-plane
  // coordinates.
  constructor(root, { onClick }) {
    const slot = root.querySelector('[data-role="plot-slot"]');
    this.plot = new HeatmapPlot(slot, { size: SIZE, label: 'output plot', className: 'pg-plot', xLabel: 'x₁', yLabel: 'x₂', valueLabel: 'network output' });
    this.plot.canvas.dataset.role = 'field';
    this.plot.canvas.classList.add('pg-field');
    this.pointsCanvas = this.plot.pointsLayer();
    this.plot.enableCursor({ help: KEY_HELP, onPick: onClick, readout: (x, y) => this.readout(x, y), label: 'output plot' });
    this.plotElement = this.plot.root;
    this.plot.describesItself = true; // its label (describe) says what it shows
    this.view = null;
  }

  // view: { window: [x0, x1, y0, y1], oneD, classes, problem, discretize, showTest }.
  setView(view) { this.view = view; }

  // The plot's text alternative: what it shows (the element says, from the core's numbers),
  // the cursor, and how to use the keys.
  describe(text) { this.plot.describe(text); }

  // What the network gives at (x, y), from the last field drawn (its nearest grid point).
  readout(x, y) {
    const { field, outputs } = this;
    if (!field || !this.view) return '';
    const [x0, x1, y0, y1] = this.view.window;
    const i = Math.max(0, Math.min(FIELD_N - 1, Math.round(((x - x0) / (x1 - x0)) * (FIELD_N - 1))));
    if (this.view.oneD) return `the curve at ${formatNumber(field[i], 3)}`;
    const j = Math.max(0, Math.min(FIELD_N - 1, Math.round(((y1 - y) / (y1 - y0)) * (FIELD_N - 1))));
    const p = j * FIELD_N + i;
    if (outputs === 1) return `output ${formatNumber(field[p], 3)}`;
    const q = Array.from({ length: outputs }, (_, c) => field[p * outputs + c]);
    const top = Math.max(...q), sum = q.reduce((s, v) => s + Math.exp(v - top), 0);
    const winner = q.indexOf(top);
    if (outputs === 2) return `p(+1) − p(−1) = ${formatNumber(Math.tanh((q[1] - q[0]) / 2), 3)}`;
    return `class ${winner + 1}, probability ${formatNumber(1 / sum, 3)}`;
  }

  // field: the worker's grid (FIELD_N x FIELD_N points, `outputs` values each; FIELD_N points
  // for 1-D data). Axes: x1 and x2 over the data window (for 1-D data x and the output); the
  // colour bar of the output (-1 to 1; none for three or more classes, coloured by class, nor
  // for a curve).
  drawField(field, outputs) {
    this.field = field;
    this.outputs = outputs;
    const { window, oneD, discretize, problem } = this.view;
    // What the colour says, for the page's tests: the output's value, the class, or nothing.
    this.plotElement.dataset.colorCoded = oneD ? 'none' : outputs > 2 ? 'class' : 'value';
    const label = outputs === 2 ? 'p(+1) − p(−1)' : problem === 'regression' ? 'network output (−1 to 1 shown)' : 'network output';
    const colorBar = oneD || outputs > 2 ? null : outputColorBar(discretize ? `${label}, split at 0` : label);
    const paint = (canvas) => {
      if (oneD) return this.drawCurve(canvas, field);
      if (outputs > 2) return this.paintClasses(canvas, field, outputs, discretize);
      if (outputs === 2) {
        // Two softmax logits: p(+1) - p(-1) = tanh((q1 - q0) / 2), in [-1, 1] like a tanh output.
        const values = (this.twoClassValues ??= new Float64Array(FIELD_N * FIELD_N));
        for (let p = 0; p < values.length; p++) values[p] = Math.tanh((field[2 * p + 1] - field[2 * p]) / 2);
        return paintValues(canvas, values, { width: FIELD_N, table: valueTable(OUTPUT_LIGHT), discretize });
      }
      return paintValues(canvas, field, { width: FIELD_N, table: valueTable(OUTPUT_LIGHT), discretize });
    };
    this.plot.setPainted({
      window, paint, colorBar, colorKey: colorBar?.label ?? '',
      xLabel: oneD ? 'x' : 'x₁', yLabel: oneD ? 'network output' : 'x₂',
    });
  }

  // 1-D data: the network's output as a curve over x.
  drawCurve(canvas, field) {
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
  paintClasses(canvas, field, k, discretize) {
    const top = CONFIDENCE_LEVELS - 1;
    paintEntries(canvas, FIELD_N, FIELD_N, classTable(k), (p) => {
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
