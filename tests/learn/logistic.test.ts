import { describe, expect, it } from "vitest";
import { fitLogistic, predictLogistic } from "../../src/learn/logistic.js";

describe("fitLogistic", () => {
  it("recovers the rate of each group", () => {
    // x = 0: 1 in 4 positive; x = 1: 3 in 4 positive.
    const xs = [[0], [0], [0], [0], [1], [1], [1], [1]];
    const ys = [1, 0, 0, 0, 1, 1, 1, 0];
    const model = fitLogistic(xs, ys, 0);
    expect(predictLogistic(model, [0])).toBeCloseTo(0.25, 6);
    expect(predictLogistic(model, [1])).toBeCloseTo(0.75, 6);
  });

  it("stays finite on separable data thanks to the penalty", () => {
    const model = fitLogistic([[-1], [-2], [1], [2]], [0, 0, 1, 1], 0.01);
    expect(Number.isFinite(model.weights[0])).toBe(true);
    expect(predictLogistic(model, [2])).toBeGreaterThan(0.5);
    expect(predictLogistic(model, [-2])).toBeLessThan(0.5);
  });
});
