// Why this file exists: sharp and flat minima (Keskar et al. 2017) and why sharpness alone
// is not a property of the function (Dinh et al. 2017),
//   <lll-sharp-flat scenario="sharp-flat"></lll-sharp-flat>
// Two end points (small-batch and large-batch SGD, the scenario's compare variants): the
// largest Hessian eigenvalue at each, the loss on the line between them, their training and
// test accuracy. The rescaling slider multiplies a ReLU layer by alpha and the next by
// 1/alpha: the function and the loss stay, the largest eigenvalue and a raw 1-D slice
// change, the filter-normalised slice does not. What the toy shows is said from its numbers.
// Attributes: scenario (default sharp-flat). Controls (hide="..."): rescale, readout, tools.
// State: alpha (the slider's index).
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
import { LINE_COLORS, LOSS_COLORS, VARIANT_COLORS } from '../kit/palettes.js';

const COLORS = [VARIANT_COLORS.raw, VARIANT_COLORS.filter];

export class SharpFlat extends LabWidget {
  static widgetName = 'sharp-flat';
  static controls = { rescale: 'the rescaling slider', readout: 'the side panel', tools: 'link and export buttons' };
  static stateKeys = ['alpha'];

  build(body) {
    body.innerHTML = `
      <p class="experiment-description" data-role="progress"></p>
      <div class="message" data-role="message"></div>
      <div class="runs" data-role="runs"></div>
      <p class="message info" data-role="verdict"></p>
      <div class="charts" data-role="charts"></div>
      <div class="experiment-controls" data-control="rescale">
        <label><span>Rescale layer <span data-role="layer"></span> by c</span> <input type="range" data-role="alpha" min="0" max="0" value="0" aria-label="rescaling factor c"></label>
        <span data-role="alpha-value"></span>
      </div>
      <dl class="readout" data-role="readout" data-control="readout"></dl>`;
    const charts = this.find('charts');
    this.lineChart = new StepChart(charts, {
      title: 'Loss on the line between the two end points', xLabel: 't (0: first end point, 1: second)', yLabel: 'loss', log: true, floor: 1e-12,
      legend: [{ label: 'training loss', color: LOSS_COLORS.training }],
    });
    this.sliceChart = new StepChart(charts, {
      title: 'Slices through the rescaled first end point', xLabel: 's (along one random direction)', yLabel: 'loss', log: true, floor: 1e-12,
      note: 'Raw direction: changes with c. Filter-normalised: the same for every c.',
      legend: [{ label: 'raw', color: VARIANT_COLORS.raw }, { label: 'filter-normalised', color: VARIANT_COLORS.filter }, { label: 'c = 1', color: LINE_COLORS.reference, kind: 'dash' }],
    });
    this.find('alpha').addEventListener('input', () => this.act(() => this.rescale()));
    this.loop = new RunLoop(this); // the view's training
    this.setState('loading');
  }

  async start() {
    this.scenarioText = await loadScenarioText(this, 'sharp-flat');
    this.loop.replace();
    try {
      const view = await trainView(this.loop, this.client, this.scenarioText, null, {
        onProgress: (p) => (this.find('progress').textContent = `Training: ${describeProgress(p)}`),
      });
      if (!view) return;
      Object.assign(this, { handle: view.handle, info: view.info, rescaled: [] });
      this.find('progress').textContent = `${view.info.parameter_count} parameters; λmax (the largest Hessian eigenvalue) at each end point.`;
      this.drawRuns();
      const alphas = view.info.rescale?.alphas ?? [1];
      const slider = this.find('alpha');
      slider.max = String(alphas.length - 1);
      const one = Math.max(0, alphas.indexOf(1));
      this.reference = await this.client.call('viewRescaled', { handle: view.handle, i: one });
      const restored = this.stateNumber('alpha', { min: 0, max: alphas.length - 1, integer: true });
      slider.value = String(restored ?? one);
      this.find('layer').textContent = String(view.info.rescale?.layer ?? 0);
      await this.rescale();
      this.setState('ready');
    } catch (error) {
      if (!(error instanceof Cancelled)) this.showError(error);
    }
  }

  linkState() { return { alpha: this.find('alpha').value }; }

