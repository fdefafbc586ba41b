import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  coordinateAscent,
  meanReciprocalRank,
  type RankingSample,
  scoreSample,
} from "../../src/learn/coordinate-ascent.js";

/** Two features: the first is noise-free only together with the second. */
function setup(): RankingSample[] {
  const sample = (rows: number[][], relevant: number[]): RankingSample => ({
    features: Float32Array.from(rows.flat()),
    relevant: Uint8Array.from(rows.map((_, i) => (relevant.includes(i) ? 1 : 0))),
  });
  return [
    sample(
      [
        [3, 0],
        [2, 2],
        [1, 0],
      ],
      [1],
    ),
    sample(
      [
        [5, 0],
        [4, 3],
        [0, 1],
      ],
      [1],
    ),
    sample(
      [
        [1, 1],
        [2, 0],
        [0, 0],
      ],
      [0],
    ),
  ];
}

/** MRR@10 by sorting, the reference. */
function reference(samples: RankingSample[], w: number[]): number {
  let sum = 0;
  for (const s of samples) {
    const scores = scoreSample(s, w);
    const order = [...scores.keys()].sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
    // The best-placed relevant candidate; ties among relevant ones do not matter.
    const rank = order.findIndex((c) => s.relevant[c] === 1);
    sum += rank >= 0 && rank < 10 ? 1 / (rank + 1) : 0;
  }
  return sum / samples.length;
}

describe("meanReciprocalRank", () => {
  it("agrees with ranking by sort", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.boolean()), {
            minLength: 1,
            maxLength: 15,
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 })),
        (questions, [a, b]) => {
          const samples = questions.map((rows) => ({
            features: Float32Array.from(rows.flatMap((r) => r.slice(0, 2) as number[])),
            relevant: Uint8Array.from(rows.map(([, , r]) => (r ? 1 : 0))),
          }));
          expect(meanReciprocalRank(samples, [a, b])).toBeCloseTo(reference(samples, [a, b]), 12);
        },
      ),
    );
  });
});

describe("coordinateAscent", () => {
  it("finds weights that put every relevant candidate first", () => {
    const samples = setup();
    expect(meanReciprocalRank(samples, [1, 0])).toBeLessThan(1);
    const { weights, mrr } = coordinateAscent(samples, { start: [1, 0], frozen: new Set([0]) });
    expect(mrr).toBe(1);
    expect(weights[0]).toBe(1);
    expect(meanReciprocalRank(samples, weights)).toBe(1);
  });

  it("never ends below where it started, and is deterministic", () => {
    const samples = setup();
    const a = coordinateAscent(samples, { start: [1, 0.1] });
    const b = coordinateAscent(samples, { start: [1, 0.1] });
    expect(a).toEqual(b);
    expect(a.mrr).toBeGreaterThanOrEqual(meanReciprocalRank(samples, [1, 0.1]));
  });
});
