import { describe, expect, it } from "vitest";
import { loadCorpus } from "../../src/learn/corpus.js";
import { LEARN_FIXTURE } from "../helpers/learn.js";

describe("loadCorpus", () => {
  it("gives each article its law, type, key, groups, normalised text and heading", () => {
    const corpus = loadCorpus([LEARN_FIXTURE.corpus]);
    expect(corpus.laws).toHaveLength(3);
    expect(corpus.unreadable).toBe(0);
    const a = corpus.articles.find((x) => x.key === "物业管理条例#41");
    expect(a).toMatchObject({
      law: "物业管理条例",
      lawType: "行政法规",
      number: 41,
      sub: 0,
      chapter: "物业管理条例#32",
      section: "物业管理条例#32",
    });
    expect(a?.text.startsWith("业主应当根据物业服务合同的约定交纳物业服务费用")).toBe(true);
    expect(a?.heading).toBe("物业管理条例;物业管理服务;");
  });
});
