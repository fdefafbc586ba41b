import { describe, expect, it } from "vitest";
import { LAW_TERM_EMPHASIS, withLawTerms } from "../../src/understand/law-terms.js";
import type { AnalyzedQuery, QueryUnit } from "../../src/understand/query.js";

const unit = (text: string, emphasis: number, from: "zh" | "en" = "zh"): QueryUnit => ({
  text,
  expansions: [],
  parts: [],
  known: true,
  from,
  emphasis,
});
const query = (...units: QueryUnit[]): AnalyzedQuery => ({ normalized: "", lang: "zh", units });
const law = "推进智能美食、智能通讯、智能影院、智能租车、智能超市等生活领域的智慧应用";
const inLaw = (text: string) => law.includes(text);

describe("withLawTerms", () => {
  it("raises both words of a law term the question writes out (智能 + 租车)", () => {
    const q = withLawTerms(query(unit("智能", 0.81), unit("租车", 0.16), unit("共享", 1)), inLaw);
    expect(q.units.map((u) => u.emphasis)).toEqual([0.81, LAW_TERM_EMPHASIS, 1]);
  });

  it("leaves words alone that are not neighbours in the law, single characters and English", () => {
    const apart = query(unit("租车", 0.16), unit("超市", 0.2));
    expect(withLawTerms(apart, inLaw)).toBe(apart);
    const single = query(unit("智能", 0.8), unit("租", 0.1), unit("车", 0.1));
    expect(withLawTerms(single, inLaw)).toBe(single);
    const english = query(unit("智能", 0.81, "en"), unit("租车", 0.16, "en"));
    expect(withLawTerms(english, inLaw)).toBe(english);
  });
});