  drawRuns() {
    const cards = this.info.runs.map((run, i) => {
      const card = document.createElement('div');
      card.className = 'run';
      card.style.borderLeftColor = COLORS[i];
      card.innerHTML = '<h3></h3><dl></dl>';
      card.querySelector('h3').textContent = run.label;
      card.dataset.run = run.name;
      setReadout(card.querySelector('dl'), [
        ['λmax (sharpness)', formatNumber(run.sharpness, 4)],
        ['training loss', formatNumber(run.loss, 4)],
        ['accuracy train / test', `${formatNumber(run.accuracy)} / ${formatNumber(run.test_accuracy)}`],
      ]);
      return card;
    });
    this.find('runs').replaceChildren(...cards);
    const [a, b] = this.info.runs;
    const flatter = a.sharpness < b.sharpness ? a : b, sharper = flatter === a ? b : a;
    const better = (flatter.test_accuracy ?? 0) > (sharper.test_accuracy ?? 0);
    const same = flatter.test_accuracy === sharper.test_accuracy;
    // Said from this run's numbers: one toy, one seed, not evidence either way.
    this.find('verdict').textContent = `Here ${flatter.label} ended at the flatter point (λmax ${formatNumber(flatter.sharpness)} against ${formatNumber(sharper.sharpness)})` +
      (same ? ' and both test the same.' : better ? ` and tests better (${formatNumber(flatter.test_accuracy)} against ${formatNumber(sharper.test_accuracy)}).` :
        ` yet tests worse (${formatNumber(flatter.test_accuracy)} against ${formatNumber(sharper.test_accuracy)}).`) +
      ' One toy and one seed: this is an illustration, not evidence that flatness predicts generalisation; and the rescaling below shows that λmax can be changed at will without changing the function.';
    const t = this.info.line.t;
    this.lineChart.setXRange(t[0], t.at(-1));
    this.lineChart.setSeries([{ name: 'line', color: LOSS_COLORS.training, points: t.map((v, i) => [v, this.info.line.loss[i]]) }]);
    this.lineChart.setMarker(null);
    this.lineChart.render();
  }

  async rescale() {
    if (!this.info) return;
    const i = Number(this.find('alpha').value);
    this.saveState();
    const reply = this.rescaled[i] ?? (this.rescaled[i] = await this.client.call('viewRescaled', { handle: this.handle, i }));
    if (Number(this.find('alpha').value) !== i) return;
    this.current = reply;
    this.find('alpha-value').textContent = `c = ${reply.alpha}`;
    this.publishData('alpha', String(reply.alpha));
    setReadout(this.find('readout'), [
      ['c', reply.alpha],
      ...this.info.runs.map((run, k) => [`λmax, ${run.label}`, `${formatNumber(reply.sharpness[k], 4)} (was ${formatNumber(run.sharpness, 4)})`]),
      ...this.info.runs.map((run, k) => [`loss, ${run.label}`, formatNumber(reply.loss[k], 6)]),
      ['largest change of any output', formatNumber(reply.max_output_change)],
    ]);
    requestDraw(this, () => {
      const s = reply.s;
      const series = (name, color, values, dash) => ({ name, color, dash, points: s.map((v, k) => [v, values[k]]) });
      this.sliceChart.setXRange(s[0], s.at(-1));
      this.sliceChart.setSeries([
        series('raw-1', LINE_COLORS.reference, this.reference.raw, '4 4'),
        series('raw', VARIANT_COLORS.raw, reply.raw),
        series('filter', VARIANT_COLORS.filter, reply.filter),
      ]);
      this.sliceChart.render();
    });
  }

  async csv() {
    if (!this.info) throw new Error('nothing computed yet');
    const rows = this.info.line.t.map((t, i) => ['line', t, this.info.line.loss[i]]);
    if (this.current) this.current.s.forEach((s, i) => rows.push([`raw alpha=${this.current.alpha}`, s, this.current.raw[i]], [`filter alpha=${this.current.alpha}`, s, this.current.filter[i]]));
    return toCsv(['series', 't_or_s', 'loss'], rows);
  }

  async scenario() { return this.scenarioText; }
}

defineWidget(SharpFlat);
