/* Loss Landscape Lab: embed a widget in any page, with no module support needed.
 *   <div data-lll-widget="saddle-explorer" data-scenario="saddle-explorer"
 *        data-theme="dark" data-hide="tools" data-autoplay="1"></div>
 *   <script src="https://YOUR-HOST/embed.js" defer></script>
 * Each such div becomes an iframe of embed.html (beside this script) that resizes itself
 * to its content: the widget's page reports its height with postMessage. Other data-*
 * attributes of the div (e.g. data-surface="monkey") are passed to the widget as well.
 * Until the widget has drawn what it computed, the iframe keeps the height the widget will
 * take (HEIGHTS), so that an iframe the reader scrolls to does not grow under them and push
 * the page's text down. */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('.', script ? script.src : location.href);
  var frames = [];

  // The height of each widget's embed page once computed, in px, at the iframe widths WIDTHS
  // (the widgets change layout at 760 px): with its default scenario ('NAME'), and with a choice
  // of its menus that changes it ('NAME PARAMETER=VALUE', the div's data-scenario, data-surface
  // or data-optimizer). Measured and written here by `node tools/embed-heights.mjs --write` in
  // Chromium; tests/web/embed-heights.test.mjs fails when a widget's height has moved away.
  // Between two widths the height is interpolated; outside them, the nearest is used.
  var WIDTHS = [360, 760, 761, 1100];
  var HEIGHTS = {
    'curvature-primer': [776, 1051, 708, 592],
    'added-neuron': [2213, 1800, 1800, 1130],
    'added-neuron scenario=relu-blind-spot-fixed-step': [2148, 1758, 1758, 1109],
    'added-neuron scenario=relu-blind-spot': [2232, 1800, 1800, 1151],
    'saddle-explorer': [1244, 1400, 1077, 720],
    'saddle-explorer surface=product3': [1268, 1420, 1097, 720],
    'saddle-explorer surface=wells': [1268, 1400, 1077, 720],
    'spectrum-while-training': [1373, 1233, 1233, 832],
    'deep-linear-networks': [1470, 1415, 1415, 740],
    'index-versus-loss': [528, 497, 497, 497],
    'playground': [2680, 2330, 2330, 2254],
    'landscape-slice': [885, 1132, 693, 584],
    'between-minima': [665, 636, 636, 636],
    'sharp-flat': [1554, 1165, 1165, 807],
    'skip-width': [1403, 991, 992, 570],
    'interpolation': [857, 723, 723, 681]
  };
  var FALLBACK = 480; // a widget this table does not know

  var has = function (key) { return Object.prototype.hasOwnProperty.call(HEIGHTS, key); };

  // The table's row for a div: its menu choice's, else its widget's.
  function heightsKey(div) {
    var name = div.dataset.lllWidget;
    var parameters = ['scenario', 'surface', 'optimizer'];
    for (var i = 0; i < parameters.length; i++) {
      var value = div.dataset[parameters[i]];
      if (value !== undefined && has(name + ' ' + parameters[i] + '=' + value)) return name + ' ' + parameters[i] + '=' + value;
    }
    return name;
  }

  function reservedHeight(key, width) {
    var heights = has(key) ? HEIGHTS[key] : null;
    if (!heights) return FALLBACK;
    if (width <= WIDTHS[0]) return heights[0];
    for (var i = 1; i < WIDTHS.length; i++) {
      if (width <= WIDTHS[i]) {
        var t = (width - WIDTHS[i - 1]) / (WIDTHS[i] - WIDTHS[i - 1]);
        return Math.round(heights[i - 1] + t * (heights[i] - heights[i - 1]));
      }
    }
    return heights[heights.length - 1];
  }

  // Sets an iframe's height: the reported one once its widget has settled; until then no less
  // than the height reserved for its widget at its width.
  function size(frame) {
    var reserved = frame.lllSettled ? 0 : reservedHeight(frame.lllHeights, frame.getBoundingClientRect().width);
    var height = Math.max(frame.lllReported || 0, reserved);
    frame.style.height = Math.ceil(height) + 'px';
  }

  function embed(div) {
    if (div.dataset.lllEmbedded) return;
    div.dataset.lllEmbedded = '1';
    var url = new URL('embed.html', base);
    url.searchParams.set('widget', div.dataset.lllWidget);
    Object.keys(div.dataset).forEach(function (key) {
      if (key === 'lllWidget' || key === 'lllEmbedded') return;
      url.searchParams.set(key.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); }), div.dataset[key]);
    });
    var frame = document.createElement('iframe');
    frame.src = url.href;
    frame.title = div.getAttribute('title') || ('Loss Landscape Lab: ' + div.dataset.lllWidget);
    frame.loading = 'lazy';
    // Through the CSSOM: a style attribute set as text would break a strict CSP on the host.
    frame.style.cssText = 'display:block;width:100%;border:0;overflow:hidden;';
    frame.setAttribute('scrolling', 'no');
    frame.lllHeights = heightsKey(div);
    div.appendChild(frame);
    size(frame);
    frames.push(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== base.origin || !event.data || event.data.type !== 'lll-height') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Number(event.data.height);
        if (!(height > 0 && height < 20000)) return;
        frames[i].lllReported = height;
        frames[i].lllSettled = event.data.settled !== false; // an embed page of before says nothing: settled
        size(frames[i]);
      }
    }
  });

  // A new width (a phone turned) changes the height reserved for a widget not yet settled.
  window.addEventListener('resize', function () {
    for (var i = 0; i < frames.length; i++) if (!frames[i].lllSettled) size(frames[i]);
  });

  function run() {
    var divs = document.querySelectorAll('[data-lll-widget]');
    for (var i = 0; i < divs.length; i++) embed(divs[i]);
  }
  // Loaded without defer right after a div, it makes that div's iframe at once, before the
  // browser paints what follows (which then never moves); the divs after it, once parsed.
  run();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
})();
