import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fnv1a, foldOf, readQuestions } from "../../src/learn/dataset.js";
import { LEARN_FIXTURE } from "../helpers/learn.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-questions-"));
  dirs.push(dir);
  const path = join(dir, "q.jsonl");
  writeFileSync(path, text);
  return path;
}

describe("readQuestions", () => {
  it("reads id, question and gold pairs", () => {
    const qs = readQuestions(LEARN_FIXTURE.questions);
    expect(qs).toHaveLength(24);
    expect(qs[0]).toEqual({
      id: "fixture-0",
      q: "老板拖欠工资三个月了怎么办",
      gold: [
        { law: "中华人民共和国劳动合同法", article: 30 },
        { law: "中华人民共和国劳动合同法", article: 85 },
      ],
    });
  });

  it("leaves out rows without gold pairs and blank lines", () => {
    const path = write(
      '{"id":"a","q":"问","gold":[]}\n\n{"id":"b","q":"问","gold":[{"law":"法","article":"3"}]}\n',
    );
    expect(readQuestions(path)).toEqual([{ id: "b", q: "问", gold: [{ law: "法", article: 3 }] }]);
  });

  it("names the line that is not a question", () => {
    expect(() => readQuestions(write('{"id":"a","q":"问"}\nnot json\n'))).toThrow(/q\.jsonl:2: not JSON/);
    expect(() => readQuestions(write('{"q":"问"}\n'))).toThrow(
      /q\.jsonl:1: a question needs a string "id" and "q"/,
    );
  });
});

describe("foldOf", () => {
  it("is the FNV-1a hash of the id modulo k", () => {
    // Reference values of 32-bit FNV-1a.
    expect(fnv1a("")).toBe(0x811c9dc5);
    expect(fnv1a("a")).toBe(0xe40c292c);
    expect(foldOf("a", 5)).toBe(0xe40c292c % 5);
  });

  it("spreads ids over the folds", () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 1000; i++) {
      const f = foldOf(`q-${i}`, 5);
      counts[f] = (counts[f] ?? 0) + 1;
    }
    for (const c of counts) expect(c).toBeGreaterThan(150);
  });
});
