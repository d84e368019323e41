// Why this file exists: the experiment's small SVG charts (lines and dots over steps on a
// linear or log scale, bars per data point), drawn with d3 scales and axes. Each chart owns
// one <svg>; render() redraws it from plain arrays, so a snapshot draws in one pass. The
// drawing width follows the chart's box (a ResizeObserver), so text keeps its size in px on
// any screen instead of shrinking with a scaled viewBox.
import { select } from 'd3-selection';
import { scaleLinear, scaleLog, scaleBand, scaleSymlog } from 'd3-scale';
import { axisBottom, axisLeft } from 'd3-axis';
import { line } from 'd3-shape';
import { format } from 'd3-format';
import { formatNumber } from './format.js';
import { tickLabel } from './plot-frame.js';
import { LINE_COLORS, MARK_COLORS } from './palettes.js';

const SVG = 'http://www.w3.org/2000/svg';
// The bottom margin holds the x tick labels and, below them and clear of them in both browsers'
// font metrics, the x axis's name.
const MARGIN = { top: 10, right: 26, bottom: 44 };
const MIN_WIDTH = 260;
const DESCRIBE_EVERY_MS = 1000;
let charts = 0; // ids of the charts' descriptions (unique in the page, so in any shadow root)

// A count of steps as prose reads it: 14,000. Grouped by hand: the page's first
// toLocaleString loads the locale's data, a task of some 50 ms on the page's thread.
const count = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
// A series' course in words: "fell from 0.575 to 2.80e-28 in 14,000 steps".
function course(points, xLabel) {
  const first = points[0], last = points.at(-1);
  const a = formatNumber(first[1]), b = formatNumber(last[1]);
  const over = ['step', 'epoch'].includes(xLabel) ? `in ${count(last[0] - first[0])} ${xLabel}${last[0] - first[0] === 1 ? '' : 's'}`
    : `from ${xLabel} = ${formatNumber(first[0])} to ${formatNumber(last[0])}`;
  if (points.length === 1) return `${a} at ${xLabel} ${formatNumber(first[0])}`;
  if (a === b) return `stayed at ${a} ${over}`;
  return `${last[1] < first[1] ? 'fell' : 'rose'} from ${a} to ${b} ${over}`;
}

export const tick = format('~g');
// A log axis names its powers of ten as a reader writes them, 10⁰, 10⁻¹, 10⁻² (superscript
// digits: plain text, kept as they are by the SVG export), and leaves the ticks between blank.
const logTick = (v) => {
  const exponent = Math.round(Math.log10(v));
  return Math.abs(Math.log10(v) - exponent) < 1e-9 ? tickLabel(10 ** exponent, true) : '';
};
// The powers of ten inside a log scale's domain.
const powersOfTen = ([lo, hi]) => {
  const powers = [];
  for (let k = Math.ceil(Math.log10(lo) - 1e-9); k <= Math.floor(Math.log10(hi) + 1e-9); k++) powers.push(10 ** k);
  return powers;
};

// Width in px of a tick label (13 px, the axis font of widgets.css): canvas text metrics need
// no layout of the page.
let metrics = null;
function textWidth(text) {
  metrics ??= document.createElement('canvas').getContext('2d');
  metrics.font = '13px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  return metrics.measureText(text).width;
}

