// Why this file exists: the browsers the tests and the tools launch, named once: Debian's
// packages, nothing downloaded (CHROMIUM and FIREFOX name others). The page tests, and the tools
// that only lay pages out, run Chromium's headless shell: the same Blink and V8 without the
// browser around it, at about a third of the CPU (docs/building-and-testing.md). Lighthouse and
// the figures measured for a reader's browser run the full Chromium.
export const CHROMIUM_SHELL = process.env.CHROMIUM ?? '/usr/bin/chromium-headless-shell';
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
