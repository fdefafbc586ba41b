import { describe, expect, it } from "vitest";
import { DocList } from "../../../src/search/learned/doc-list.js";

describe("DocList", () => {
  it("holds the ids pushed, in order, and empties without losing its storage", () => {
    const list = new DocList(4);
    for (const d of [7, 3, 9]) list.push(d);
    expect(list.length).toBe(3);
    expect([...list.view()]).toEqual([7, 3, 9]);
    const storage = list.view().buffer;
    list.clear();
    expect(list.length).toBe(0);
    expect([...list.view()]).toEqual([]);
    list.push(5);
    expect([...list.view()]).toEqual([5]);
    expect(list.view().buffer).toBe(storage);
  });

  it("grows past its capacity, keeping what it held", () => {
    const list = new DocList(2);
    for (let d = 0; d < 10; d++) list.push(d * 10);
    expect([...list.view()]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it("takes the place of an array where touched documents are recorded", () => {
    const sinks = [new DocList(0), [] as number[]];
    for (const sink of sinks) for (const d of [1, 2]) sink.push(d);
    expect([...(sinks[0] as DocList).view()]).toEqual(sinks[1]);
  });
});