// An x axis's tick labels never collide: with the y axis's labels at the lower left corner
// (the first label, centred on the plot's left edge, starts there instead) nor with one
// another (walking left to right, a label that would touch the last one kept is left out; its
// tick stays). Widths from textWidth: no layout of the page.
function separateXLabels(group, left) {
  let edge = -Infinity;
  group.selectAll('.tick').each(function () {
    const text = this.querySelector('text');
    if (!text?.textContent) return;
    const at = Number(this.getAttribute('transform').match(/translate\(([-\d.e]+)/)[1]);
    const width = textWidth(text.textContent);
    let from = at - width / 2;
    if (from < left - 2) {
      text.setAttribute('text-anchor', 'start');
      text.setAttribute('x', left - at);
      from = left;
    }
    if (from < edge + 6) text.remove();
    else edge = from + width;
  });
}

// A figure with a title row, a note, an <svg> and a legend. legend: [{label, color, kind?}],
// kind '' (line), 'dash', 'dot', 'bar' or 'hollow'.
class Chart {
  constructor(container, { title, note, legend, height = 250 }) {
    this.height = height;
    this.width = 560;
    const root = (this.root = document.createElement('figure'));
    root.className = 'chart';
    // The title is the figure's caption, not a heading: a widget cannot know the heading
    // levels of the page it is placed in.
    root.innerHTML = '<div class="chart-head"><figcaption class="chart-title"></figcaption></div><p class="note"></p>';
    root.querySelector('figcaption').textContent = title;
    this.title = title;
    this.head = root.querySelector('.chart-head');
    this.noteElement = root.querySelector('.note');
    this.noteElement.textContent = note ?? '';
    const svg = document.createElementNS(SVG, 'svg');
    // Its height from the start: an svg without one is 150 px tall until the first render sizes
    // it, and the page below a widget would move down as each chart draws.
    svg.setAttribute('height', String(height));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', title);
    root.append(svg);
    // The text alternative: the svg's name is the title; what the chart shows now is its
    // description, a hidden paragraph of the figure.
    this.description = '';
    this.facts = '';
    this.descriptionElement = document.createElement('p');
    this.descriptionElement.className = 'visually-hidden';
    this.descriptionElement.dataset.role = 'chart-description';
    this.descriptionElement.id = `lll-chart-description-${++charts}`;
    svg.setAttribute('aria-describedby', this.descriptionElement.id);
    root.append(this.descriptionElement);
    this.svg = select(svg);
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
    // The box's width, kept from the observer: reading clientWidth in render() would force a
    // layout per chart per frame (with several widgets, most of the page's main-thread time).
    this.boxWidth = 0;
    this.observer = new ResizeObserver((entries) => {
      this.boxWidth = Math.round(entries.at(-1).contentRect.width);
      if (this.rendered && this.measure() !== this.width) this.render();
    });
    this.observer.observe(root);
  }

  setNote(text) { this.noteElement.textContent = text; }

  // Facts the widget knows from the core ("at a global minimum"), added to the description.
  setFacts(text) {
    this.facts = text ?? '';
    this.describeSoon();
  }

  // The svg's text alternative, rewritten at most once a second while the chart redraws
  // (a screen reader reading it should not see it change under its cursor every frame), and
  // once more after the last redraw so it ends on what is shown.
  describeSoon() {
    const now = performance.now();
    clearTimeout(this.describeTimer);
    if (now - (this.describedAt ?? -Infinity) >= DESCRIBE_EVERY_MS) this.describeNow();
    else {
      // Held weakly: a chart removed with its widget within the second is not kept alive by
      // its pending description (the widget's whole shadow tree would be).
      const chart = new WeakRef(this);
      this.describeTimer = setTimeout(() => chart.deref()?.describeNow(), DESCRIBE_EVERY_MS);
    }
  }

  describeNow() {
    this.describedAt = performance.now();
    const parts = [this.describeData(), this.facts].filter(Boolean);
    this.description = parts.join('; ');
    this.descriptionElement.textContent = this.description;
  }

  describeData() { return ''; }
  setHidden(hidden) { this.root.hidden = hidden; }

  measure() {
    const width = this.boxWidth || Math.round(this.root.clientWidth);
    return width > 0 ? Math.max(MIN_WIDTH, width) : this.width;
  }

  // Clears the svg and sizes it to the box; returns the svg selection.
  begin() {
    this.rendered = true;
    this.width = this.measure();
    this.svg.attr('viewBox', `0 0 ${this.width} ${this.height}`).attr('width', this.width).attr('height', this.height);
    this.svg.selectAll('*').remove();
    return this.svg;
  }

  axisLabels(xLabel, yLabel) {
    this.svg.append('text').attr('class', 'axis-label').attr('x', this.width - MARGIN.right).attr('y', this.height - 3)
      .attr('text-anchor', 'end').text(xLabel);
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(13,${MARGIN.top}) rotate(-90)`)
      .attr('text-anchor', 'end').text(yLabel);
  }

  // Draws the y axis, then moves it right far enough for its widest label and the axis
  // title; returns the left edge of the plot area. Grid lines go beneath everything.
  yAxisAt(y, axis, gridValues) {
    const group = this.svg.append('g').attr('class', 'axis').call(axis);
    // The widest tick label, measured on a canvas (getBBox would force a layout each render).
    const labels = Math.max(0, ...group.selectAll('text').nodes().map((node) => textWidth(node.textContent)));
    // Room for the rotated axis title (x 0 to 17) and a gap: the canvas measure and the SVG text
    // may differ by a few px between browsers' fonts.
    const left = Math.max(56, Math.ceil(labels) + 30);
    group.attr('transform', `translate(${left},0)`);
    this.svg.insert('g', ':first-child').attr('class', 'grid').attr('transform', `translate(${left},0)`)
      .call(axisLeft(y).tickValues(gridValues).tickSize(-(this.width - left - MARGIN.right)).tickFormat(''))
      .call((g) => g.select('.domain').remove());
    return left;
  }
}

// Series over steps. Each series: {name, color, dash?, dots?, points: [[step, value, ...]]};
// dots(point) gives a dot's colour (drawn over a thin grey line). In log mode, values are
// clamped below at `floor` and non-positive values are not drawn.
export class StepChart extends Chart {
  constructor(container, { title, note, yLabel, xLabel = 'step', log = false, floor = 1e-300, legend, height, scaleToggle = false,
    includeZero = true, hover = false }) {
    super(container, { title, note, legend, height });
    Object.assign(this, { yLabel, xLabel, log, floor, includeZero, hover, series: [], marker: null, maxStep: 1 });
    if (scaleToggle) {
      const label = document.createElement('label');
      label.className = 'scale-toggle';
      label.innerHTML = '<input type="checkbox"> log scale';
      const box = label.querySelector('input');
      box.checked = log;
      box.dataset.role = 'log-scale';
      box.addEventListener('change', () => {
        this.log = box.checked;
        this.render();
      });
      this.head.append(label);
    }
  }
  setSeries(series) { this.series = series; }
  setMarker(step, label) { this.marker = step == null ? null : { step, label }; }
  setMaxStep(step) { this.maxStep = Math.max(1, step); }
  // An x axis that does not start at 0 (a line's parameter t from -0.5, say).
  setXRange(lo, hi) { this.minStep = lo; this.maxStep = hi; }

  render() {
    const svg = this.begin();
    const { width, height, log, floor } = this;
    const shown = (v) => Number.isFinite(v) && (!log || v > 0);
    const clamp = (v) => (log ? Math.max(v, floor) : v);
    const values = this.series.flatMap((s) => s.points.map((p) => p[1]).filter(shown).map(clamp));
    let lo = values.length ? Math.min(...values) : (log ? 1e-3 : 0);
    let hi = values.length ? Math.max(...values) : 1;
    if (log) {
      lo = 10 ** Math.floor(Math.log10(lo));
      hi = 10 ** Math.ceil(Math.log10(hi));
      if (hi <= lo) hi = lo * 10;
    } else {
      if (this.includeZero) lo = Math.min(0, lo);
      if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
        lo -= 0.5;
        hi += 0.5;
      }
    }
    const y = (log ? scaleLog() : scaleLinear()).domain([lo, hi]).range([height - MARGIN.bottom, MARGIN.top]);
    const yAxis = axisLeft(y).tickSizeOuter(0);
    let yTicks;
    if (log) {
      // At most about six decades labelled, counted down from the top so 1e0 stays on the axis.
      const decades = Math.round(Math.log10(hi / lo));
      const every = Math.max(1, Math.ceil(decades / 6));
      yTicks = Array.from({ length: Math.floor(decades / every) + 1 }, (_, i) => hi / 10 ** (i * every));
      yAxis.tickValues(yTicks).tickFormat(logTick);
    } else {
      y.nice(5);
      yTicks = y.ticks(5);
      yAxis.tickValues(yTicks).tickFormat(tick);
    }
    const left = this.yAxisAt(y, yAxis, yTicks);
    const x = scaleLinear().domain([this.minStep ?? 0, this.maxStep]).range([left, width - MARGIN.right]);
    const xTicks = Math.max(2, Math.min(7, Math.floor((width - left - MARGIN.right) / 70)));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).ticks(xTicks).tickFormat(tick)).call((g) => separateXLabels(g, x.range()[0]));
    this.axisLabels(this.xLabel, this.yLabel + (log ? ' (log scale)' : ''));
    if (this.marker) {
      const mx = x(this.marker.step);
      svg.append('line').attr('class', 'switch-on').attr('x1', mx).attr('x2', mx)
        .attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom);
      svg.append('text').attr('class', 'switch-on-label').attr('x', mx + 4).attr('y', height - MARGIN.bottom - 6)
        .text(this.marker.label);
    }
    for (const s of this.series) {
      const points = s.points.filter((p) => shown(p[1]));
      const path = svg.append('path').attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', s.width ?? 2)
        .attr('data-series', s.name)
        .attr('d', line().x((p) => x(p[0])).y((p) => y(clamp(p[1])))(points) ?? '');
      if (s.dash) path.attr('stroke-dasharray', s.dash);
      if (s.dots) {
        path.attr('stroke', LINE_COLORS.dotted).attr('stroke-width', 1);
        svg.append('g').attr('data-series-dots', s.name).selectAll('circle').data(points).join('circle')
          .attr('cx', (p) => x(p[0])).attr('cy', (p) => y(clamp(p[1]))).attr('r', 2.2)
          .attr('fill', (p) => s.dots(p));
      }
    }
    if (this.hover) this.addHover(x, left);
    this.describeSoon();
  }

  // Each drawn series' course (its label, or its name), the first four of them.
  describeData() {
    const drawn = this.series.map((s) => ({ s, points: s.points.filter((p) => Number.isFinite(p[1])) })).filter((d) => d.points.length);
    if (!drawn.length) return 'nothing drawn yet';
    const lines = drawn.slice(0, 4).map(({ s, points }) => `${s.label ?? s.name} ${course(points, this.xLabel)}`);
    if (drawn.length > 4) lines.push(`and ${drawn.length - 4} more series`);
    return lines.join('; ');
  }

  // Exact values under the pointer: a rule at the nearest logged step and each series' value.
  addHover(x, left) {
    const { height, width } = this;
    const rule = this.svg.append('line').attr('class', 'hover-rule').attr('y1', MARGIN.top).attr('y2', height - MARGIN.bottom).attr('visibility', 'hidden');
    const label = this.svg.append('text').attr('class', 'hover-label').attr('y', MARGIN.top + 12).attr('visibility', 'hidden');
    this.svg.append('rect').attr('class', 'hover-area').attr('x', left).attr('y', MARGIN.top)
      .attr('width', Math.max(0, width - MARGIN.right - left)).attr('height', Math.max(0, height - MARGIN.bottom - MARGIN.top))
      .attr('fill', 'transparent')
      .on('mousemove', (event) => {
        const [mx] = [event.offsetX];
        const step = x.invert(mx);
        const parts = [];
        let at = null;
        for (const s of this.series) {
          if (!s.points.length) continue;
          let best = s.points[0];
          for (const p of s.points) if (Math.abs(p[0] - step) < Math.abs(best[0] - step)) best = p;
          at ??= best[0];
          parts.push(`${s.name} ${format('.4~g')(best[1])}`);
        }
        if (at == null) return;
        const px = x(at);
        rule.attr('x1', px).attr('x2', px).attr('visibility', 'visible');
        label.text(`${this.xLabel} ${format('~g')(Number(at.toPrecision(6)))}: ${parts.join(', ')}`)
          .attr('x', px > (left + width) / 2 ? px - 6 : px + 6).attr('text-anchor', px > (left + width) / 2 ? 'end' : 'start')
          .attr('visibility', 'visible');
        this.hoverText = label.text();
      })
      .on('mouseleave', () => { rule.attr('visibility', 'hidden'); label.attr('visibility', 'hidden'); });
  }
}

// Values per data point: groups of {label, values: [{name, value, color, slot, hollow?}]}.
// Bars (hollow: false) and rings (hollow: true) with the same slot share a position in the
// group, so a ring marks the target for its bar.
export class PointChart extends Chart {
  constructor(container, { title, note, yLabel, xLabel, legend, height }) {
    super(container, { title, note, legend, height });
    Object.assign(this, { yLabel, xLabel, groups: [] });
  }
  setGroups(groups) { this.groups = groups; }

  render() {
    const svg = this.begin();
    const { width, height, groups } = this;
    const all = groups.flatMap((g) => g.values.map((v) => v.value)).filter(Number.isFinite);
    // Round-off (|v| < 1e-6) does not stretch the axis below zero.
    const lo = Math.min(0, ...all.filter((v) => v < -1e-6)), hi = Math.max(0.1, ...all);
    const y = scaleLinear().domain([lo, hi]).nice(5).range([height - MARGIN.bottom, MARGIN.top]);
    const left = this.yAxisAt(y, axisLeft(y).ticks(5).tickFormat(tick), y.ticks(5));
    const x = scaleBand().domain(groups.map((g) => g.label)).range([left, width - MARGIN.right]).padding(0.3);
    svg.append('g').attr('class', 'axis zero').attr('transform', `translate(0,${y(0)})`).call(axisBottom(x).tickSize(0).tickFormat(''));
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickSize(0).tickPadding(8)).call((g) => g.select('.domain').remove()).call((g) => separateXLabels(g, x.range()[0]));
    this.axisLabels(this.xLabel, this.yLabel);
    for (const group of groups) {
      const slots = Math.max(1, ...group.values.map((v) => (v.slot ?? 0) + 1));
      const band = x.bandwidth() / slots;
      for (const v of group.values) {
        if (!Number.isFinite(v.value)) continue;
        const slotLeft = x(group.label) + (v.slot ?? 0) * band;
        if (v.hollow) {
          svg.append('circle').attr('cx', slotLeft + band * 0.45).attr('cy', y(v.value)).attr('r', 5)
            .attr('fill', 'none').attr('stroke', v.color).attr('stroke-width', 2)
            .attr('data-value', v.value).attr('data-name', v.name).attr('data-output', v.slot ?? 0);
        } else {
          const top = y(Math.max(0, v.value)), bottom = y(Math.min(0, v.value));
          svg.append('rect').attr('x', slotLeft).attr('width', band * 0.9)
            .attr('y', top).attr('height', Math.max(0.5, bottom - top)).attr('fill', v.color)
            .attr('data-value', v.value).attr('data-name', v.name).attr('data-output', v.slot ?? 0);
        }
      }
    }
    // Rings above bars: draw order puts them last.
    svg.selectAll('circle').raise();
    this.describeSoon();
  }

  // Per kind of value (bars, rings): its range over the points.
  describeData() {
    const kinds = new Map();
    for (const group of this.groups) for (const v of group.values) {
      if (!Number.isFinite(v.value)) continue;
      const key = v.label ?? v.name;
      const k = kinds.get(key) ?? { lo: Infinity, hi: -Infinity };
      kinds.set(key, { lo: Math.min(k.lo, v.value), hi: Math.max(k.hi, v.value) });
    }
    if (!kinds.size) return 'nothing drawn yet';
    return `${this.groups.length} groups along ${this.xLabel ?? 'the x axis'}; ${[...kinds].map(([name, { lo, hi }]) =>
      (lo === hi ? `${name} ${formatNumber(lo)}` : `${name} from ${formatNumber(lo)} to ${formatNumber(hi)}`)).join('; ')}`;
  }
}

// Points in the plane: {x, y, color, name, count?, title?}; x on a linear or log scale, y
// linear, both fitted to the points. A point standing for `count` coincident ones is drawn
// larger (area grows with the count).
export class ScatterChart extends Chart {
  constructor(container, { title, note, xLabel, yLabel, legend, height = 300, xLog = false }) {
    super(container, { title, note, legend, height });
    Object.assign(this, { xLabel, yLabel, xLog, points: [] });
  }
  setPoints(points) { this.points = points; }

  render() {
    const svg = this.begin();
    const { width, height, points } = this;
    const xs = points.map((p) => p.x).filter((v) => Number.isFinite(v) && (!this.xLog || v > 0)), ys = points.map((p) => p.y);
    let x;
    if (this.xLog) {
      const lo = xs.length ? Math.min(...xs) : 1e-3, hi = xs.length ? Math.max(...xs) : 1;
      x = scaleLog().domain([10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi) + 1e-9)]);
    } else {
      x = scaleLinear().domain([Math.min(0, ...xs), Math.max(1e-3, ...xs)]).nice();
    }
    const y = scaleLinear().domain([0, Math.max(0.1, ...ys)]).nice().range([height - MARGIN.bottom, MARGIN.top]);
    const yAxis = axisLeft(y).ticks(5).tickFormat(tick);
    const left = this.yAxisAt(y, yAxis, y.ticks(5));
    x.range([left, width - MARGIN.right]);
    const xAxis = this.xLog ? axisBottom(x).tickValues(powersOfTen(x.domain())).tickFormat(logTick) : axisBottom(x).ticks(6).tickFormat(tick);
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`).call(xAxis).call((g) => separateXLabels(g, x.range()[0]));
    this.axisLabels(this.xLabel + (this.xLog ? ' (log scale)' : ''), this.yLabel);
    svg.append('g').selectAll('circle').data(points.filter((p) => !this.xLog || p.x > 0)).join('circle')
      .attr('cx', (p) => x(p.x)).attr('cy', (p) => y(p.y)).attr('r', (p) => 5 * Math.sqrt(p.count ?? 1))
      .attr('fill', (p) => p.color).attr('fill-opacity', 0.75).attr('stroke', MARK_COLORS.halo)
      .attr('data-name', (p) => p.name).attr('data-count', (p) => p.count ?? 1)
      .append('title').text((p) => p.title ?? p.name);
    this.describeSoon();
  }

  // How many points of each kind (their names), and where the lowest lies.
  describeData() {
    const points = this.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (!points.length) return 'no points yet';
    const kinds = new Map();
    for (const p of points) kinds.set(p.name, (kinds.get(p.name) ?? 0) + (p.count ?? 1));
    const lowest = points.reduce((a, b) => (b.y < a.y ? b : a));
    return `${[...kinds].map(([name, n]) => `${n} ${name}`).join(', ')}; ${this.xLabel} from ${formatNumber(Math.min(...points.map((p) => p.x)))} to ${formatNumber(Math.max(...points.map((p) => p.x)))}; lowest ${this.yLabel} ${formatNumber(lowest.y)} (${lowest.name}, ${this.xLabel} ${formatNumber(lowest.x)})`;
  }
}

