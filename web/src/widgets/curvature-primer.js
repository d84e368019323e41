// Why this file exists: the tutorial's primer on curvature, live,
//   <lll-curvature-primer scenario="curvature-primer"></lll-curvature-primer>
// A quadratic L(w) = ½ wᵀHw whose Hessian's two eigenvalues (and the angle of the first one's
// direction) the reader sets with sliders: the surface as a heatmap with contours, the two
// eigenvectors as arrows from the origin labelled with their eigenvalues, and in words what
// the signs make of the matrix (positive or negative definite, indefinite, singular) and of
// the point (a minimum, a maximum, a saddle, flat along a direction). The surface is the core's
// "quadratic" (the scenario's surface.a, surface.b, surface.angle), the sliders' values go to
// the core as the surface's parameters, and every number and word about the point (H, its
// eigen-decomposition, its signs and its kind, by the core's one classification rule) comes
// from the core in this widget's worker.
// Attributes: scenario (default curvature-primer). Controls (hide="..."): angle, readout, tools.
// State: lambda1, lambda2, angle (the sliders).
import { LabWidget, defineWidget } from '../kit/widget.js';
import { HeatmapPlot, LINEAR, markerBox, placeLabel, svgElement } from '../kit/heatmap-plot.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { formula } from '../kit/formulas.js';
import { WIDGET_TEX } from '../kit/widget-tex.js';
import { SIGN_COLORS } from '../kit/palettes.js';
import { pageRefusal } from '../kit/messages.js';

const SIZE = 480; // the plot's box in overlay units
const GRID = 101;
const LEVELS = 14; // about this many contour lines
const ARROW_LENGTH = SIZE * 0.38; // an eigenvector's arrow, each way from the origin (its ends far enough apart for a label each at 360 px)
const ARROW_BOX = 4; // half the width of the boxes the labels keep clear of (the arrows' halo)
// The sliders' roles and the surface parameters they set (a, b: the eigenvalues; the angle of
// the first eigenvalue's direction in degrees). Their ranges and steps are the core's (the
// surface's description: its "parameters"), the limits its scenario reader keeps to.
const PARAMETER = { lambda1: 'a', lambda2: 'b', angle: 'angle' };
const fmt = (v) => formatNumber(v, 4);
const COLOR = { '-1': SIGN_COLORS.negative, 0: SIGN_COLORS.zero, 1: SIGN_COLORS.positive };
// The eigenvalues as the reader reads them: one the core counts as zero (its sign 0: e.g.
// 1e-33, the rounding of a turned H) is written 0.
const shownEigenvalues = ({ eigenvalues, signs }) => eigenvalues.map((lambda, i) => (signs[i] === 0 ? 0 : lambda));

// What the core's words for the Hessian and the point say to the reader. The shape of a
// singular one depends on the sign of its other eigenvalue (the core's signs, ascending).
function verdict({ definiteness, signs }) {
  if (definiteness === 'positive definite') return 'Positive definite: both eigenvalues positive. A bowl: the loss curves up in every direction, and the origin is a minimum.';
  if (definiteness === 'negative definite') return 'Negative definite: both eigenvalues negative. A dome: the loss curves down in every direction, and the origin is a maximum.';
  if (definiteness === 'indefinite') return 'Indefinite: one eigenvalue negative, one positive. A saddle: downhill along the red arrow, uphill along the blue one.';
  if (signs.every((s) => s === 0)) return 'Singular: both eigenvalues zero. Flat in every direction: the second derivatives say nothing about the point.';
  const up = signs.includes(1);
  return `Singular: one eigenvalue zero. A ${up ? 'valley with a level floor' : 'ridge with a level crest'}: flat along the grey arrow, curving ${up ? 'up' : 'down'} across it. Second derivatives alone cannot tell what such a point is: the terms beyond them decide.`;
}

export class CurvaturePrimer extends LabWidget {
  static widgetName = 'curvature-primer';
  static controls = { angle: 'the angle slider', readout: 'the side panel', tools: 'link and export buttons' };
  static stateKeys = ['lambda1', 'lambda2', 'angle'];

