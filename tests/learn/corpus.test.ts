import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/learn/corpus.js";
import { LEARN_FIXTURE } from "../helpers/learn.js";

describe("loadCorpus", () => {
  it("reads every law and gives each article its law, type, key, chapter and section", () => {
    const corpus = loadCorpus([LEARN_FIXTURE.corpus]);
    expect(corpus.laws).toHaveLength(3);
    expect(corpus.unreadable).toBe(0);
    expect(corpus.docs).toHaveLength(corpus.laws.reduce((n, l) => n + l.articles.length, 0));
    expect(corpus.docs.find((x) => x.key === "物业管理条例#41")).toEqual({
      law: "物业管理条例",
      lawType: "行政法规",
      key: "物业管理条例#41",
      chapter: "物业管理条例#32",
      section: "物业管理条例#32",
    });
  });
});