// A histogram of eigenvalues on a symmetric log axis (sign kept, magnitudes from `floor` to
// the largest seen spread evenly), so the few large eigenvalues and the many near zero are
// both readable. Zeros (the core's sign 0 of each eigenvalue: its zero-eigenvalue rule,
// spectrum_json's "signs") get their own grey bar at 0; bins
// left of 0 are negative (red), right of it positive (blue). The axis only grows during a
// run, so bars do not jump when the extremes shrink.
export class HistogramChart extends Chart {
  constructor(container, { title, note, colors, bins = 16, height = 250 }) {
    super(container, {
      title, note, height,
      legend: [
        { label: 'negative', color: colors.negative, kind: 'bar' },
        { label: 'zero', color: colors.zero, kind: 'bar' },
        { label: 'positive', color: colors.positive, kind: 'bar' },
      ],
    });
    Object.assign(this, { colors, bins, values: [], signs: [], reach: 0 });
  }
  // values and the core's signs of them (-1, 0, +1), in the same order.
  setValues(values, signs) {
    const kept = values.map((v, i) => i).filter((i) => Number.isFinite(values[i]));
    this.values = kept.map((i) => values[i]);
    this.signs = kept.map((i) => signs[i]);
    this.reach = Math.max(this.reach, ...this.values.map(Math.abs));
  }
  resetScale() { this.reach = 0; }

