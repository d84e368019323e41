// The benchmark networks of issue 3: tanh MLPs on 200 circle points with about 100, 300,
// 1,000 and 10,000 parameters. Shared by the native and the wasm halves of the benchmark.
export const curvatureNetworks = [
  { label: '100 parameters', hidden: [12, 5] },
  { label: '300 parameters', hidden: [20, 12] },
  { label: '1,000 parameters', hidden: [30, 28] },
  { label: '10,000 parameters', hidden: [100, 95], lanczosOnly: true },
];

export function curvatureScenario(hidden) {
  return JSON.stringify({
    seed: 1,
    data: { kind: 'circle', points: 200, noise: 0.1 },
    model: { inputs: 2, layers: [...hidden.map((units) => ({ units, activation: 'tanh' })), { units: 1, activation: 'tanh' }] },
    loss: 'half_squared',
    steps: 0,
  });
}
