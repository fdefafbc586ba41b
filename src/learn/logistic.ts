/**
 * Logistic regression by Newton's method (iteratively reweighted least squares) with a small L2
 * penalty: few features, about a thousand examples, so the exact solve is cheap and converges
 * in a handful of steps, with no learning rate to tune and the same result every run.
 */

/** A fitted model: P(y = 1 | x) = σ(bias + Σ weights·x). */
export interface LogisticModel {
  bias: number;
  weights: number[];
}

/** The model's probability for one example. */
export function predictLogistic(model: LogisticModel, x: readonly number[]): number {
  let z = model.bias;
  model.weights.forEach((w, j) => {
    z += w * (x[j] as number);
  });
  return 1 / (1 + Math.exp(-z));
}

/** Solves A·x = b for a small symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs((m[r] as number[])[col] as number) > Math.abs((m[pivot] as number[])[col] as number))
        pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = (m[col] as number[])[col] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const k = ((m[r] as number[])[col] as number) / p;
      if (k === 0) continue;
      for (let c = col; c <= n; c++)
        (m[r] as number[])[c] = ((m[r] as number[])[c] as number) - k * ((m[col] as number[])[c] as number);
    }
  }
  return m.map((row, i) => {
    const p = row[i] as number;
    return Math.abs(p) < 1e-12 ? 0 : (row[n] as number) / p;
  });
}

/**
 * Fits the model to examples `xs` (each a feature vector) with labels `ys` (0/1). `l2` penalises
 * the weights, not the bias, so that a feature seen on few examples cannot run away.
 */
export function fitLogistic(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  l2 = 1e-2,
): LogisticModel {
  const f = xs[0]?.length ?? 0;
  // beta[0] is the bias.
  let beta = new Array<number>(f + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(f + 1).fill(0);
    const hess = Array.from({ length: f + 1 }, () => new Array<number>(f + 1).fill(0));
    xs.forEach((x, i) => {
      const row = [1, ...x];
      let z = 0;
      row.forEach((v, j) => {
        z += (beta[j] as number) * v;
      });
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      const err = (ys[i] as number) - p;
      for (let j = 0; j <= f; j++) {
        grad[j] = (grad[j] as number) + err * (row[j] as number);
        const hj = hess[j] as number[];
        for (let k = 0; k <= f; k++) hj[k] = (hj[k] as number) + w * (row[j] as number) * (row[k] as number);
      }
    });
    for (let j = 1; j <= f; j++) {
      grad[j] = (grad[j] as number) - l2 * (beta[j] as number) * xs.length;
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + l2 * xs.length;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: beta[0] as number, weights: beta.slice(1) };
}
