import { readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Article, Law } from "../../src/law/types.js";
import { createSuggester, MAX_SUGGESTED_ARTICLES, type Suggester } from "../../src/search/suggest.js";
import { createTokenizer, type Tokenizer } from "../../src/text/tokenizer.js";
import { loadVocabulary } from "../../src/understand/vocabulary.js";
import { CORPUS_DIR, INTENTS_DIR, parseFile, seedLaw } from "../helpers/fixtures.js";

let tokenizer: Tokenizer;
let laws: Law[];

beforeAll(async () => {
  const vocabulary = loadVocabulary(INTENTS_DIR);
  tokenizer = await createTokenizer({ userWords: vocabulary.dictionary });
  laws = [seedLaw(), ...readdirSync(CORPUS_DIR).map((f) => parseFile(join(CORPUS_DIR, f)))];
});

function setup(homeLaws: Law[] = laws.slice(0, 1)) {
  let departmentCalls = 0;
  const suggester: Suggester = createSuggester({
    laws,
    homeLaws,
    departments: () => {
      departmentCalls++;
      return ["市场监督管理部门", "公安机关", "网信部门"];
    },
    tokenizer,
    gistOf: (a: Article) => a.text.split(/[，。；]/)[0] ?? "",
  });
  return { suggester, calls: () => departmentCalls };
}

describe("createSuggester", () => {
  it("completes a law's title or short name from its first characters", () => {
    const { suggester } = setup();
    expect(suggester.suggest("济南12345")[0]).toMatchObject({
      kind: "law",
      label: "济南市12345市民服务热线条例",
    });
    expect(suggester.suggest("上海数")[0]).toMatchObject({ kind: "law", label: "上海市数据条例" });
  });

  it("completes department names and the home law's articles", () => {
    const { suggester } = setup();
    const kinds = suggester.suggest("市场监督", 5);
    expect(kinds[0]).toMatchObject({ kind: "department", label: "市场监督管理部门" });
    const articles = suggester.suggest("公安", 10).filter((s) => s.kind === "article");
    expect(articles[0]).toMatchObject({ lawId: laws[0]?.id, article: 25 });
    expect(articles[0]?.label).toContain("《大同市智慧城市促进条例》第二十五条");
  });

  it("forgives a slip of a character in a longer word", () => {
    const { suggester } = setup();
    expect(suggester.suggest("市场监督管里部门")[0]?.label).toBe("市场监督管理部门");
  });

  it("suggests nothing for blank input or what nothing contains, at most `limit` otherwise", () => {
    const { suggester } = setup();
    expect(suggester.suggest("")).toEqual([]);
    expect(suggester.suggest("  ？")).toEqual([]);
    expect(suggester.suggest("zzzq")).toEqual([]);
    expect(suggester.suggest("数据", 2)).toHaveLength(2);
  });

  it("is built on the first call, not before", () => {
    const { suggester, calls } = setup();
    expect(calls()).toBe(0);
    suggester.suggest("数据");
    suggester.suggest("公安");
    expect(calls()).toBe(1);
  });

  it("leaves the articles out when the home laws have too many", () => {
    const many = Array.from({ length: Math.ceil(MAX_SUGGESTED_ARTICLES / 45) + 1 }, () => laws[0] as Law);
    const { suggester } = setup(many);
    expect(suggester.suggest("公安", 20).some((s) => s.kind === "article")).toBe(false);
    expect(suggester.suggest("公安")[0]?.kind).toBe("department");
  });
});
