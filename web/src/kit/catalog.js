// Why this file exists: the core's catalog (its tables of settings, limits, surfaces and data
// sets, and the templates of its messages) is the same for every widget of a page, and the
// build writes it beside the kit: catalog.json, the core's own catalog() (tools/build-web.mjs).
// A page fetches it once, whichever widget asks first, without starting a worker for it; its
// templates become the page's words (kit/messages.js), unless the page registered a
// translation before. In the offline file it is one of the files the file holds.
import { fetchText, kitBase } from './scenarios.js';
import { hasMessageCatalog, messageOf, useMessageCatalog } from './messages.js';

let loading = null;

// The core's catalog: one request a page; after a failure (a page offline for a moment) the
// next widget to ask asks again.
export function coreCatalog() {
  loading ??= fetchText(new URL('catalog.json', kitBase)).then(
    (text) => {
      const catalog = JSON.parse(text);
      useMessageCatalog(catalog);
      return catalog;
    },
    (error) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

// The words of `error` (kit/messages.js messageOf) once the page has the catalog's templates: a
// coded refusal that reaches a page before any other waits for them (the English it carries, if
// the catalog cannot be had). For a refusal the page made itself (pageRefusal), whose English
// comes only from the catalog.
export async function wordsOf(error) {
  if (error?.code && !hasMessageCatalog()) await coreCatalog().catch(() => {});
  return messageOf(error);
}
