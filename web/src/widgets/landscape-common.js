// Why this file exists: what the four landscape-view widgets share. A view is a scenario
// with a "view" section (docs/landscape-views.md); the worker trains its run(s) a few
// milliseconds per request (the page shows the progress and a new choice cancels), then
// the widget asks for the view in pieces. The reader's choices (directions, resolution,
// range) go to the core as a patch of the view section, which the core merges and
// validates; no scenario is built here.
import { formatNumber } from '../kit/format.js';

// Trains the view of `scenario` (with `patch`) in `client`'s worker, as a run of `loop` (the
// widget's RunLoop: one request a frame, none while the widget is off screen, its ticket
// taken by the caller); onProgress(progress) after every request. Resolves to {handle,
// scenario (the effective text), info}, or to null when the run was replaced (the reader
// chose something else).
export async function trainView(loop, client, scenario, patch, { onProgress = () => {} } = {}) {
  const ticket = loop.ticket;
  const created = await client.call('viewCreate', { scenario, patch });
  const generation = client.generation; // a cancel() replaces the worker, and its handles
  let info = null;
  const trained = await loop.runToEnd(async (current) => {
    const reply = await client.call('viewTrain', { handle: created.handle, milliseconds: 25 });
    if (!loop.current(current)) return false;
    onProgress(reply.progress);
    info = reply.info;
    return !info;
  }, { ticket });
  if (!trained) {
    if (client.generation === generation) client.call('dispose', { handle: created.handle }).catch(() => {});
    return null;
  }
  return { handle: created.handle, scenario: created.scenario, info };
}

// "Training seed 1: step 300 of 1500, loss 0.21" for each run still training.
export function describeProgress(progress) {
  return progress.runs.map((run) => `${run.label || run.name || 'training'}: step ${run.step} of ${run.steps}, loss ${formatNumber(run.loss)}`).join('; ');
}

// A slice's rows (row r is beta_r, from the lowest) as the heatmap's grid (rows from the top).
export function sliceGrid(info, rows) {
  const nx = info.alphas.length, ny = info.betas.length;
  const values = new Float64Array(nx * ny).fill(NaN);
  rows.forEach((row, r) => { if (row) values.set(row, (ny - 1 - r) * nx); });
  return { nx, ny, values, window: [info.alphas[0], info.alphas.at(-1), info.betas[0], info.betas.at(-1)] };
}
