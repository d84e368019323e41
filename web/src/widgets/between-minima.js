// Why this file exists: mode connectivity (Garipov et al. 2018),
//   <lll-between-minima scenario="connect-minima"></lll-between-minima>
// Two minima trained from two seeds (the scenario's compare variants); the loss along the
// straight line between them and along a curve whose bend the worker trains, drawn as it
// trains; a slider along t reads both. Attributes: scenario (default connect-minima).
// Controls (hide="..."): slider, readout, tools. State: t (the slider's position).
import { LabWidget, defineWidget } from '../kit/widget.js';
import { loadScenarioText } from '../kit/scenarios.js';
import { requestDraw } from '../kit/frames.js';
import { formatNumber } from '../kit/format.js';
import { setReadout } from '../kit/readout.js';
import { toCsv } from '../kit/export.js';
import { Cancelled } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { StepChart } from '../kit/chart.js';
import { trainView, describeProgress } from './landscape-common.js';
import { LINE_COLORS, LOSS_COLORS } from '../kit/palettes.js';

const STEPS_PER_REQUEST = 25;

export class BetweenMinima extends LabWidget {
  static widgetName = 'between-minima';
  static controls = { slider: 'the slider along t', readout: 'the side panel', tools: 'link and export buttons' };
  static stateKeys = ['t'];

  build(body) {
    body.innerHTML = `
      <p class="experiment-description" data-role="progress"></p>
      <div class="message" data-role="message"></div>
      <div class="charts" data-role="charts"></div>
      <div class="experiment-controls" data-control="slider">
        <label>t <input type="range" data-role="t" min="0" max="40" value="20" aria-label="position t along the line and the curve"></label>
      </div>
      <dl class="readout" data-role="readout" data-control="readout"></dl>`;
    this.chart = new StepChart(this.find('charts'), {
      title: 'Loss between two minima', xLabel: 't (0 and 1: the two trained networks)', yLabel: 'loss', log: true, floor: 1e-12,
      note: 'The straight line climbs over a barrier; the trained curve bends around it.',
      legend: [{ label: 'straight line', color: LINE_COLORS.reference, kind: 'dash' }, { label: 'trained curve', color: LOSS_COLORS.training }],
    });
    this.find('t').addEventListener('input', () => { this.saveState(); requestDraw(this, () => this.draw()); });
    this.loop = new RunLoop(this); // the two minima's training, then the curve's
    this.setState('loading');
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'connect-minima');
    const slider = this.find('t');
    const t = this.stateNumber('t', { min: Number(slider.min), max: Number(slider.max), integer: true });
    if (t !== null) slider.value = String(t);
    this.loop.replace();
    try {
      const view = await trainView(this.loop, this.client, this.scenarioText, null, {
        onProgress: (p) => (this.find('progress').textContent = `Training the two minima: ${describeProgress(p)}`),
      });
      if (!view) return;
      Object.assign(this, { handle: view.handle, info: view.info });
      this.find('t').max = String(view.info.straight.t.length - 1);
      this.curve = { steps: 0, loss: view.info.straight.loss }; // the Bezier curve starts as the line
      this.setState('training-curve');
      const trained = this.curve.steps >= view.info.steps || await this.loop.runToEnd(async (ticket) => {
        const k = Math.min(STEPS_PER_REQUEST, view.info.steps - this.curve.steps);
        const curve = await this.client.call('viewCurveStep', { handle: view.handle, k });
        if (!this.loop.current(ticket)) return false;
        this.curve = curve;
        this.find('progress').textContent = `Training the ${view.info.curve} curve: step ${this.curve.steps} of ${view.info.steps}, mean loss on the curve ${formatNumber(this.curve.mean_loss)}`;
        this.dataset.curveSteps = String(this.curve.steps); // as the progress line above says it, at once
        requestDraw(this, () => this.draw());
        return this.curve.steps < view.info.steps;
      }, { paced: false });
      if (trained) this.setState('ready');
    } catch (error) {
      if (!(error instanceof Cancelled)) this.showError(error);
    }
  }

  linkState() { return { t: this.find('t').value }; }

  draw() {
    if (!this.info) return;
    const t = this.info.straight.t;
    this.chart.setXRange(0, 1);
    this.chart.setSeries([
      { name: 'straight', color: LINE_COLORS.reference, dash: '5 4', points: t.map((v, i) => [v, this.info.straight.loss[i]]) },
      { name: 'curve', color: LOSS_COLORS.training, points: t.map((v, i) => [v, this.curve.loss[i]]) },
    ]);
    const i = Number(this.find('t').value);
    this.chart.setMarker(t[i], `t = ${formatNumber(t[i])}`);
    this.chart.render();
    this.readout();
  }

  readout() {
    if (!this.info) return;
    const i = Number(this.find('t').value), t = this.info.straight.t;
    const [a, b] = this.info.runs;
    setReadout(this.find('readout'), [
      ['t', formatNumber(t[i])],
      ['straight line loss', formatNumber(this.info.straight.loss[i], 4)],
      ['curve loss', formatNumber(this.curve.loss[i], 4)],
      ['highest on the line', formatNumber(Math.max(...this.info.straight.loss), 4)],
      ['highest on the curve', formatNumber(Math.max(...this.curve.loss), 4)],
      [`end points (${a.label}, ${b.label})`, `${formatNumber(a.loss, 3)}, ${formatNumber(b.loss, 3)}`],
      ['curve steps', `${this.curve.steps} of ${this.info.steps}`],
    ]);
  }

  async csv() {
    if (!this.info) throw new Error('the curve is not computed yet');
    return toCsv(['t', 'straight_loss', 'curve_loss'], this.info.straight.t.map((t, i) => [t, this.info.straight.loss[i], this.curve.loss[i]]));
  }

  async scenario() { return this.scenarioText; }
}

defineWidget(BetweenMinima);
