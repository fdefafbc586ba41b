import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize } from "../../src/text/normalize.js";
import { anyOf } from "../../src/understand/any-pattern.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { INTENTS_DIR } from "../helpers/fixtures.js";

function setup() {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  const lists = [...vocabulary.rules.map((r) => r.patterns), vocabulary.frames];
  // Text made of the patterns' own characters, so that random strings do match some of them.
  const chars = [
    ...new Set(lists.flatMap((l) => l.flatMap((p) => [...p.source.replace(/[\\^$()[\]{}|?*+.]/g, "")]))),
  ];
  const questions = readFileSync(new URL("../../bench/paraphrases.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => normalize((JSON.parse(l) as { q: string }).q));
  return { lists, chars, questions };
}

describe("anyOf", () => {
  it("matches exactly where one of the vocabulary's patterns does, for every rule and the frames", () => {
    const { lists, chars, questions } = setup();
    const samples = [...questions, "", "谁负责", "条例什么时候施行", "第三十条", "hello", "什么是智慧城市"];
    for (const patterns of lists) {
      const any = anyOf(patterns);
      if (!any) continue;
      // Each pattern on its own (frames are global: a copy without g keeps no lastIndex).
      const alone = patterns.map((p) => new RegExp(p.source, p.flags.replace("g", "")));
      const some = (s: string) => alone.some((p) => p.test(s));
      for (const s of samples) expect(any.test(s), `${any.source} on ${s}`).toBe(some(s));
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom(...chars), maxLength: 24 }),
          (s) => any.test(s) === some(s),
        ),
      );
    }
  });

  it("joins nearly every rule of the vocabulary", () => {
    const { lists } = setup();
    const joined = lists.filter((l) => anyOf(l) !== undefined).length;
    expect(joined).toBeGreaterThanOrEqual(lists.length - 2);
  });

  it("keeps no state between tests, whatever the patterns' flags", () => {
    const any = anyOf([/b/gu, /c/gu]) as RegExp;
    expect(any.flags).toBe("u");
    expect([any.test("abc"), any.test("abc"), any.test("xyz")]).toEqual([true, true, false]);
  });

  it("refuses what one alternation cannot mean the same", () => {
    // A back-reference would point at another group once joined.
    expect(anyOf([/a/u, /(x)\1/u])).toBeUndefined();
    expect(anyOf([/a/u, /(?<x>y)\k<x>/u])).toBeUndefined();
    // A group name cannot be declared twice.
    expect(anyOf([/(?<term>a)/u, /(?<term>b)/u])).toBeUndefined();
    // Different flags.
    expect(anyOf([/a/u, /b/iu])).toBeUndefined();
    expect(anyOf([])).toBeUndefined();
  });

  it("keeps lookbehinds, escaped brackets and distinct group names", () => {
    const any = anyOf([/(?<!罚)多少钱/u, /\(x\)/u, /[(?<]z/u, /(?<a>q)/u, /(?<b>r)/u]) as RegExp;
    expect(any.test("要多少钱")).toBe(true);
    expect(any.test("罚多少钱")).toBe(false);
    expect(any.test("(x)")).toBe(true);
    expect(any.test("<z")).toBe(true);
    expect(any.test("r")).toBe(true);
    expect(any.test("nothing")).toBe(false);
  });
});
