// Why this file exists: the kit's stylesheet (web/widgets.css), one constructed CSSStyleSheet
// that every widget's shadow root adopts (adoptedStyleSheets). Its text is bundled into the
// kit's code (esbuild's text loader), so it arrives once per page with the kit, however many
// widgets the page shows (a <link> per shadow root made the tutorial download it once per
// widget), and a widget is styled from its first frame: no unstyled paint, no shift when the
// styles arrive. Constructed sheets are not inline styles: a CSP of style-src 'self' allows
// them (so does the offline file's list of hashes); Chromium and Firefox (101 and later) both
// adopt them, so no <link> fallback is kept.
import css from '../../widgets.css';

let sheet = null;

// The one sheet, made when the first widget is built.
export function widgetSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
