// Why this file exists: Goodfellow, Vinyals and Saxe's 1-D picture of a landscape (2015),
//   <lll-interpolation scenario="interpolation"></lll-interpolation>
// The worker trains the scenario's network, then the core computes the loss on the straight
// line L((1 - t) theta0 + t theta1) from the initial weights (t = 0) to the trained ones
// (t = 1), and beyond (the view's range, t in [-0.5, 1.5]): the training loss and, when the
// scenario holds points out, the test loss; the values at both ends; and whether the training
// loss only falls between them (a fact the core computes, with the largest rise if not).
// A slider along t reads the curves. Attributes: scenario (default interpolation). Controls
// (hide="..."): slider, readout, tools. State: t (the slider's index).
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
import { LOSS_COLORS } from '../kit/palettes.js';
import { pageRefusal } from '../kit/messages.js';

const TRAIN_COLOUR = LOSS_COLORS.training, TEST_COLOUR = LOSS_COLORS.test; // the same pair in every widget

export class Interpolation extends LabWidget {
  static widgetName = 'interpolation';
  static controls = { slider: 'the slider along t', readout: 'the side panel', tools: 'link and export buttons' };
  static stateKeys = ['t'];

  build(body) {
    body.innerHTML = `
      <p class="experiment-description" data-role="progress"></p>
      <div class="message" data-role="message"></div>
      <p class="message info" data-role="verdict" hidden></p>
      <div class="charts" data-role="charts"></div>
      <div class="experiment-controls" data-control="slider">
        <label>t <input type="range" data-role="t" min="0" max="0" value="0" aria-label="position t on the line (0: initial weights, 1: trained weights)"></label>
        <span data-role="t-value"></span>
      </div>
      <dl class="readout" data-role="readout" data-control="readout"></dl>`;
    this.chart = new StepChart(this.find('charts'), {
      title: 'Loss on the line from the initial to the trained weights', xLabel: 't (0: initial weights, 1: trained weights)', yLabel: 'loss',
      log: true, floor: 1e-12, note: 'Beyond t = 1 the line overshoots the trained weights; before t = 0 it leads away from where training started.',
      legend: [{ label: 'training loss', color: TRAIN_COLOUR }, { label: 'test loss', color: TEST_COLOUR, kind: 'dash' }],
    });
    this.find('t').addEventListener('input', () => { this.saveState(); requestDraw(this, () => this.draw()); });
    this.loop = new RunLoop(this); // the view's training
    this.setState('loading');
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'interpolation');
    this.loop.replace();
    try {
      const view = await trainView(this.loop, this.client, this.scenarioText, null, {
        onProgress: (p) => (this.find('progress').textContent = `Training ${describeProgress(p)}`),
      });
      if (!view) return;
      if (view.info.kind !== 'interpolate') throw pageRefusal('view.kind', 'view_not_interpolate', [view.info.kind]);
      this.info = view.info;
      this.client.call('dispose', { handle: view.handle }).catch(() => {}); // everything is in info
      const line = view.info.line;
      const slider = this.find('t');
      slider.max = String(line.t.length - 1);
      const saved = this.stateNumber('t', { min: 0, max: line.t.length - 1, integer: true });
      slider.value = String(saved ?? (line.t.indexOf(1) >= 0 ? line.t.indexOf(1) : line.t.length - 1));
      const run = view.info.runs[0];
      this.find('progress').textContent = `A network of ${view.info.parameter_count} parameters trained for ${run.step} steps; the loss at ${line.t.length} points of the line through its initial and trained weights, from t = ${formatNumber(line.t[0])} to ${formatNumber(line.t.at(-1))}.`;
      this.verdict();
      this.setState('ready');
      requestDraw(this, () => this.draw());
    } catch (error) {
      if (!(error instanceof Cancelled)) this.showError(error);
    }
  }

  linkState() { return { t: this.info ? this.find('t').value : this.urlState.get('t') }; }

  // What the core found between t = 0 and t = 1, said in words.
  verdict() {
    const { monotone, test_monotone: testMonotone } = this.info;
    const element = this.find('verdict');
    const count = `${monotone.positions} points from t = 0 to t = 1`;
    let text = monotone.decreasing
      ? `The training loss only falls from the initial to the trained weights (${count}): no bump, no barrier on the way, as Goodfellow et al. found for their networks.`
      : `The training loss rises on the way (${count}): by ${formatNumber(monotone.largest_rise, 3)} at most, just before t = ${formatNumber(monotone.rise_at, 3)}. The straight line crosses a bump that training went around.`;
    if (testMonotone) text += testMonotone.decreasing ? ' The test loss only falls too.' : ` The test loss rises somewhere on the way (by ${formatNumber(testMonotone.largest_rise, 3)} at most, before t = ${formatNumber(testMonotone.rise_at, 3)}).`;
    element.textContent = text;
    element.hidden = false;
    element.dataset.monotone = String(monotone.decreasing);
  }

  draw() {
    if (!this.info) return;
    const { t, loss, test_loss: testLoss } = this.info.line;
    this.chart.setXRange(t[0], t.at(-1));
    const series = [{ name: 'training', color: TRAIN_COLOUR, points: t.map((v, i) => [v, loss[i]]).filter(([, y]) => y != null) }];
    if (testLoss) series.push({ name: 'test', color: TEST_COLOUR, dash: '5 4', points: t.map((v, i) => [v, testLoss[i]]).filter(([, y]) => y != null) });
    this.chart.setSeries(series);
    const i = Number(this.find('t').value);
    this.chart.setMarker(t[i], `t = ${formatNumber(t[i])}`);
    this.chart.render();
    this.find('t-value').textContent = `t = ${formatNumber(t[i])}`;
    const { ends, monotone } = this.info;
    const rows = [
      ['t', formatNumber(t[i])],
      ['training loss at t', formatNumber(loss[i], 4)],
    ];
    if (testLoss) rows.push(['test loss at t', formatNumber(testLoss[i], 4)]);
    rows.push(['at t = 0 (initial)', `${formatNumber(ends.loss[0], 4)}${ends.test_loss ? ` (test ${formatNumber(ends.test_loss[0], 4)})` : ''}`],
      ['at t = 1 (trained)', `${formatNumber(ends.loss[1], 4)}${ends.test_loss ? ` (test ${formatNumber(ends.test_loss[1], 4)})` : ''}`],
      ['only falls from 0 to 1', monotone.decreasing ? 'yes' : `no (rises by ${formatNumber(monotone.largest_rise, 3)})`]);
    setReadout(this.find('readout'), rows);
  }

  async csv() {
    if (!this.info) throw new Error('the line is not computed yet');
    const { t, loss, test_loss: testLoss } = this.info.line;
    return toCsv(['t', 'training_loss', 'test_loss'], t.map((v, i) => [v, loss[i], testLoss ? testLoss[i] : '']));
  }

  async scenario() { return this.scenarioText; }
}

defineWidget(Interpolation);
