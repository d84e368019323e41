// Why this file exists: the network as a diagram, the middle of the playground: a column per
// layer (the input features, each hidden layer with its + / − buttons, the outputs with their
// biases), a thumbnail of every unit's output over the input plane, and the links coloured by
// the sign of their weight with width by its size. It turns clicks into requests (toggle a
// feature, add a layer, edit the output bias) for the element, which owns the state.
import { paintValues } from '../kit/heatmap.js';
import { formatNumber } from '../kit/format.js';
import { labelColor, rgb, signColor, valueTable } from './colors.js';
import { OUTPUT_LIGHT, outputColorBar } from './output-heatmap.js';
import { FEATURES, FIELDS, LIMITS } from './url-state.js';

export const UNIT_N = 20; // thumbnail resolution (grid points a side)
const MAX_LINKS = 480; // links drawn at most (the strongest), so large networks stay smooth
const KEY_WIDTH = 120; // the thumbnails' colour bar, px
const SVG = 'http://www.w3.org/2000/svg';

export function networkDiagramMarkup() {
  return `<div class="pg-layer-buttons">
            <button data-role="add-layer" title="Add a hidden layer">+ layer</button>
            <button data-role="remove-layer" title="Remove the last hidden layer">− layer</button>
            <span data-role="network-summary"></span> <span data-role="links-note"></span>
          </div>
          <div class="pg-columns" data-role="columns"></div>
          <canvas data-role="links" class="pg-links"></canvas>
          <div class="pg-unit-key" data-role="unit-key">
            <svg class="pg-unit-bar" data-role="unit-bar" width="${KEY_WIDTH + 16}" height="30" aria-hidden="true"></svg>
            <span data-role="unit-window"></span>
          </div>
          <p class="pg-unit-readout" data-role="unit-readout" id="pg-unit-readout">Point at a neuron (or Tab to it) to read its output.</p>`;
}

export class NetworkDiagram {
  // playground: the element (state, apply(patch), setField(field, raw), showMessage, editOutputBias).
  constructor(root, playground) {
    this.root = root;
    this.playground = playground;
    this.columns = root.querySelector('[data-role="columns"]');
    this.linksCanvas = root.querySelector('[data-role="links"]');
    this.summary = root.querySelector('[data-role="network-summary"]');
    this.linksNote = root.querySelector('[data-role="links-note"]');
    this.layout = null;
    root.querySelector('[data-role="add-layer"]').addEventListener('click', () => {
      // The core reads the new layers (one too many is its to refuse, naming the setting).
      const { layers } = playground.state;
      playground.setField('layers', [...layers, layers.at(-1) ?? 2]);
    });
    root.querySelector('[data-role="remove-layer"]').addEventListener('click', () => playground.apply({ layers: playground.state.layers.slice(0, -1) }));
    this.columns.addEventListener('click', (event) => this.onClick(event));
    // The links and thumbnails sit on one canvas under the columns: redraw when they move
    // (a narrower window rewraps the page while training is paused).
    this.resizeObserver = new ResizeObserver(() => { if (this.drawn) this.draw(...this.drawn); });
    this.resizeObserver.observe(this.columns);
    // The thumbnails' key: the output plot's colour bar, drawn small, and the window they show;
    // a neuron pointed at or focused is named with its values below.
    this.readout = root.querySelector('[data-role="unit-readout"]');
    this.drawKeyBar(root.querySelector('[data-role="unit-bar"]'));
    this.windowText = root.querySelector('[data-role="unit-window"]');
    this.columns.addEventListener('pointermove', (event) => {
      const node = event.target.closest('.pg-unit');
      if (!node) return;
      const box = node.getBoundingClientRect();
      this.readNeuron(node, [(event.clientX - box.left) / box.width, (event.clientY - box.top) / box.height]);
    });
    this.columns.addEventListener('focusin', (event) => {
      const node = event.target.closest('.pg-unit');
      if (node) this.readNeuron(node, null);
    });
  }

