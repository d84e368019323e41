// Why this file exists: the curvature panel, what TensorFlow Playground cannot show: the
// gradient norm, the Hessian's extreme eigenvalues, and for small networks the whole spectrum's
// index and the kind of point, with a sentence saying what that means for training (why
// all-zero weights stall, when a tiny loss is a global minimum whatever rounding says).
import { formatNumber as fmt } from '../kit/format.js';

export function curvaturePanelMarkup() {
  return `<div class="pg-curvature" data-role="curvature">
            <h2>Curvature</h2>
            <dl data-role="curvature-values"></dl>
            <p class="pg-small" data-role="curvature-text"></p>
          </div>`;
}

// The core's measurement at the run's current parameters (core/training/training_requests.hpp): it
// counts the parameters (the added neuron's too), chooses the dense spectrum or Lanczos, and
// applies its tolerances. full: the reader is looking (a pause, a step), not training.
export async function measureCurvature(client, handle, { full }) {
  const c = await client.call('trainingCurvature', { handle, full });
  return { ...c, atGlobalMinimum: c.at_global_minimum };
}

// What the numbers mean where training is. zeroInit: the run started from all-zero weights
// (no checkpoint); loss: the current training loss. "Critical" and "a negative eigenvalue" are
// the core's judgements (c.critical, c.negative_curvature), made with its tolerances.
export function explainCurvature(c, { zeroInit, loss }) {
  if (zeroInit) {
    return 'All weights start at zero: every hidden unit computes the same function and, because its outgoing weights are zero, receives zero gradient; only the output bias can move. '
      + (c.dense ? `This is a critical point of the weights; its Hessian has ${c.negative} negative eigenvalue(s), so it is a ${c.negative ? 'saddle' : 'degenerate point'}: ${c.negative ? 'the loss does go down in some directions, but gradient descent, starting exactly on the symmetric set, never takes them' : 'the second-order test cannot decide'}. Random weights break the symmetry.` : '');
  }
  if (c.atGlobalMinimum) {
    // The core's policy: within its tolerance of the loss's floor this is a global minimum,
    // whatever the signs of eigenvalues this small (negative ones come from the last residuals).
    return `The training loss, ${fmt(loss)}, has all but reached its floor of 0: training is at a global minimum, up to rounding.`
      + (c.negative ? ` The ${c.negative} slightly negative eigenvalue(s) (down to ${fmt(c.smallest)}) come from the last tiny residuals and vanish as they do.` : '');
  }
  if (!c.dense) {
    return `Lanczos (${c.iterations} Hessian-vector products) for the ${c.n} parameters: ${c.negative_curvature ? 'a negative eigenvalue, so the loss still curves down in some direction' : 'no negative eigenvalue found'}.`;
  }
  if (c.critical) return `Training is at a critical point: a ${c.kind}.`;
  if (c.negative) return `Not a critical point yet; ${c.negative} direction(s) of negative curvature: near a saddle if the gradient is small.`;
  return 'No negative eigenvalue: inside a basin of a minimum (or on a flat valley, if some are zero).';
}

export class CurvaturePanel {
  constructor(root) {
    this.values = root.querySelector('[data-role="curvature-values"]');
    this.text = root.querySelector('[data-role="curvature-text"]');
  }

  show(c, context) {
    if (!c) return;
    const rows = [['gradient norm', fmt(c.grad_norm)], ['smallest eigenvalue', fmt(c.smallest)], ['largest eigenvalue', fmt(c.largest)]];
    if (c.dense) rows.push(['index', `${fmt(c.index)} (${c.negative} of ${c.n} negative, ${c.zero} zero)`], ['kind', c.kind]);
    this.values.innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd data-name="${k}">${v}</dd>`).join('');
    this.text.textContent = explainCurvature(c, context);
  }
}
