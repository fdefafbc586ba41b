import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OldestFirst } from "../../src/state/oldest-first.js";

type Op =
  | { kind: "add"; key: number }
  | { kind: "touch"; key: number }
  | { kind: "delete"; key: number }
  | { kind: "trim"; max: number }
  | { kind: "clear" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), key: fc.nat(40) }),
  fc.record({ kind: fc.constant("touch" as const), key: fc.nat(40) }),
  fc.record({ kind: fc.constant("delete" as const), key: fc.nat(40) }),
  fc.record({ kind: fc.constant("trim" as const), max: fc.nat(12) }),
  fc.constant({ kind: "clear" as const }),
);

describe("OldestFirst", () => {
  it("deletes the oldest entries first", () => {
    const map = new Map([1, 2, 3, 4, 5].map((k) => [k, k]));
    const oldest = new OldestFirst(map);
    oldest.trimTo(3);
    expect([...map.keys()]).toEqual([3, 4, 5]);
    // Touched entries go to the end (delete + set), and new ones after them.
    map.delete(3);
    map.set(3, 3);
    map.set(6, 6);
    oldest.trimTo(2);
    expect([...map.keys()]).toEqual([3, 6]);
  });

  it("starts again after the map was emptied or cleared", () => {
    const map = new Map<number, number>([[1, 1]]);
    const oldest = new OldestFirst(map);
    oldest.trimTo(0);
    expect(map.size).toBe(0);
    map.set(2, 2).set(3, 3);
    oldest.trimTo(1);
    expect([...map.keys()]).toEqual([3]);
    map.clear();
    map.set(4, 4).set(5, 5);
    oldest.trimTo(1);
    expect([...map.keys()]).toEqual([5]);
  });

  it("leaves what a plain scan from the start would leave, whatever is done to the map (property)", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const map = new Map<number, number>();
        const oldest = new OldestFirst(map);
        // The reference: keys in insertion order, trimmed from the front.
        let model: number[] = [];
        for (const o of ops) {
          if (o.kind === "add" || o.kind === "touch") {
            if (o.kind === "touch" || !map.has(o.key)) {
              map.delete(o.key);
              model = model.filter((k) => k !== o.key);
            }
            map.set(o.key, o.key);
            if (!model.includes(o.key)) model.push(o.key);
          } else if (o.kind === "delete") {
            map.delete(o.key);
            model = model.filter((k) => k !== o.key);
          } else if (o.kind === "trim") {
            oldest.trimTo(o.max);
            model = model.slice(Math.max(0, model.length - o.max));
          } else {
            map.clear();
            model = [];
          }
          if ([...map.keys()].join() !== model.join()) return false;
        }
        return true;
      }),
    );
  });
});
