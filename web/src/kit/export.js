// Why this file exists: every widget exports what it shows: the picture as PNG (its
// canvases and SVG charts composed as laid out on screen), the numbers behind it as CSV,
// and its scenario as JSON. Nothing leaves the page: files are made here and downloaded.
import { PAPER } from './palettes.js';

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

function svgImage(svg, width, height) {
  const clone = svg.cloneNode(true);
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  source.forEach((node, i) => {
    const style = getComputedStyle(node);
    // Through the CSSOM: a style attribute set as text would be refused by the page's CSP.
    for (const property of SVG_STYLE) target[i].style.setProperty(property, style.getPropertyValue(property));
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', width);
  clone.setAttribute('height', height);
  const text = new XMLSerializer().serializeToString(clone);
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}

// The visible canvases and SVGs under `root`, drawn where they sit relative to `frame`, at
// twice the CSS size, on the widget's background colour.
export async function picture(frame, root, background = PAPER) {
  const box = frame.getBoundingClientRect();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(box.width * scale));
  canvas.height = Math.max(1, Math.round(box.height * scale));
  const context = canvas.getContext('2d');
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  for (const element of root.querySelectorAll('canvas, svg')) {
    if (element.closest('svg') !== element && element.tagName.toLowerCase() === 'svg') continue; // nested svg
    const r = element.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) continue;
    const x = (r.left - box.left) * scale, y = (r.top - box.top) * scale, w = r.width * scale, h = r.height * scale;
    if (element.tagName.toLowerCase() === 'canvas') context.drawImage(element, x, y, w, h);
    else context.drawImage(await svgImage(element, r.width, r.height), x, y, w, h);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}
