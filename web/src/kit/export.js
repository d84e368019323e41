// Why this file exists: every widget exports what it shows: the picture as PNG and as SVG (its
// canvases and SVG charts composed as laid out on screen, with a source line), the numbers behind it as CSV,
// and its scenario as JSON. Nothing leaves the page: files are made here and downloaded.
import { MARK_COLORS, PAPER } from './palettes.js';

// Rows of values -> CSV text (numbers written in full, shortest round-trip form).
export function toCsv(header, rows) {
  const cell = (v) => {
    if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
    const text = String(v ?? '');
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}

export function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(filename, text, type = 'text/plain') {
  download(filename, new Blob([text], { type: `${type};charset=utf-8` }));
}

// Presentation properties an SVG loses when serialised away from its stylesheet.
const SVG_STYLE = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'paint-order', 'visibility', 'display'];
const SVG = 'http://www.w3.org/2000/svg';
const SOURCE_LINE_HEIGHT = 22;

// A chart's SVG as a standalone copy: its computed presentation written onto each node.
function standaloneSvg(svg) {
  const clone = svg.cloneNode(true);
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((node, i) => {
    const style = getComputedStyle(node);
    // Through the CSSOM: a style attribute set as text would be refused by the page's CSP.
    for (const property of SVG_STYLE) target[i].style.setProperty(property, style.getPropertyValue(property));
  });
  return clone;
}

// Where text drawn in HTML sits (a chart's title, a legend's entry): the box of its characters,
// without the swatch its ::before draws.
function textBox(element) {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect();
}

// The figure as one SVG document, as laid out on screen: the charts, axes and colour bars
// (SVG) as vectors, each heatmap canvas as an embedded PNG, the charts' titles and legends
// (HTML on screen) as text and swatches, cropped to what it shows, on the widget's background,
// with a line naming its source below ("Loss Landscape Lab, scenario NAME, step N"), so that a
// figure pasted into a slide or a paper says where it comes from. Controls are left out.
// Returns the SVG text and its size in CSS pixels.
export function figureSvg(frame, root, { background = PAPER, source = '', ink = MARK_COLORS.ink } = {}) {
  const box = frame.getBoundingClientRect();
  const node = (name, attributes = {}) => {
    const element = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
    return element;
  };
  const pieces = []; // [svg node, its box relative to the frame]
  const place = (r) => ({ x: r.left - box.left, y: r.top - box.top, width: r.width, height: r.height });
  for (const element of root.querySelectorAll('canvas, svg')) {
    if (element.tagName.toLowerCase() === 'svg' && element.parentElement?.closest('svg')) continue; // nested svg
    const r = element.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    if (element.tagName.toLowerCase() === 'canvas') {
      // A heatmap's canvas holds one pixel per grid value: scaled as on screen.
      const image = node('image', { ...place(r), preserveAspectRatio: 'none', href: element.toDataURL('image/png') });
      image.style.setProperty('image-rendering', getComputedStyle(element).imageRendering);
      pieces.push([image, place(r)]);
    } else {
      // Clipped to its box or not, as on screen (axis labels reach a little past theirs; a
      // heatmap's overlay is clipped).
      const chart = standaloneSvg(element);
      for (const [key, value] of Object.entries({ ...place(r), overflow: getComputedStyle(element).overflow })) chart.setAttribute(key, value);
      pieces.push([chart, place(r)]);
    }
  }
  for (const element of root.querySelectorAll('.chart-title, .legend > span')) {
    const r = textBox(element);
    if (r.width < 1 || !element.textContent.trim()) continue;
    const style = getComputedStyle(element);
    const text = node('text', {
      x: r.left - box.left, y: r.top - box.top + 0.8 * r.height, fill: style.color,
      'font-size': style.fontSize, 'font-family': style.fontFamily, 'font-weight': style.fontWeight,
    });
    text.textContent = element.textContent;
    pieces.push([text, place(r)]);
    if (!element.matches('.legend > span')) continue;
    // The legend's swatch, as its ::before draws it: a line, a dashed line, a dot, a ring or a bar.
    const swatch = getComputedStyle(element, '::before');
    const colour = style.getPropertyValue('--swatch').trim();
    const width = parseFloat(swatch.width) || 14, height = parseFloat(swatch.height) || 3;
    const x = r.left - box.left - parseFloat(swatch.marginRight || '5') - width, y = r.top - box.top + r.height / 2;
    const kind = ['dot', 'hollow', 'dash', 'bar'].find((k) => element.classList.contains(k)) ?? 'line';
    const mark = kind === 'dot' ? node('circle', { cx: x + width / 2, cy: y, r: width / 2, fill: colour })
      : kind === 'hollow' ? node('circle', { cx: x + width / 2, cy: y, r: width / 2, fill: 'none', stroke: colour, 'stroke-width': 2 })
        : kind === 'dash' ? node('line', { x1: x, x2: x + width, y1: y, y2: y, stroke: colour, 'stroke-width': height, 'stroke-dasharray': '5 3' })
          : node('rect', { x, y: y - height / 2, width, height, fill: colour });
    pieces.push([mark, { x, y: y - height / 2, width, height }]);
  }
  // Cropped to the pieces, with a margin for labels that reach past their boxes.
  const margin = 12;
  const left = Math.min(...pieces.map(([, p]) => p.x), Infinity) - margin;
  const top = Math.min(...pieces.map(([, p]) => p.y), Infinity) - margin;
  const right = Math.max(...pieces.map(([, p]) => p.x + p.width), -Infinity) + margin;
  const bottom = Math.max(...pieces.map(([, p]) => p.y + p.height), -Infinity) + margin;
  const empty = !pieces.length;
  const width = empty ? 1 : Math.max(1, Math.ceil(right - left));
  const height = (empty ? 1 : Math.max(1, Math.ceil(bottom - top))) + (source ? SOURCE_LINE_HEIGHT : 0);
  const figure = node('svg', { xmlns: SVG, width, height, viewBox: `0 0 ${width} ${height}` });
  figure.append(node('rect', { width, height, fill: background }));
  const shown = node('g', { transform: empty ? '' : `translate(${(-left).toFixed(2)},${(-top).toFixed(2)})` });
  shown.append(...pieces.map(([piece]) => piece));
  figure.append(shown);
  if (source) {
    const line = node('text', { x: 8, y: height - 7, fill: ink, 'font-size': 12, 'font-family': 'sans-serif' });
    line.textContent = source;
    figure.append(line);
  }
  return { text: new XMLSerializer().serializeToString(figure), width, height };
}

// The figure (figureSvg) as a PNG at twice its CSS size.
export async function picture(frame, root, options = {}) {
  const { text, width, height } = figureSvg(frame, root, options);
  const image = await new Promise((resolve, reject) => {
    const svgImage = new Image();
    svgImage.onload = () => resolve(svgImage);
    svgImage.onerror = () => reject(new Error('the figure could not be drawn as an image'));
    svgImage.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = width * scale;
  canvas.height = height * scale;
  canvas.getContext('2d').drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
