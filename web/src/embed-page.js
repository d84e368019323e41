// Why this file exists: embed.html shows exactly one widget, chosen by its URL:
//   embed.html?widget=saddle-explorer&scenario=saddle-explorer&theme=dark&hide=tools&autoplay=1
// plus the widget's own state (the same parameters its "Copy link" writes). It tells the
// page that frames it its height whenever that changes (postMessage {type: 'lll-height',
// height}), so embed.js on the host can size the iframe to fit.
import { loadWidget, WIDGETS } from './widgets.js';

const params = new URLSearchParams(location.search);
const slot = document.getElementById('widget');

function fail(text) {
  const message = document.createElement('p');
  message.className = 'embed-error';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  slot.replaceChildren(message);
}

function reportHeight() {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height !== reportHeight.last && window.parent !== window) {
    reportHeight.last = height;
    window.parent.postMessage({ type: 'lll-height', height }, '*');
  }
}

const name = params.get('widget') ?? '';
const theme = params.get('theme') ?? 'light';
if (!(name in WIDGETS)) {
  fail(`widget: "${name.slice(0, 60)}" is not a widget; choose one of ${Object.keys(WIDGETS).join(', ')}.`);
} else if (!['light', 'dark'].includes(theme)) {
  fail(`theme: "${theme.slice(0, 30)}" is not a theme; choose light or dark.`);
} else {
  document.body.dataset.theme = theme;
  const element = document.createElement(`lll-${name}`);
  for (const attribute of ['scenario', 'hide', 'surface', 'optimizer', 'scenarios']) {
    if (params.has(attribute)) element.setAttribute(attribute, params.get(attribute));
  }
  element.setAttribute('theme', theme);
  const autoplay = params.get('autoplay');
  if (autoplay === '1' || autoplay === 'true') element.setAttribute('autoplay', '');
  element.setAttribute('url-state', 'query'); // the widget's state lives in this page's query
  slot.replaceChildren(element);
  loadWidget(name).catch((error) => fail(String(error.message ?? error)));
}
new ResizeObserver(reportHeight).observe(document.documentElement);
reportHeight();
