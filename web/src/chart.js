// Why this file exists: the experiment's small SVG charts (lines and dots over steps on a
// linear or log scale, bars per data point), drawn with d3 scales and axes. Each chart owns
// one <svg>; render() redraws it from plain arrays, so a snapshot draws in one pass.
import { select } from 'd3-selection';
import { scaleLinear, scaleLog, scaleBand } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { line } from 'd3-shape';
import { format } from 'd3-format';

const SVG = 'http://www.w3.org/2000/svg';
const MARGIN = { top: 10, right: 16, bottom: 38, left: 62 };

function frame(container, { title, note, width, height, legend }) {
  const root = document.createElement('figure');
  root.className = 'chart';
  root.style.margin = '0';
  root.innerHTML = `<h4></h4><p class="note"></p>`;
  root.querySelector('h4').textContent = title;
  root.querySelector('.note').textContent = note ?? '';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  root.append(svg);
  const legendRow = document.createElement('div');
  legendRow.className = 'legend';
  for (const item of legend ?? []) {
    const entry = document.createElement('span');
    entry.textContent = item.label;
    entry.className = item.kind ?? '';
    entry.style.setProperty('--swatch', item.color);
    legendRow.append(entry);
  }
  root.append(legendRow);
  container.append(root);
  return { root, svg: select(svg) };
}

const tick = format('~g');
const logTick = (v) => {
  const exponent = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - exponent) < 1e-9 ? `1e${exponent}` : '';
};

// Series over steps. Each series: {name, color, dash?, dots?, points: [[step, value, sign?]]}.
export class StepChart {
  constructor(container, { title, note, yLabel, log = false, floor = 1e-32, legend, width = 560, height = 250 }) {
    Object.assign(this, { yLabel, log, floor, width, height });
    ({ root: this.root, svg: this.svg } = frame(container, { title, note, width, height, legend }));
    this.noteElement = this.root.querySelector('.note');
    this.series = [];
    this.marker = null;
    this.maxStep = 1;
  }
  setNote(text) { this.noteElement.textContent = text; }
  setSeries(series) { this.series = series; }
  setMarker(step, label) { this.marker = step == null ? null : { step, label }; }
  setMaxStep(step) { this.maxStep = Math.max(1, step); }

