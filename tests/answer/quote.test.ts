import { describe, expect, it } from "vitest";
import { pickQuote } from "../../src/answer/quote.js";
import { articleOf, seedLaw } from "../helpers/fixtures.js";

const law = seedLaw();

describe("pickQuote", () => {
  it("quotes a short article whole", () => {
    const a30 = articleOf(law, 30);
    expect(a30.text.length).toBeLessThanOrEqual(170);
    expect(pickQuote(a30, ["食品"])).toBe(a30.text);
  });

  it("quotes the sentences of a long article that hold the matched words", () => {
    const a6 = articleOf(law, 6);
    expect(pickQuote(a6, ["开发区管委会"])).toBe(
      "市、县（区）人民政府其他有关部门和单位、开发区管委会，应当按照各自职责做好智慧城市建设和管理的相关工作。",
    );
    // An item keeps the sentence that introduces its list: it says who must do it.
    expect(pickQuote(a6, ["考核评估"])).toBe(
      "市、县（区）智慧城市主管部门负责本行政区域内智慧城市建设的推进、监督、管理工作，履行下列主要职责：……\n（六）建立考核评估机制，落实智慧城市推进责任。",
    );
    // Items left out between quoted ones are marked, never silently spliced.
    expect(pickQuote(a6, ["法律法规", "考核评估"])).toBe(
      "市、县（区）智慧城市主管部门负责本行政区域内智慧城市建设的推进、监督、管理工作，履行下列主要职责：\n（一）贯彻实施智慧城市建设有关法律法规；……\n（六）建立考核评估机制，落实智慧城市推进责任。",
    );
  });

  it("quotes the whole article when nothing matches or nothing is given", () => {
    const a6 = articleOf(law, 6);
    expect(pickQuote(a6, [])).toBe(a6.text);
    expect(pickQuote(a6, ["高铁"])).toBe(a6.text);
  });

  it("quotes only sentences of the article itself", () => {
    for (const a of law.articles) {
      const quote = pickQuote(a, ["智慧", "平台", "建设"]);
      expect(quote.length).toBeGreaterThan(0);
      for (const sentence of quote
        .replace(/……/g, "\n")
        .split(/(?<=[。；：])|\n/)
        .filter(Boolean))
        expect(a.text).toContain(sentence);
    }
  });
});