  // A horizontal colour bar from -1 to 1 in the output plot's colours (outputColorBar).
  drawKeyBar(svg) {
    const bar = outputColorBar('neuron output');
    const el = (name, attributes, parent = svg) => {
      const node = document.createElementNS(SVG, name);
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      parent.append(node);
      return node;
    };
    const STEPS = 40, x0 = 8;
    for (let i = 0; i < STEPS; i++) el('rect', { x: x0 + (KEY_WIDTH * i) / STEPS, y: 2, width: KEY_WIDTH / STEPS + 0.5, height: 10, fill: bar.colorAt((i + 0.5) / STEPS) });
    el('rect', { x: x0, y: 2, width: KEY_WIDTH, height: 10, class: 'bar-outline' });
    for (const v of [-1, -0.5, 0, 0.5, 1]) {
      const x = x0 + bar.position(v) * KEY_WIDTH;
      el('line', { x1: x, x2: x, y1: 12, y2: 15 });
      if (v === -0.5 || v === 0.5) continue;
      el('text', { x, y: 26, 'text-anchor': 'middle' }).textContent = v < 0 ? '−1' : String(v);
    }
  }

  // Names a neuron and its values: over the whole window, and at `at` (fractions of the
  // thumbnail from its top left) when the pointer is on it.
  readNeuron(node, at) {
    const [l, u] = node.dataset.unit.split(':').map(Number);
    const units = this.drawn?.[1];
    const name = `Neuron ${u + 1} of hidden layer ${l + 1}`;
    if (!units || !this.info) return void (this.readout.textContent = `${name}: not computed yet.`);
    const size = this.oneD ? UNIT_N : UNIT_N * UNIT_N;
    const index = this.info.layers.slice(0, l).reduce((n, layer) => n + layer.units, 0) + u;
    const start = size * this.info.layers.at(-1).units + index * size;
    let lo = Infinity, hi = -Infinity;
    for (let p = 0; p < size; p++) { const v = units[start + p]; if (v < lo) lo = v; if (v > hi) hi = v; }
    const parts = [`${name}: output from ${formatNumber(lo, 3)} to ${formatNumber(hi, 3)} over the window`];
    const window = this.playground.window?.();
    if (at && window) {
      const i = Math.max(0, Math.min(UNIT_N - 1, Math.round(at[0] * (UNIT_N - 1))));
      const j = Math.max(0, Math.min(UNIT_N - 1, Math.round(at[1] * (UNIT_N - 1))));
      const [x0, x1, y0, y1] = window;
      const x = x0 + ((x1 - x0) * i) / (UNIT_N - 1), y = y1 - ((y1 - y0) * j) / (UNIT_N - 1);
      const v = units[start + (this.oneD ? i : j * UNIT_N + i)];
      parts.push(this.oneD ? `${formatNumber(v, 3)} at x = ${formatNumber(x, 3)}` : `${formatNumber(v, 3)} at (x₁, x₂) = (${formatNumber(x, 3)}, ${formatNumber(y, 3)})`);
    }
    this.readout.textContent = `${parts.join('; ')}.`;
  }

  onClick(event) {
    const { playground } = this;
    const button = event.target.closest('[data-units]');
    if (button) {
      const layer = Number(button.dataset.layer), delta = Number(button.dataset.units);
      const layers = [...playground.state.layers];
      layers[layer] += delta;
      return playground.setField('layers', layers);
    }
    const feature = event.target.closest('[data-feature]')?.dataset.feature;
    if (feature) {
      const { features } = playground.state;
      playground.setField('features', features.includes(feature) ? features.filter((f) => f !== feature) : [...features, feature]);
    }
    const bias = event.target.closest('[data-role="output-bias"]');
    if (bias) this.editBias(bias);
  }