  render() {
    const { width, height, log, floor } = this;
    const svg = this.svg;
    svg.selectAll('*').remove();
    const values = this.series.flatMap((s) => s.points.map((p) => (log ? Math.max(p[1], floor) : p[1])));
    const finite = values.filter(Number.isFinite);
    let lo = finite.length ? Math.min(...finite) : (log ? 1e-3 : 0);
    let hi = finite.length ? Math.max(...finite) : 1;
    if (log) {
      lo = 10 ** Math.floor(Math.log10(lo));
      hi = 10 ** Math.ceil(Math.log10(hi));
      if (hi <= lo) hi = lo * 10;
    } else if (hi <= lo) {
      hi = lo + 1;
    }
    const x = scaleLinear().domain([0, this.maxStep]).range([MARGIN.left, width - MARGIN.right]);
    const y = (log ? scaleLog() : scaleLinear()).domain([lo, hi]).range([height - MARGIN.bottom, MARGIN.top]);
    if (!log) y.nice();
    const yAxis = axisLeft(y).tickSizeOuter(0);
    if (log) {
      // At most about six decades labelled, counted down from the top so 1e0 stays on the axis.
      const decades = Math.round(Math.log10(hi / lo));
      const every = Math.max(1, Math.ceil(decades / 6));
      yAxis.tickValues(Array.from({ length: Math.floor(decades / every) + 1 }, (_, i) => hi / 10 ** (i * every))).tickFormat(logTick);
    } else {
      yAxis.ticks(5).tickFormat(tick);
    }
    svg.append('g').attr('class', 'grid').attr('transform', `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).tickValues(yAxis.tickValues() ?? y.ticks(5)).tickSize(-(width - MARGIN.left - MARGIN.right)).tickFormat(''))
      .call((g) => g.select('.domain').remove());
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).ticks(6).tickFormat(tick));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},0)`).call(yAxis);
    svg.append('text').attr('class', 'axis-label').attr('x', width - MARGIN.right).attr('y', height - 4)
      .attr('text-anchor', 'end').text('step');
    svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${MARGIN.top}) rotate(-90)`)
      .attr('text-anchor', 'end').text(this.yLabel);
    if (this.marker) {
      const mx = x(this.marker.step);
      svg.append('line').attr('class', 'switch-on').attr('x1', mx).attr('x2', mx)
        .attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
      svg.append('text').attr('class', 'switch-on-label').attr('x', mx + 4).attr('y', height - MARGIN.bottom - 6)
        .text(this.marker.label);
    }
    for (const s of this.series) {
      const points = s.points.filter((p) => Number.isFinite(p[1]) && (!log || p[1] > 0));
      const clamp = (v) => (log ? Math.max(v, floor) : v);
      const path = svg.append('path').attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 2)
        .attr('data-series', s.name)
        .attr('d', line().x((p) => x(p[0])).y((p) => y(clamp(p[1])))(points) ?? '');
      if (s.dash) path.attr('stroke-dasharray', s.dash);
      if (s.dots) {
        path.attr('stroke', '#c4c9d4').attr('stroke-width', 1);
        svg.append('g').attr('data-series-dots', s.name).selectAll('circle').data(points).join('circle')
          .attr('cx', (p) => x(p[0])).attr('cy', (p) => y(clamp(p[1]))).attr('r', 2.2)
          .attr('fill', (p) => s.dots(p));
      }
    }
  }
}

// Bars per data point: groups of {label, values: [{name, value, color, hollow?}]}.
export class PointChart {
  constructor(container, { title, note, yLabel, legend, width = 560, height = 250 }) {
    Object.assign(this, { yLabel, width, height });
    ({ root: this.root, svg: this.svg } = frame(container, { title, note, width, height, legend }));
    this.groups = [];
  }
  setGroups(groups) { this.groups = groups; }

  render() {
    const { width, height, groups } = this;
    const svg = this.svg;
    svg.selectAll('*').remove();
    const all = groups.flatMap((g) => g.values.map((v) => v.value)).filter(Number.isFinite);
    const lo = Math.min(0, ...all), hi = Math.max(0.1, ...all);
    const x = scaleBand().domain(groups.map((g) => g.label)).range([MARGIN.left, width - MARGIN.right]).padding(0.3);
    const y = scaleLinear().domain([lo, hi]).nice().range([height - MARGIN.bottom, MARGIN.top]);
    svg.append('g').attr('class', 'grid').attr('transform', `translate(${MARGIN.left},0)`)
      .call(axisLeft(y).ticks(5).tickSize(-(width - MARGIN.left - MARGIN.right)).tickFormat(''))
      .call((g) => g.select('.domain').remove());
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${y(0)})`).call(axisBottom(x).tickSize(0).tickFormat(''));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickSize(0)).call((g) => g.select('.domain').remove());
    svg.append('g').attr('class', 'axis').attr('transform', `translate(${MARGIN.left},0)`).call(axisLeft(y).ticks(5).tickFormat(tick));
    svg.append('text').attr('class', 'axis-label').attr('x', width - MARGIN.right).attr('y', height - 4)
      .attr('text-anchor', 'end').text('training point x_i');
    svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${MARGIN.top}) rotate(-90)`)
      .attr('text-anchor', 'end').text(this.yLabel);
    for (const group of groups) {
      const bars = group.values.filter((v) => !v.hollow);
      const band = x.bandwidth() / Math.max(1, bars.length);
      bars.forEach((v, i) => {
        const top = y(Math.max(0, v.value)), bottom = y(Math.min(0, v.value));
        svg.append('rect').attr('x', x(group.label) + i * band).attr('width', band * 0.9)
          .attr('y', top).attr('height', Math.max(0.5, bottom - top)).attr('fill', v.color)
          .attr('data-value', v.value).attr('data-name', v.name);
      });
      for (const v of group.values.filter((value) => value.hollow)) {
        svg.append('circle').attr('cx', x(group.label) + x.bandwidth() / 2).attr('cy', y(v.value)).attr('r', 5)
          .attr('fill', 'none').attr('stroke', v.color).attr('stroke-width', 2).attr('data-value', v.value).attr('data-name', v.name);
      }
    }
  }
}
