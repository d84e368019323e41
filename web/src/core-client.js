// Why this file exists: the playground's way to the worker until it becomes a kit widget:
// one shared CoreClient (web/src/kit/core-client.js) for the page, with the old
// call(op, args) / RemoteTraining.create(text) interface.
import { CoreClient, RemoteTraining as KitTraining } from './kit/core-client.js';

const shared = new CoreClient('page');

export function call(op, args = {}) {
  return shared.call(op, args);
}

export const RemoteTraining = {
  create: (scenarioText) => KitTraining.create(shared, scenarioText),
};
