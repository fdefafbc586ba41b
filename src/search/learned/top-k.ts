/**
 * The k best documents of a dense score array, among the documents a question touched, without
 * sorting them all: a question's bigrams touch tens of thousands of articles, of which the ranker
 * keeps a few hundred.
 */

/** The k-th largest value of `values` (1-based k); `values` is reordered. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target] as number;
}

// Scratch space for topKOf: one value per document, grown on demand and reused.
let scratch = new Float64Array(0);

/**
 * The documents with the k highest `scores[doc]` among `docs`, best first, ties by document id:
 * {@link topK} for scores held in a dense array, without a call per document.
 */
export function topKOf(docs: ArrayLike<number>, scores: Float64Array, k: number): number[] {
  const m = docs.length;
  if (k <= 0 || m === 0) return [];
  let chosen: number[];
  if (m <= k) chosen = Array.from(docs);
  else {
    if (scratch.length < m) scratch = new Float64Array(Math.max(m, scratch.length * 2));
    const values = scratch.subarray(0, m);
    for (let i = 0; i < m; i++) values[i] = scores[docs[i] as number] as number;
    const threshold = kthLargest(values, k);
    chosen = [];
    const tied: number[] = [];
    for (let i = 0; i < m; i++) {
      const d = docs[i] as number;
      const v = scores[d] as number;
      if (v > threshold) chosen.push(d);
      else if (v === threshold) tied.push(d);
    }
    tied.sort((a, b) => a - b);
    for (let i = 0; chosen.length < k && i < tied.length; i++) chosen.push(tied[i] as number);
  }
  return chosen.sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * The documents with the k highest `score(doc)` among `docs`, best first; ties by document id,
 * so the result does not depend on the order of `docs`.
 */
export function topK(docs: readonly number[], score: (doc: number) => number, k: number): number[] {
  if (k <= 0 || docs.length === 0) return [];
  const values = Float64Array.from(docs, score);
  let chosen: number[];
  if (docs.length <= k) chosen = [...docs];
  else {
    const threshold = kthLargest(Float64Array.from(values), k);
    chosen = [];
    const tied: number[] = [];
    docs.forEach((d, i) => {
      const v = values[i] as number;
      if (v > threshold) chosen.push(d);
      else if (v === threshold) tied.push(d);
    });
    tied.sort((a, b) => a - b);
    chosen.push(...tied.slice(0, k - chosen.length));
  }
  return chosen.sort((a, b) => score(b) - score(a) || a - b);
}
