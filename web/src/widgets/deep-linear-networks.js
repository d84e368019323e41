// Why this file exists: deep linear networks as one widget,
//   <lll-deep-linear-networks></lll-deep-linear-networks>
// The Hessian's eigenvalues as bars, for each listed scenario (default: the 2-3-1 and
// 2-3-3-1 linear networks on y = x1 + 2 x2, at the origin and trained): a strict saddle at
// the origin for one hidden layer, a zero Hessian for two (a saddle with no negative
// eigenvalue), and after training no negative eigenvalue, the zeros counting the flat
// directions of the set of global minima. Bars are coloured with the core's zero tolerance.
// Attributes: scenarios (comma-separated names). Controls (hide="..."): tools.
import { LabWidget, defineWidget } from '../kit/widget.js';
import { RemoteTraining } from '../kit/core-client.js';
import { RunLoop } from '../kit/run-loop.js';
import { loadScenarioByName } from '../kit/scenarios.js';
import { toCsv } from '../kit/export.js';
import { PointChart } from '../kit/chart.js';
import { SIGN_COLORS } from '../kit/palettes.js';

const DEFAULT_SCENARIOS = 'deep-linear-2-3-1-origin,deep-linear-2-3-1-trained,deep-linear-2-3-3-1-origin,deep-linear-2-3-3-1-trained';
const COLORS = SIGN_COLORS; // kit/palettes.js

export class DeepLinearNetworks extends LabWidget {
  static widgetName = 'deep-linear-networks';
  static controls = { tools: 'link and export buttons' };

  build(body) {
    body.innerHTML = `<div class="message" data-role="message"></div><div class="charts" data-role="charts"></div>`;
    this.loop = new RunLoop(this); // each scenario's training, one after the other
    this.setState('loading');
  }

  get names() { return (this.getAttribute('scenarios') ?? DEFAULT_SCENARIOS).split(',').map((s) => s.trim()).filter(Boolean); }

  async start() {
    this.spectra = {};
    const ticket = this.loop.replace();
    for (const name of this.names) {
      const run = await RemoteTraining.create(this.client, await loadScenarioByName(this, name));
      try {
        const trained = await this.loop.runToEnd(async () => (await run.advance(1e6)).status.state === 'running', { ticket, paced: false });
        if (!trained) return;
        const spectrum = await run.call('spectrum');
        this.spectra[name] = { title: run.info.description.split('. ')[0], spectrum };
        this.draw(name);
      } finally {
        run.dispose();
      }
    }
    this.setState('ready');
  }

  // Each eigenvalue in the colour of its sign as the core counts it (its zero-eigenvalue rule).
  draw(name) {
    const { title, spectrum } = this.spectra[name];
    const sign = (i) => ['negative', 'zero', 'positive'][spectrum.signs[i] + 1];
    const chart = new PointChart(this.find('charts'), {
      title,
      note: `${spectrum.negative} negative, ${spectrum.zero} zero, ${spectrum.positive} positive: ${spectrum.kind}`,
      yLabel: 'eigenvalue', xLabel: 'eigenvalues, ascending',
      legend: [
        { label: 'negative', color: COLORS.negative, kind: 'bar' },
        { label: 'zero (drawn as a ring)', color: COLORS.zero, kind: 'hollow' },
        { label: 'positive', color: COLORS.positive, kind: 'bar' },
      ],
    });
    chart.root.dataset.scenario = name;
    chart.setGroups(spectrum.eigenvalues.map((v, i) => ({
      label: String(i + 1),
      values: [sign(i) === 'zero'
        ? { name: 'zero', value: 0, color: COLORS.zero, hollow: true }
        : { name: sign(i), value: v, color: COLORS[sign(i)] }],
    })));
    chart.render();
  }

  async csv() {
    return toCsv(['scenario', 'i', 'eigenvalue', 'kind'], Object.entries(this.spectra ?? {}).flatMap(([name, { spectrum }]) =>
      spectrum.eigenvalues.map((v, i) => [name, i + 1, v, spectrum.kind])));
  }

  // One file per scenario shown: each runs as it is with `landscape hessian NAME.json`.
  async scenario() {
    return Promise.all(this.names.map(async (name) => ({ name, text: await loadScenarioByName(this, name) })));
  }
}

defineWidget(DeepLinearNetworks, 'deep-linear-networks');