  // Counts per bin: {lo, hi, count, sign}. Each side has `bins` bins between floor and reach
  // on a log scale; the zero bin sits between them.
  histogram() {
    const reach = Math.max(this.reach, 1e-300);
    const floor = reach * 1e-6;
    const edges = Array.from({ length: this.bins + 1 }, (_, i) => floor * (reach / floor) ** (i / this.bins));
    const side = (sign) => edges.slice(0, -1).map((lo, i) => ({ lo, hi: edges[i + 1], count: 0, sign }));
    const negative = side('negative'), positive = side('positive');
    const zero = { lo: 0, hi: 0, count: 0, sign: 'zero' };
    for (const [k, v] of this.values.entries()) {
      if (this.signs[k] === 0) { zero.count++; continue; }
      const bins = v < 0 ? negative : positive;
      const magnitude = Math.min(Math.max(Math.abs(v), floor), reach);
      const bin = Math.min(this.bins - 1, Math.max(0, Math.floor(Math.log(magnitude / floor) / Math.log(reach / floor) * this.bins)));
      bins[bin].count++;
    }
    return { negative, zero, positive, floor, reach };
  }

  render() {
    const svg = this.begin();
    const { width, height } = this;
    const { negative, zero, positive, floor, reach } = this.histogram();
    const counts = [...negative, zero, ...positive].map((b) => b.count);
    const y = scaleLinear().domain([0, Math.max(1, ...counts)]).nice(4).range([height - MARGIN.bottom, MARGIN.top]);
    const left = this.yAxisAt(y, axisLeft(y).ticks(4).tickFormat(format('d')), y.ticks(4).filter(Number.isInteger));
    // Bin i of a side spans [i, i + 1] units out from the zero bar (one unit wide itself).
    const x = scaleLinear().domain([-this.bins - 0.5, this.bins + 0.5]).range([left, width - MARGIN.right]);
    const unit = (x(1) - x(0));
    const bar = (center, bin) => {
      if (!bin.count) return;
      svg.append('rect').attr('x', x(center - 0.5) + 0.5).attr('width', Math.max(1, unit - 1))
        .attr('y', y(bin.count)).attr('height', y(0) - y(bin.count)).attr('fill', this.colors[bin.sign])
        .attr('data-sign', bin.sign).attr('data-count', bin.count)
        .append('title').text(bin.sign === 'zero' ? `${bin.count} zero eigenvalue(s)`
          : `${bin.count} eigenvalue(s) with ${bin.sign === 'negative' ? '−' : ''}${tick(bin.lo)} ≤ |λ| < ${tick(bin.hi)}`);
    };
    negative.forEach((bin, i) => bar(-(i + 1), bin));
    positive.forEach((bin, i) => bar(i + 1, bin));
    bar(0, zero);
    // Ticks at whole decades of |lambda| on both sides, and 0.
    const position = (magnitude) => 0.5 + Math.log(magnitude / floor) / Math.log(reach / floor) * this.bins;
    const decades = [];
    for (let e = Math.ceil(Math.log10(floor)); 10 ** e <= reach * (1 + 1e-12); e++) decades.push(10 ** e);
    const every = Math.max(1, Math.ceil(decades.length / Math.max(1, Math.floor((width - left) / 2 / 70))));
    const shown = decades.filter((_, i) => (decades.length - 1 - i) % every === 0);
    const ticks = [...shown.map((d) => ({ at: -position(d), label: `−${logLabel(d)}` })), { at: 0, label: '0' },
      ...shown.map((d) => ({ at: position(d), label: logLabel(d) }))];
    svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${height - MARGIN.bottom})`)
      .call(axisBottom(x).tickValues(ticks.map((t) => t.at)).tickFormat((_, i) => ticks[i].label)).call((g) => separateXLabels(g, x.range()[0]));
    this.axisLabels('eigenvalue λ (log scale of |λ| on each side of 0)', 'count');
    this.describeSoon();
  }

  // The bars' counts by sign, and the extremes.
  describeData() {
    if (!this.values.length) return 'no eigenvalues yet';
    const { negative, zero, positive } = this.histogram();
    const sum = (bins) => bins.reduce((n, b) => n + b.count, 0);
    return `${this.values.length} eigenvalues: ${sum(negative)} negative, ${zero.count} zero, ${sum(positive)} positive; from ${formatNumber(Math.min(...this.values))} to ${formatNumber(Math.max(...this.values))}`;
  }
}

function logLabel(v) {
  const exponent = Math.round(Math.log10(v));
  return exponent >= -2 && exponent <= 2 ? tick(10 ** exponent) : tickLabel(10 ** exponent, true);
}