  // The output bias edited in place: a text field over the button, Enter applies (the element
  // validates and restarts the run), Escape or leaving the field cancels.
  editBias(button) {
    const k = Number(button.dataset.output);
    const input = document.createElement('input');
    input.className = 'pg-bias-input';
    input.dataset.role = 'output-bias-input';
    input.inputMode = 'decimal';
    input.size = 8;
    input.value = String(this.outputBiases?.[k] ?? '');
    input.setAttribute('aria-label', `output bias${this.outputBiases?.length > 1 ? ` ${k + 1}` : ''}: a number from -${LIMITS.max_edited_weight} to ${LIMITS.max_edited_weight}; Enter applies, Escape cancels`);
    let done = false;
    const finish = async (apply) => {
      if (done) return;
      done = true;
      if (apply && !(await this.playground.editOutputBias(k, input.value))) done = false;
      if (!done) return input.select();
      if (input.isConnected) {
        input.replaceWith(button);
        this.redraw();
        if (!apply) button.focus();
      }
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); finish(true); }
      else if (event.key === 'Escape') { event.preventDefault(); finish(false); }
    });
    input.addEventListener('blur', () => { if (!done) { done = true; input.replaceWith(button); this.redraw(); } });
    button.replaceWith(input);
    this.redraw(); // the field is wider than the button: the nodes moved
    input.focus();
    input.select();
  }

  // The links again, where the nodes are now (after a change of the columns' content).
  redraw() { if (this.drawn) this.draw(...this.drawn); }

  // The columns for a new run: info is the core's description of the network.
  build(info, state, oneD) {
    this.info = info;
    this.oneD = oneD;
    this.drawn = null;
    const features = oneD ? FEATURES.filter((f) => !f.includes('2')) : FEATURES;
    const column = (title, body, buttons = '') => `<div class="pg-column"><div class="pg-column-head">${title}${buttons}</div><div class="pg-nodes">${body}</div></div>`;
    let html = column('Features', features.map((f) => `<button class="pg-node pg-feature ${state.features.includes(f) ? 'on' : 'off'}" data-feature="${f}" aria-pressed="${state.features.includes(f)}" title="${state.features.includes(f) ? 'used' : 'not used'}: click to toggle"><canvas width="${UNIT_N}" height="${UNIT_N}"></canvas><span>${FIELDS.features.choice_labels[f]}</span></button>`).join(''));
    info.layers.slice(0, -1).forEach((layer, l) => {
      // Hidden units' thumbnails are painted on the diagram's one canvas (a canvas per unit
      // would be hundreds of compositing layers): the node is the frame around it.
      const small = layer.units > 12 ? ' pg-small-node' : ''; // wide layers: 20 px thumbnails, so the diagram stays short
      const units = Array.from({ length: layer.units }, (_, u) => `<div class="pg-node pg-unit${small}" data-unit="${l}:${u}" tabindex="0" role="img" aria-label="neuron ${u + 1} of hidden layer ${l + 1}" aria-describedby="pg-unit-readout" title="neuron ${u + 1} of hidden layer ${l + 1}"></div>`).join('');
      html += column(`${layer.units} neuron${layer.units > 1 ? 's' : ''}`, units,
        `<span class="pg-unit-buttons"><button data-layer="${l}" data-units="1" title="Add a neuron" aria-label="Add a neuron to hidden layer ${l + 1}">+</button><button data-layer="${l}" data-units="-1" title="Remove a neuron" aria-label="Remove a neuron from hidden layer ${l + 1}">−</button></span>`);
    });
    const outputs = info.layers.at(-1).units;
    // Softmax outputs are one logit per class: each shows its class's colour (class 0 of two is -1).
    const logits = info.loss === 'cross_entropy' && outputs > 1;
    const swatch = (k) => (logits ? `<span class="pg-swatch" data-rgb="${labelColor(outputs === 2 ? 2 * k - 1 : k, outputs).join(',')}" title="class ${outputs === 2 ? (k ? '+1' : '−1') : k}"></span>` : '');
    html += column('Output', Array.from({ length: outputs }, (_, k) => `<div class="pg-node pg-out" data-unit="out:${k}"><button class="pg-bias" data-role="output-bias" data-output="${k}" title="The output unit's bias: click (or Enter) to edit">${swatch(k)}b = <span data-bias="${k}"></span></button></div>`).join(''));
    this.columns.innerHTML = html;
    // The window the thumbnails show: the output plot's (the core's data window).
    const w = this.playground.window?.();
    if (w) {
      const range = (a, b) => `[${formatNumber(a, 3)}, ${formatNumber(b, 3)}]`;
      this.windowText.textContent = oneD
        ? `Each neuron's square: its output along x ∈ ${range(w[0], w[1])}, in the output plot's colours (−1 orange, 0 grey, +1 blue; beyond ±1 as ±1).`
        : `Each neuron's square: its output over x₁ ∈ ${range(w[0], w[1])}, x₂ ∈ ${range(w[2], w[3])} (the output plot's window), in its colours (−1 orange, 0 grey, +1 blue; beyond ±1 as ±1).`;
    }
    // Colours through the CSSOM (the page's CSP refuses inline style attributes).
    this.columns.querySelectorAll('.pg-swatch').forEach((s) => { s.style.background = `rgb(${s.dataset.rgb})`; });
    this.summary.textContent = `${info.layers.length - 1} hidden layer${info.layers.length === 2 ? '' : 's'}, ${info.parameter_count} parameters`;
    // Each feature's thumbnail: its value over the input plane (the core's square [-h, h]²),
    // scaled into [-h, h].
    const canvases = this.columns.querySelectorAll('.pg-feature canvas');
    const values = new Float64Array(UNIT_N * UNIT_N);
    const [left, right, bottom, top] = LIMITS.window.plane;
    const h = right;
    features.forEach((f, i) => {
      for (let p = 0; p < values.length; p++) {
        const x1 = left + ((right - left) * (p % UNIT_N)) / (UNIT_N - 1), x2 = top - ((top - bottom) * Math.floor(p / UNIT_N)) / (UNIT_N - 1);
        values[p] = { x1, x2, 'x1^2': (x1 * x1) / h - h / 2, 'x2^2': (x2 * x2) / h - h / 2, 'x1*x2': (x1 * x2) / h, 'sin(x1)': Math.sin(x1) * h, 'sin(x2)': Math.sin(x2) * h }[f];
      }
      paintValues(canvases[i], values, { width: UNIT_N, lo: -h, hi: h, table: valueTable(0) });
    });
  }

  // Node positions are measured once per layout (a forced layout per frame is what makes large
  // networks janky), and the canvas is resized only when the diagram is. Nodes move when a
  // column's width changes (the bias label's text), so their offsets are part of the key.
  measure() {
    const host = this.columns, canvas = this.linksCanvas;
    const width = host.clientWidth, height = host.clientHeight;
    const key = [...host.querySelectorAll('.pg-nodes')].map((n) => n.offsetLeft).join();
    if (this.layout && this.layout.width === width && this.layout.height === height && this.layout.host === host.firstChild && this.layout.key === key) return key;
    const box = host.getBoundingClientRect();
    this.layout = {
      width, height, key, host: host.firstChild,
      centers: [...host.querySelectorAll('.pg-column')].map((column) => [...column.querySelectorAll('.pg-node')].map((node) => {
        const r = node.getBoundingClientRect();
        return { x0: r.left - box.left, x1: r.right - box.left, y: r.top - box.top + r.height / 2, size: r.width - 2, on: !node.classList.contains('off') };
      })),
    };
    canvas.width = Math.round(width);
    canvas.height = Math.round(height);
    canvas.style.width = `${canvas.width}px`;
    canvas.style.height = `${canvas.height}px`;
    canvas.style.top = `${host.offsetTop}px`;
    canvas.style.left = `${host.offsetLeft}px`;
    return key;
  }

  // params: the network's parameters (flat, layer by layer: W row-major, then b); units: the
  // worker's grids on UNIT_N points a side, the outputs' first, then each hidden unit's.
  draw(params, units) {
    if (!params || !this.info) return;
    this.drawn = [params, units];
    const key = this.measure();
    const canvas = this.linksCanvas;
    const context = canvas.getContext('2d');
    context.clearRect(0, 0, canvas.width, canvas.height);
    const { centers } = this.layout;
    // Inputs are the chosen features only, in FEATURES order.
    let from = centers[0].filter((c) => c.on);
    let offset = 0, hidden = 0;
    const layers = this.info.layers;
    layers.forEach((layer, l) => {
      const to = centers[l + 1];
      const fanIn = from.length;
      let largest = 1e-9;
      for (let j = 0; j < layer.units * fanIn; j++) largest = Math.max(largest, Math.abs(params[offset + j]));
      // Rasterising thousands of long anti-aliased lines costs the page ~100 ms a frame, and
      // nobody can read them: above MAX_LINKS a layer shows only its strongest links.
      const total = layer.units * fanIn, keep = Math.max(1, Math.round(MAX_LINKS / layers.length));
      let threshold = 0;
      if (total > keep) {
        const magnitudes = Array.from({ length: total }, (_, j) => Math.abs(params[offset + j])).sort((a, b) => b - a);
        threshold = magnitudes[keep - 1];
        hidden += total - keep;
      }
      // One path per (sign, width bucket): thousands of links cost a few strokes, not thousands.
      const buckets = new Map();
      for (let u = 0; u < layer.units; u++) {
        for (let k = 0; k < fanIn; k++) {
          const w = params[offset + u * fanIn + k];
          if (Math.abs(w) < threshold) continue;
          const width = Math.max(1, Math.round(8 * Math.min(1, Math.abs(w) / Math.max(largest, 1))));
          const bucket = `${w < 0 ? -1 : 1}:${width}`;
          if (!buckets.has(bucket)) buckets.set(bucket, new Path2D());
          const path = buckets.get(bucket);
          path.moveTo(from[k].x1, from[k].y);
          path.lineTo(to[u].x0, to[u].y);
        }
      }
      for (const [bucket, path] of buckets) {
        const [sign, width] = bucket.split(':').map(Number);
        context.strokeStyle = rgb(signColor(sign)); // opaque: cheaper to rasterise
        context.lineWidth = width / 2;
        context.stroke(path);
      }
      offset += layer.units * fanIn;
      if (layer.bias) {
        if (l === layers.length - 1) {
          this.outputBiases = Array.from({ length: layer.units }, (_, k) => params[offset + k]);
          for (let k = 0; k < layer.units; k++) {
            const label = this.columns.querySelector(`[data-bias="${k}"]`);
            if (label) label.textContent = formatNumber(params[offset + k]);
          }
        }
        offset += layer.units;
      }
      from = to;
    });
    this.paintUnits(context, units);
    // The bias labels just written can widen the output column and move every node: once more.
    if (!this.redrawing && [...this.columns.querySelectorAll('.pg-nodes')].map((n) => n.offsetLeft).join() !== key) {
      this.redrawing = true;
      this.draw(params, units);
      this.redrawing = false;
      return;
    }
    this.summary.dataset.hiddenLinks = hidden;
    this.linksNote.textContent = hidden ? `The ${hidden} weakest links are not drawn.` : '';
  }

  // Every hidden unit's activation over the input plane, at its node on the diagram's canvas.
  paintUnits(context, units) {
    if (!units) return;
    const size = this.oneD ? UNIT_N : UNIT_N * UNIT_N;
    const start = size * this.info.layers.at(-1).units; // after the outputs' grids
    this.scratch ??= document.createElement('canvas');
    this.unitValues ??= new Float64Array(UNIT_N * UNIT_N);
    const values = this.unitValues;
    context.imageSmoothingEnabled = false;
    let u = 0;
    this.layout.centers.slice(1, -1).forEach((column) => column.forEach((node) => {
      for (let p = 0; p < values.length; p++) values[p] = units[start + u * size + (this.oneD ? p % UNIT_N : p)];
      paintValues(this.scratch, values, { width: UNIT_N, table: valueTable(OUTPUT_LIGHT) });
      context.drawImage(this.scratch, node.x0 + 1, node.y - node.size / 2, node.size, node.size);
      u++;
    }));
  }
}