  build(body) {
    // Ranged in start(), from the core's description of the surface.
    const slider = (role, label) =>
      `<label><span>${label}</span> <input type="range" data-role="${role}"> <output data-role="${role}-value"></output></label>`;
    body.innerHTML = `
      <div class="experiment-controls primer-controls">
        ${slider('lambda1', 'λ₁')}
        ${slider('lambda2', 'λ₂')}
        <span data-control="angle">${slider('angle', 'direction of λ₁ (degrees)')}</span>
        <span class="surface-formula" data-role="formula"></span>
      </div>
      <div class="message" data-role="message"></div>
      <div class="explorer">
        <div class="explorer-plot" data-role="plot"></div>
        <div class="explorer-side" data-control="readout">
          <p class="primer-verdict" data-role="verdict"></p>
          <dl class="readout" data-role="readout"></dl>
        </div>
      </div>`;
    for (const role of ['lambda1', 'lambda2', 'angle']) {
      this.find(role).setAttribute('aria-label', { lambda1: 'first eigenvalue λ₁', lambda2: 'second eigenvalue λ₂', angle: 'direction of the first eigenvector, in degrees' }[role]);
      this.find(role).addEventListener('input', () => this.update());
    }
    this.find('formula').replaceChildren(formula(this.shadowRoot, WIDGET_TEX.quadraticForm));
    this.plot = new HeatmapPlot(this.find('plot'), { size: SIZE, label: 'the quadratic surface with its Hessian\'s eigenvectors' });
    this.plot.describesItself = true;
    // Text on the overlay keeps one size on screen: a new width re-places the labels.
    new ResizeObserver(() => { if (this.shown) this.drawArrows(this.shown.curvature); }).observe(this.plot.root);
    this.setState('loading');
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'curvature-primer');
    // The sliders start where the scenario's surface is, unless the link says otherwise.
    const reply = await this.client.call('surface', { scenario: this.scenarioText, nx: 2, ny: 2 });
    this.client.call('dispose', { handle: reply.handle }).catch(() => {});
    const surface = reply.info.scenario.surface;
    if (surface.name !== 'quadratic') throw pageRefusal('scenario', 'primer_needs_quadratic', [surface.name]);
    // Each slider spans its parameter's range in the core's steps; a link's value outside the
    // range is refused (named) and the scenario's kept.
    for (const [role, parameter] of Object.entries(PARAMETER)) {
      const { min, max, step } = reply.info.parameters[parameter];
      const slider = this.find(role);
      Object.assign(slider, { min: String(min), max: String(max), step: String(step) });
      slider.value = String(this.stateNumber(role, { min, max }) ?? surface[parameter]);
    }
    await this.update();
  }

  close() { this.ticket = -1; }

  // The sliders' values: the surface's a (λ₁), b (λ₂) and angle, as the sliders hold them.
  parameters() {
    return ['lambda1', 'lambda2', 'angle'].map((role) => Number(this.find(role).value));
  }

  // The core's quadratic for the sliders' values: its grid, and the curvature at the origin
  // (H is the same everywhere: the surface is quadratic).
  async update() {
    if (!this.scenarioText || this.ticket === -1) return;
    const ticket = (this.ticket = (this.ticket ?? 0) + 1);
    const parameters = this.parameters();
    const [l1, l2, angle] = parameters;
    this.find('lambda1-value').textContent = fmt(l1);
    this.find('lambda2-value').textContent = fmt(l2);
    this.find('angle-value').textContent = `${angle}°`;
    this.setState('loading');
    this.saveState();
    try {
      // The contours of the grid come with it, computed in the widget's worker.
      const reply = await this.client.call('surface', { scenario: this.scenarioText, parameters, nx: GRID, ny: GRID, contours: { scale: LINEAR.name, levels: LEVELS, size: SIZE } });
      let curvature;
      try {
        curvature = await this.client.call('curvature', { handle: reply.handle, x: 0, y: 0 });
      } finally {
        this.client.call('dispose', { handle: reply.handle }).catch(() => {});
      }
      if (ticket !== this.ticket) return;
      const [a1, a2] = reply.info.symbols;
      this.plot.setLabels({ x: a1, y: a2, value: `L(${a1}, ${a2})` });
      this.plot.setGrid({ ...reply.grid, window: reply.info.window }, { scale: LINEAR, levels: LEVELS, contours: reply.contours });
      this.shown = { parameters, curvature, scenario: reply.scenario, grid: reply.grid, window: reply.info.window, formula: reply.info.formula };
      this.drawArrows(curvature);
      this.find('verdict').textContent = verdict(curvature);
      // Said aloud when the kind changes, not at every step of a slider.
      if (this.said !== curvature.definiteness) this.announce(verdict(curvature));
      this.said = curvature.definiteness;
      const [[hxx, hxy], [, hyy]] = curvature.hessian;
      setReadout(this.find('readout'), [
        ['Hessian H', `[[${fmt(hxx)}, ${fmt(hxy)}], [${fmt(hxy)}, ${fmt(hyy)}]]`],
        ...shownEigenvalues(curvature).map((lambda, i) => [`eigenvalue ${fmt(lambda)} along`, `(${curvature.eigenvectors[i].map(fmt).join(', ')})`]),
        ['H is', curvature.definiteness],
        ['the origin is', curvature.kind === 'degenerate' ? 'degenerate (the second-order test cannot decide)' : `a ${curvature.kind}`],
      ]);
      this.plot.setDescription(`${reply.info.formula}, w₁ and w₂ from −2 to 2, contours of equal loss; the Hessian's eigenvalues ${shownEigenvalues(curvature).map(fmt).join(' and ')}, along (${curvature.eigenvectors.map((v) => v.map(fmt).join(', ')).join(') and (')}): ${curvature.definiteness}, the origin ${curvature.kind === 'degenerate' ? 'degenerate' : `a ${curvature.kind}`}.`);
      this.publishData('eigenvalues', curvature.eigenvalues.join(','));
      this.publishData('definiteness', curvature.definiteness);
      this.publishData('kind', curvature.kind);
      this.publishData('parameters', parameters.join(','));
      this.setState('ready');
    } catch (error) {
      if (ticket === this.ticket) this.showError(error);
    }
  }

  // The eigenvectors as arrows of fixed length both ways from the origin (an eigenvector's sign
  // is arbitrary), coloured by the sign of their eigenvalue as the core judges it (red: the loss
  // curves down; blue: up; grey: flat), each labelled with its eigenvalue where the label covers
  // neither arrow.
  drawArrows(curvature) {
    const layer = this.plot.layer('arrows');
    layer.replaceChildren();
    const cx = this.plot.x(0), cy = this.plot.y(0);
    const ends = curvature.eigenvectors.map(([vx, vy]) => [1, -1].map((s) => [cx + s * vx * ARROW_LENGTH, cy - s * vy * ARROW_LENGTH]));
    const taken = [markerBox(cx, cy, 6)];
    curvature.eigenvectors.forEach(([vx, vy], i) => {
      const color = COLOR[curvature.signs[i]];
      for (const [x2, y2] of ends[i]) {
        const line = { x1: cx, y1: cy, x2, y2, 'data-eigen': i };
        svgElement('line', { ...line, class: 'eigen-arrow-halo' }, layer);
        svgElement('line', { ...line, stroke: color, class: 'eigen-arrow' }, layer);
        // An arrowhead at each end: a direction, either way.
        const [ux, uy] = [(x2 - cx) / ARROW_LENGTH, (y2 - cy) / ARROW_LENGTH];
        const head = 12, wing = 6;
        const points = [[x2, y2], [x2 - head * ux - wing * uy, y2 - head * uy + wing * ux], [x2 - head * ux + wing * uy, y2 - head * uy - wing * ux]];
        svgElement('polygon', { points: points.map((p) => p.map((v) => v.toFixed(1)).join(',')).join(' '), fill: color, class: 'eigen-head', 'data-eigen': i }, layer);
      }
      for (let k = -8; k <= 8; k++) taken.push(markerBox(cx + (k / 8) * vx * ARROW_LENGTH, cy - (k / 8) * vy * ARROW_LENGTH, ARROW_BOX));
    });
    svgElement('circle', { cx, cy, r: 4, class: 'primer-origin' }, layer);
    curvature.eigenvectors.forEach((_, i) => {
      const text = svgElement('text', { fill: COLOR[curvature.signs[i]], class: 'eigen-label', 'data-eigen': i }, layer);
      text.textContent = `λ = ${fmt(shownEigenvalues(curvature)[i])}`;
      placeLabel(text, ends[i][0], taken, { size: SIZE, radius: ARROW_BOX, also: [ends[i][1]], rivals: ends.filter((_, j) => j !== i).flat() });
    });
  }

  linkState() {
    if (!this.scenarioText) return {};
    const [lambda1, lambda2, angle] = this.parameters();
    return { lambda1: String(lambda1), lambda2: String(lambda2), angle: String(angle) };
  }

  async csv() {
    if (!this.shown) throw new Error('nothing drawn yet');
    const { grid: { nx, ny, values }, window: [x0, x1, y0, y1] } = this.shown;
    const rows = [];
    for (let r = 0; r < ny; r++) for (let c = 0; c < nx; c++) rows.push([x0 + ((x1 - x0) * c) / (nx - 1), y1 - ((y1 - y0) * r) / (ny - 1), values[r * nx + c]]);
    return toCsv(['w1', 'w2', 'loss'], rows);
  }

  async scenario() {
    if (!this.shown) throw new Error('nothing drawn yet');
    return this.shown.scenario;
  }
}

defineWidget(CurvaturePrimer);
