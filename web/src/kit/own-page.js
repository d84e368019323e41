// Why this file exists: the widgets' names from before the lll- prefix (<saddle-explorer>,
// <network-playground>, ...) are defined only on the project's own pages, which say so with
// <meta name="lll-own-page"> in their head. On a blogger's page the kit defines its prefixed
// names alone and leaves every other element name to the page and its other scripts.
export const ownPage = typeof document !== 'undefined' && document.querySelector('meta[name="lll-own-page"]') !== null;
