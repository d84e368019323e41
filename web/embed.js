/* Loss Landscape Lab: embed a widget in any page, with no module support needed.
 *   <div data-lll-widget="saddle-explorer" data-scenario="saddle-explorer"
 *        data-theme="dark" data-hide="tools" data-autoplay="1"></div>
 *   <script src="https://YOUR-HOST/embed.js" defer></script>
 * Each such div becomes an iframe of embed.html (beside this script) that resizes itself
 * to its content: the widget's page reports its height with postMessage. Other data-*
 * attributes of the div (e.g. data-surface="monkey") are passed to the widget as well. */
(function () {
  'use strict';
  var script = document.currentScript;
  var base = new URL('.', script ? script.src : location.href);
  var frames = [];

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
    frame.style.cssText = 'display:block;width:100%;border:0;height:480px;overflow:hidden;';
    frame.setAttribute('scrolling', 'no');
    div.appendChild(frame);
    frames.push(frame);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== base.origin || !event.data || event.data.type !== 'lll-height') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var height = Number(event.data.height);
        if (height > 0 && height < 20000) frames[i].style.height = Math.ceil(height) + 'px';
      }
    }
  });

  function run() {
    var divs = document.querySelectorAll('[data-lll-widget]');
    for (var i = 0; i < divs.length; i++) embed(divs[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
  else run();
})();
