import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LawParseError, TiaowenError } from "../../src/errors.js";
import { parseOrdinance } from "../../src/law/parse.js";
import {
  articleOf,
  CORPUS_DIR,
  FIXTURES_DIR,
  LAWREFBOOK,
  LAWTEXT_JINAN,
  parseFile,
  read,
  SEED_FILE,
  seedLaw,
} from "../helpers/fixtures.js";

function setup() {
  const source = read(SEED_FILE);
  return { law: seedLaw(), lines: source.split("\n") };
}

/** Parses inline Markdown and returns the LawParseError it throws (fails when it throws none). */
function parseError(markdown: string, file: string): LawParseError {
  try {
    parseOrdinance(markdown, { file });
  } catch (error) {
    if (error instanceof LawParseError) return error;
    throw error;
  }
  throw new Error(`expected ${file} to be refused`);
}

/** Small LawRefBook-style text: `# 标题`, then the given body. */
function lawRefBook(body: string): string {
  return `# 测试市测试条例\n\n2020年1月1日测试市人民代表大会常务委员会第一次会议通过\n\n<!-- INFO END -->\n\n${body}`;
}

describe("parseOrdinance", () => {
  describe("the Datong seed (lawtext layout)", () => {
    it("has 7 chapters and 45 articles, numbered 1 to 45", () => {
      const { law } = setup();
      expect(law.chapters).toHaveLength(7);
      expect(law.articles).toHaveLength(45);
      expect(law.articles.map((a) => a.number)).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
      expect(law.articles.every((a) => a.sub === 0)).toBe(true);
    });

    it("reads the chapters with their labels, tidied titles and articles", () => {
      const { law } = setup();
      expect(law.chapters.map((c) => `${c.label} ${c.title}`)).toEqual([
        "第一章 总则",
        "第二章 规划和建设",
        "第三章 智慧民生",
        "第四章 智慧治理",
        "第五章 智慧产业",
        "第六章 法律责任",
        "第七章 附则",
      ]);
      expect(law.chapters[4]?.articles).toEqual([33, 34, 35, 36, 37, 38, 39, 40, 41, 42]);
      expect(law.chapters[6]?.articles).toEqual([45]);
      expect(law.chapters.every((c) => c.sections.length === 0)).toBe(true);
    });

    it("does not read the written table of contents (目 录) as chapters", () => {
      const { law } = setup();
      expect(law.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(law.warnings).toEqual([]);
    });

    it("labels articles the way the law writes them", () => {
      const { law } = setup();
      expect(articleOf(law, 45).label).toBe("第四十五条");
      expect(articleOf(law, 30).label).toBe("第三十条");
      expect(articleOf(law, 21).label).toBe("第二十一条");
      expect(articleOf(law, 10).label).toBe("第十条");
    });

    it("puts each article in its chapter", () => {
      const { law } = setup();
      expect(articleOf(law, 30).chapter).toEqual({ number: 4, label: "第四章", title: "智慧治理" });
      expect(articleOf(law, 6).chapter).toEqual({ number: 1, label: "第一章", title: "总则" });
      expect(articleOf(law, 45).chapter).toEqual({ number: 7, label: "第七章", title: "附则" });
      expect(articleOf(law, 30).section).toBeNull();
      for (const chapter of law.chapters) {
        for (const n of chapter.articles) expect(articleOf(law, n).chapter?.number).toBe(chapter.number);
      }
    });

    it("reads article 6 as two paragraphs, the first with six items", () => {
      const { law } = setup();
      const a6 = articleOf(law, 6);
      expect(a6.paragraphs).toHaveLength(2);
      const [first, second] = a6.paragraphs;
      expect(first?.text).toBe(
        "市、县（区）智慧城市主管部门负责本行政区域内智慧城市建设的推进、监督、管理工作，履行下列主要职责：",
      );
      expect(first?.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(first?.items.map((i) => i.label)).toEqual([
        "（一）",
        "（二）",
        "（三）",
        "（四）",
        "（五）",
        "（六）",
      ]);
      expect(first?.items[2]?.text).toBe("指导、审核、监督智慧城市项目建设；");
      expect(second?.text).toBe(
        "市、县（区）人民政府其他有关部门和单位、开发区管委会，应当按照各自职责做好智慧城市建设和管理的相关工作。",
      );
      expect(second?.items).toEqual([]);
    });

    it("joins paragraphs and items into the article text, item labels included", () => {
      const { law } = setup();
      const lines = articleOf(law, 6).text.split("\n");
      expect(lines).toHaveLength(8);
      expect(lines[1]).toBe("（一）贯彻实施智慧城市建设有关法律法规；");
      expect(lines[7]).toMatch(/^市、县（区）人民政府其他有关部门/);
      expect(articleOf(law, 7).text.split("\n")).toHaveLength(2);
      expect(articleOf(law, 45).text).toBe("本条例自2018年5月1日起施行。");
    });

    it("records the line on which each article starts", () => {
      const { law, lines } = setup();
      for (const a of law.articles) expect(lines[a.line - 1]).toContain(`**${a.label}**`);
    });

    it("reads the front matter", () => {
      const { law } = setup();
      expect(law.id).toBe("ff808081736bb19d01744e08caa80dd3");
      expect(law.title).toBe("大同市智慧城市促进条例");
      expect(law.author).toBe("大同市人民代表大会常务委员会");
      expect(law.status).toBe("有效");
      expect(law.sourceUrl).toBe("https://flk.npc.gov.cn/detail?id=ff808081736bb19d01744e08caa80dd3");
      expect(law.file).toBe("大同市智慧城市促进条例.md");
    });

    it("takes the dates from the history note and the front matter", () => {
      const { law } = setup();
      expect(law.dates).toEqual({
        passed: "2017-10-31",
        approved: "2018-01-22",
        amended: ["2019-04-25"],
        publication: "2019-08-09",
        effective: "2019-10-01",
      });
    });

    it("splits the history note into dated events", () => {
      const { law } = setup();
      expect(law.historyText).toHaveLength(1);
      expect(law.history.map((e) => [e.date, e.action, e.body])).toEqual([
        ["2017-10-31", "通过", "大同市第十五届人民代表大会常务委员会第八次会议"],
        ["2018-01-22", "批准", "山西省第十二届人民代表大会常务委员会第四十三次会议"],
        ["2019-04-25", "修正", "大同市第十五届人民代表大会常务委员会第二十三次会议"],
        ["2019-07-31", "批准", "山西省第十三届人民代表大会常务委员会第十二次会议"],
      ]);
      expect(law.history[2]?.text).toContain(
        "《关于修改〈大同市体育市场管理办法〉等二十七件法规的决定》修正",
      );
    });
  });

  describe("LawRefBook layout", () => {
    it("reads 济南: 44 articles; those before the first heading become an untitled 第一章, with a warning", () => {
      const law = parseFile(LAWREFBOOK.jinan);
      expect(law.title).toBe("济南市12345市民服务热线条例");
      expect(law.articles).toHaveLength(44);
      expect(law.chapters).toHaveLength(7);
      expect(law.chapters[0]).toEqual({
        number: 1,
        label: "第一章",
        title: "",
        sections: [],
        articles: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      });
      expect(articleOf(law, 1).chapter).toEqual({ number: 1, label: "第一章", title: "" });
      expect(articleOf(law, 11).chapter).toEqual({ number: 2, label: "第二章", title: "职责分工" });
      expect(law.warnings).toEqual([
        "line 37: articles before the first chapter heading: they are read as 第一章 (untitled)",
      ]);
    });

    it("reads 济南's history lines, derives id and author, and leaves unknown facts empty", () => {
      const law = parseFile(LAWREFBOOK.jinan);
      expect(law.id).toBe("济南市12345市民服务热线条例(2018-07-27)");
      expect(law.author).toBe("济南市人民代表大会常务委员会");
      expect(law.dates).toEqual({ passed: "2018-06-28", approved: "2018-07-27", amended: [] });
      expect(law.status).toBeNull();
      expect(law.sourceUrl).toBeNull();
      expect(law.history.map((e) => [e.date, e.action, e.body])).toEqual([
        ["2018-06-28", "通过", "济南市第十六届人民代表大会常务委员会第十六次会议"],
        ["2018-07-27", "批准", "山东省第十三届人民代表大会常务委员会第四次会议"],
      ]);
      expect(articleOf(law, 44).text).toBe("本条例自2018年9月1日起施行。");
    });

    it("reads the same articles from 济南 in both layouts", () => {
      const original = parseFile(LAWREFBOOK.jinan);
      const converted = parseFile(LAWTEXT_JINAN);
      expect(converted.articles.map((a) => [a.number, a.text])).toEqual(
        original.articles.map((a) => [a.number, a.text]),
      );
      expect(converted.chapters.map((c) => c.title)).toEqual(original.chapters.map((c) => c.title));
      expect(converted.id).toBe("lawrefbook-066da436028041d3827af5322957445b");
      expect(converted.dates.effective).toBe("2018-09-01");
      // The conversion writes status: 'unknown' and urls: [] where the source says nothing.
      expect(converted.status).toBeNull();
      expect(converted.sourceUrl).toBeNull();
    });

    it("reads 济宁's headings that lost their 第X章 prefix as the next chapters, with warnings", () => {
      const law = parseFile(LAWREFBOOK.jining);
      expect(law.articles).toHaveLength(74);
      expect(law.chapters).toHaveLength(10);
      expect(law.chapters.map((c) => `${c.label}${c.title}`)).toEqual([
        "第一章",
        "第二章发展规划",
        "第三章信息基础设施建设",
        "第四章信息资源的汇集与共享",
        "第五章信息惠民",
        "第六章智慧政务和社会管理",
        "第七章产业发展",
        "第八章保障和促进措施",
        "第九章法律责任",
        "第十章附则",
      ]);
      expect(law.chapters[1]?.articles).toEqual([7, 8, 9, 10, 11, 12, 13]);
      expect(law.warnings).toContain(
        'line 25: heading "发展规划" has no 第X章 prefix; read as the next chapter',
      );
      expect(law.warnings).toContain(
        'line 89: heading "信息惠民" has no 第X章 prefix; read as the next chapter',
      );
      expect(law.warnings.filter((w) => w.includes("has no 第X章 prefix"))).toHaveLength(4);
    });

    it("does not double 北京's chapters when its table of contents is written as headings", () => {
      const law = parseFile(LAWREFBOOK.beijing);
      expect(law.articles).toHaveLength(58);
      expect(law.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(law.chapters[0]?.articles).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(law.chapters.every((c) => c.articles.length > 0)).toBe(true);
      expect(law.warnings).toEqual([
        "line 25: chapter headings repeat before any article: the first run was a table of contents",
      ]);
    });

    it("reads 深圳's sections (第X节), including one that lost its prefix", () => {
      const law = parseFile(LAWREFBOOK.shenzhen);
      expect(law.articles).toHaveLength(100);
      expect(law.chapters).toHaveLength(7);
      expect(law.chapters[1]?.sections.map((s) => `${s.label}${s.title}`)).toEqual([
        "第一节一般规定",
        "第二节告知与同意",
        "第三节个人数据处理",
      ]);
      expect(law.chapters[3]?.sections).toEqual([
        { number: 1, label: "第一节", title: "一般规定" },
        { number: 2, label: "第二节", title: "市场培育" },
        { number: 3, label: "第三节", title: "公平竞争" },
      ]);
      expect(articleOf(law, 61).section).toEqual({ number: 2, label: "第二节", title: "市场培育" });
      expect(articleOf(law, 68).section?.title).toBe("公平竞争");
      expect(articleOf(law, 1).section).toBeNull();
      expect(law.warnings).toEqual([
        'line 315: heading "市场培育" has no 第X节 prefix; read as the next section',
      ]);
    });
  });

  describe("small texts", () => {
    it("reads chapters, sections and items written inline", () => {
      const law = parseOrdinance(
        lawRefBook(
          "## 第一章 总 则\n\n### 第一节 一般规定\n\n第一条 为了测试，制定本条例。\n\n### 第二节 特别规定\n\n第二条 本条例所称事项包括：\n\n（一）甲；\n\n(二)乙。\n\n## 第二章 附 则\n\n第三条 本条例自2020年3月1日起施行。\n",
        ),
        { file: "inline.md" },
      );
      expect(law.title).toBe("测试市测试条例");
      expect(law.chapters.map((c) => `${c.label}${c.title}`)).toEqual(["第一章总则", "第二章附则"]);
      expect(articleOf(law, 2).section).toEqual({ number: 2, label: "第二节", title: "特别规定" });
      expect(articleOf(law, 2).paragraphs[0]?.items.map((i) => `${i.label}${i.text}`)).toEqual([
        "（一）甲；",
        "（二）乙。",
      ]);
      expect(articleOf(law, 3).section).toBeNull();
      expect(law.author).toBe("测试市人民代表大会常务委员会");
      expect(law.warnings).toEqual([]);
    });

    it("keeps a third level (1. 2.) inside its item", () => {
      const law = parseOrdinance(
        lawRefBook("第一条 下列事项：\n\n（一）数据：\n\n1.公共数据；\n\n2.个人数据。\n\n第二条 其他。\n"),
        { file: "levels.md" },
      );
      expect(articleOf(law, 1).paragraphs[0]?.items).toEqual([
        { number: 1, label: "（一）", text: "数据：\n1.公共数据；\n2.个人数据。" },
      ]);
    });

    it("reads 第X条之一 as a sub-article after its parent", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第一条之一 乙。\n\n第二条 丙。\n"), {
        file: "sub.md",
      });
      expect(law.articles.map((a) => [a.number, a.sub, a.label])).toEqual([
        [1, 0, "第一条"],
        [1, 1, "第一条之一"],
        [2, 0, "第二条"],
      ]);
    });

    it("accepts a byte-order mark, CRLF line ends, U+00A0 and full-width separators", () => {
      const law = parseOrdinance(
        "\uFEFF# 测试条例\r\n\r\n第一条\u00a0甲。\r\n\r\n第二条\u3000\u3000乙。\r\n",
        {
          file: "crlf.md",
        },
      );
      expect(law.articles.map((a) => a.text)).toEqual(["甲。", "乙。"]);
      expect(law.chapters).toEqual([]);
      expect(articleOf(law, 1).chapter).toBeNull();
    });

    it("reads full-width and ASCII article numbers", () => {
      const law = parseOrdinance(lawRefBook("第1条 甲。\n\n第２条 乙。\n"), { file: "digits.md" });
      expect(law.articles.map((a) => a.label)).toEqual(["第一条", "第二条"]);
    });

    it("warns about gaps in the numbering and a first article other than 第一条", () => {
      const gap = parseOrdinance(lawRefBook("第一条 甲。\n\n第三条 丙。\n"), { file: "gap.md" });
      expect(gap.articles.map((a) => a.number)).toEqual([1, 3]);
      expect(gap.warnings).toHaveLength(1);
      expect(gap.warnings[0]).toBe("line 9: article 2 is missing before 第三条");
      const late = parseOrdinance(lawRefBook("第二条 乙。\n"), { file: "late.md" });
      expect(late.warnings).toEqual(["line 7: the first article is 第二条, not 第一条"]);
    });
  });

  describe("malformed input", () => {
    it("refuses front matter that never ends", () => {
      const error = parseError("---\ntitle: 测试条例\n\n第一条 内容。\n", "open.md");
      expect(error).toBeInstanceOf(TiaowenError);
      expect(error.name).toBe("LawParseError");
      expect(error.code).toBe("LAW_PARSE");
      expect(error.file).toBe("open.md");
      expect(error.line).toBe(1);
      expect(error.message).toBe(
        "open.md:1: front matter starts with --- but never ends; add a closing --- line",
      );
    });

    it("refuses invalid YAML and names the line of the front matter that is wrong", () => {
      const error = parseError("---\ntitle: 甲条例\ntitle: 乙条例\n---\n\n第一条 内容。\n", "twice.md");
      expect(error.line).toBe(3);
      expect(error.message).toMatch(/^twice\.md:3: front matter is not valid YAML: /);
      const quote = parseError('---\nid: x\ntitle: "测试条例\n---\n\n第一条 内容。\n', "quote.md");
      expect(quote.message).toMatch(/^quote\.md:\d+: front matter is not valid YAML: /);
    });

    it("refuses front matter that is not a mapping of fields", () => {
      const error = parseError("---\n- 测试条例\n- 2020\n---\n# 测试条例\n\n第一条 内容。\n", "list.md");
      expect(error.message).toBe(
        "list.md:2: front matter is not a YAML mapping of fields (id, title, author, …)",
      );
    });

    it("names the file as given, path included", () => {
      const error = parseError("---\ntitle: [\n---\n第一条 内容。\n", "seeds/sub/无题.md");
      expect(error.file).toBe("seeds/sub/无题.md");
      expect(error.message.startsWith("seeds/sub/无题.md:")).toBe(true);
    });
  });

  describe("texts read with a warning, never refused", () => {
    it("takes the title from the file name when the text has none", () => {
      const law = parseOrdinance("第一条 内容。\n\n第二条 内容。\n", {
        file: "山东/示例市无题条例(2020-01-01).md",
      });
      expect(law.title).toBe("示例市无题条例");
      expect(law.warnings[0]).toBe(
        'line 1: no title found: the file name "示例市无题条例" is used; add `title:` to the front matter or a `# 标题` first line',
      );
    });

    it("reads a text with no numbering as one passage, 全文", () => {
      const law = parseOrdinance("# 测试条例\n\n这是一段说明。\n", { file: "plain.md" });
      expect(law.numbering).toBe("whole");
      expect(law.articles.map((a) => [a.number, a.label, a.text, a.line])).toEqual([
        [1, "全文", "这是一段说明。", 3],
      ]);
      expect(law.warnings).toEqual([]);
    });

    it("lists a law with no text at all, with nothing to cite and a warning", () => {
      const law = parseOrdinance("# 测试条例\n", { file: "empty.md" });
      expect(law.articles).toEqual([]);
      expect(law.warnings).toEqual([
        "line 2: no text besides the title and history: the law is listed, with nothing to cite",
      ]);
    });

    it("keeps a repeated number under its label and gives it the next number after the highest", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第二条 乙。\n\n第二条 丙。\n\n第三条 丁。\n"), {
        file: "dup.md",
      });
      expect(law.articles.map((a) => [a.number, a.sub, a.label, a.text])).toEqual([
        [1, 0, "第一条", "甲。"],
        [2, 0, "第二条", "乙。"],
        [4, 0, "第二条", "丙。"],
        [3, 0, "第三条", "丁。"],
      ]);
      expect(law.warnings).toEqual([
        "line 11: 第二条 appears again (first on line 9): read as article 4, labelled 第二条",
      ]);
    });

    it("reads articles out of order where they stand, with a warning", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第三条 乙。\n\n第二条 丙。\n"), {
        file: "order.md",
      });
      expect(law.articles.map((a) => [a.number, a.text])).toEqual([
        [1, "甲。"],
        [3, "乙。"],
        [2, "丙。"],
      ]);
      expect(law.warnings).toEqual([
        "line 9: article 2 is missing before 第三条",
        "line 11: 第二条 comes after 第三条; it is read where it stands",
      ]);
    });

    it("leaves out an article with no text, naming its line", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第二条\n\n第三条 丙。\n"), { file: "bare.md" });
      expect(law.articles.map((a) => a.label)).toEqual(["第一条", "第三条"]);
      expect(law.warnings).toEqual(["line 9: 第二条 has no text: it is left out"]);
    });

    it("reads an article number it cannot read as text of the article before, with a warning", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第十十条 乙。\n"), { file: "bad.md" });
      expect(law.articles.map((a) => a.text)).toEqual(["甲。\n第十十条 乙。"]);
      expect(law.warnings).toEqual([
        'line 9: cannot read the article number "十十": the line is read as text',
      ]);
    });

    it("warns when the last article ends without closing punctuation", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n第二条 本条例自2020年3月1日起\n"), {
        file: "cut.md",
      });
      expect(law.articles.map((a) => a.text)).toEqual(["甲。", "本条例自2020年3月1日起"]);
      expect(law.warnings).toEqual([
        'line 9: 第二条 ends without closing punctuation ("…例自2020年3月1日起"): the file may be cut off',
      ]);
    });

    it.each([
      ["a closing 。", "本条例自2020年3月1日起施行。"],
      ["a table row", "| 甲 | 乙 |"],
      ["the caption of an attachment the text leaves out", "本条例自公布之日起施行。\n\n附件1"],
    ])("does not warn about an end with %s", (_, end) => {
      const law = parseOrdinance(lawRefBook(`第一条 ${end}\n`), { file: "end.md" });
      expect(law.warnings).toEqual([]);
    });

    it("does not warn about a reply that ends with its signature date", () => {
      const law = parseOrdinance(
        "# 测试批复\n\n某某院：\n\n经研究，批复如下：同意。\n\n此复\n\n最高人民检察院\n\n2014年4月17日\n",
        {
          file: "reply.md",
        },
      );
      expect(law.articles.map((a) => a.text)).toEqual([
        "某某院：\n经研究，批复如下：同意。\n此复\n最高人民检察院\n2014年4月17日",
      ]);
      expect(law.warnings).toEqual([]);
    });

    it("warns about a > line after the first article, which it reads as history", () => {
      const law = parseOrdinance(lawRefBook("第一条 甲。\n\n> 注：乙。\n"), { file: "quote.md" });
      expect(law.articles.map((a) => a.text)).toEqual(["甲。"]);
      expect(law.historyText).toContain("注：乙。");
      expect(law.warnings).toEqual([
        'line 9: a ">" line after the first article is read as history, not article text',
      ]);
    });

    it("warns about articles a table of contents hides", () => {
      const law = parseOrdinance(lawRefBook("## 目录\n\n第一条 甲。\n"), { file: "toc.md" });
      expect(law.warnings).toContain(
        "line 9: 第一条 is inside the table of contents (目录, line 7) and is not read",
      );
    });
  });

  describe("第X条 written straight before its text", () => {
    it("reads it as an article when it continues the numbering", () => {
      const law = parseOrdinance(lawRefBook("第一条依法登记。\n\n第二条建筑区划内的房屋。\n"), {
        file: "tight.md",
      });
      expect(law.articles.map((a) => [a.label, a.text])).toEqual([
        ["第一条", "依法登记。"],
        ["第二条", "建筑区划内的房屋。"],
      ]);
      expect(law.numbering).toBe("articles");
    });

    it.each([
      ["第二条规定的情形，依照本条例处理。"],
      ["第二条第一款所称部门，是指市人民政府。"],
      ["第二条、第三条的规定适用于本市。"],
      ["第一条增加第二款：“…”。"],
      ["第五条公司为被执行人提供担保。"],
    ])("keeps %s as text of the article before (a reference, or out of turn)", (line) => {
      const law = parseOrdinance(lawRefBook(`第一条 甲：\n\n${line}\n`), { file: "ref.md" });
      expect(law.articles.map((a) => a.text)).toEqual([`甲：\n${line}`]);
    });
  });
});

describe("parseOrdinance on the irregular fixtures (tests/fixtures/irregular)", () => {
  const irregular = (name: string) => parseFile(join(FIXTURES_DIR, "irregular", name));

  it("reads a 决定 numbered by paragraph: label 一、 with number 1, items inside", () => {
    const law = irregular("全国人民代表大会常务委员会关于国家监察委员会制定监察法规的决定.md");
    expect(law.numbering).toBe("paragraphs");
    expect(law.articles.map((a) => [a.number, a.label])).toEqual([
      [1, "一、"],
      [2, "二、"],
      [3, "三、"],
      [4, "四、"],
    ]);
    expect(articleOf(law, 1).text).toBe(
      "国家监察委员会根据宪法和法律，制定监察法规。\n监察法规可以就下列事项作出规定：\n（一）为执行法律的规定需要制定监察法规的事项；\n（二）为履行领导地方各级监察委员会工作的职责需要制定监察法规的事项。\n监察法规不得与宪法、法律相抵触。",
    );
    expect(articleOf(law, 4).text).toBe("本决定自2019年10月27日起施行。");
    expect(law.warnings).toEqual([
      'line 34: text before the first article is not part of any article: "为了贯彻实施《中华人民共和国宪法》和《中华人民共和国监察法》"',
    ]);
  });

  it("reads a 批复 without numbering as one passage cited by its title", () => {
    const law = irregular("最高人民检察院关于强迫借贷行为适用法律问题的批复.md");
    expect(law.numbering).toBe("whole");
    expect(law.title).toBe("最高人民检察院关于强迫借贷行为适用法律问题的批复");
    expect(law.articles).toHaveLength(1);
    const [whole] = law.articles;
    expect(whole?.label).toBe("全文");
    expect(whole?.text.split("\n")).toEqual([
      "中华人民共和国最高人民检察院",
      "公 告",
      "《最高人民检察院关于强迫借贷行为适用法律问题的批复》已于2014年4月11日由最高人民检察院第十二届检察委员会第十九次会议通过，现予公布，自公布之日起施行。",
      "最高人民检察院",
      "2014年4月17日",
      "最高人民检察院关于强迫借贷行为适用法律问题的批复",
      "（2014年4月11日最高人民检察院第十二届检察委员会",
      "第十九次会议通过）",
      "高检发释字〔2014〕1号",
      "广东省人民检察院：",
      "你院《关于强迫借贷案件法律适用的请示》（粤检发研字〔2014〕9号）收悉。经研究，批复如下：",
      expect.stringMatching(/^以暴力、胁迫手段强迫他人借贷.*追究刑事责任。$/),
      "此复",
      "最高人民检察院",
      "2014年4月17日",
    ]);
    expect(law.historyText).toEqual([
      "（2014年4月11日最高人民检察院第十二届检察委员会",
      "第十九次会议通过）",
    ]);
    expect(law.warnings).toEqual([]);
  });

  it("reads 第一条依法… (no space after the number) as articles", () => {
    const law = irregular("最高人民法院关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释.md");
    expect(law.numbering).toBe("articles");
    expect(law.articles.map((a) => a.number)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(
      articleOf(law, 1).text.startsWith("依法登记取得或者依据民法典第二百二十九条至第二百三十一条规定取得"),
    ).toBe(true);
    expect(articleOf(law, 19).text.split("\n")[0]).toBe("本解释自2009年10月1日起施行。");
  });

  it("reads articles out of order where they stand, with a warning", () => {
    const law = irregular(
      "全国人民代表大会常务委员会关于国家安全机关行使公安机关的侦查、拘留、预审和执行逮捕的职权的决定.md",
    );
    expect(law.articles.map((a) => a.number).slice(0, 4)).toEqual([37, 40, 3, 38]);
    expect(law.warnings).toContain("line 53: 第三条 comes after 第四十条; it is read where it stands");
  });

  it("keeps every article of a text whose attachment counts again from 第一条", () => {
    const law = irregular("重新组建仲裁机构方案.md");
    const labels = law.articles.map((a) => a.label);
    expect(labels.filter((l) => l === "第一条")).toHaveLength(2);
    const keys = law.articles.map((a) => `${a.number}.${a.sub}`);
    expect(new Set(keys).size).toBe(keys.length);
    const again = law.articles.find((a) => a.label === "第一条" && a.number !== 1);
    expect(again?.text.startsWith("为了保证公正、及时地仲裁经济纠纷")).toBe(true);
    expect(law.warnings).toContain(
      `line 224: 第一条 appears again (first on line 94): read as article ${again?.number}, labelled 第一条`,
    );
  });

  it("reads points 1. 2. … under titles 一、二、… as passages in chapters", () => {
    const law = irregular("最高人民法院关于海事法院受理案件范围的规定.md");
    expect(law.numbering).toBe("paragraphs");
    expect(law.articles.map((a) => a.number)).toEqual(
      Array.from({ length: law.articles.length }, (_, i) => i + 1),
    );
    expect(law.articles.length).toBeGreaterThan(100);
    expect(articleOf(law, 1).label).toBe("1.");
    expect(law.chapters[0]).toMatchObject({ number: 1, label: "一、", title: "海事侵权纠纷案件" });
    expect(articleOf(law, 1).chapter).toEqual({ number: 1, label: "一、", title: "海事侵权纠纷案件" });
  });

  it("splits the first numbered paragraph off the preamble line it was run into", () => {
    const law = irregular(
      "全国人民代表大会常务委员会关于《中华人民共和国香港特别行政区基本法》第十三条第一款和第十九条的解释.md",
    );
    expect(law.articles.map((a) => a.label)).toEqual(["一、", "二、", "三、", "四、"]);
    expect(articleOf(law, 1).text.startsWith("关于香港特别行政区终审法院提请解释的第（1）个问题。")).toBe(
      true,
    );
    expect(law.warnings[0]).toMatch(/^line 34: text before the first article/);
    expect(law.warnings).toContain(
      'line 38: 一、 starts inside the line ("…一、关于香港特别行政区终"): read from there as paragraph 一',
    );
  });

  it("lists a LawRefBook law whose text is missing, with nothing to cite", () => {
    const law = irregular("汕头经济特区突发公共卫生事件应急条例(2022-05-30).md");
    expect(law.title).toBe("汕头经济特区突发公共卫生事件应急条例");
    expect(law.articles).toEqual([]);
    expect(law.dates.passed).toBe("2022-05-30");
    expect(law.warnings).toHaveLength(1);
  });

  it("reads 第一万条 and the numbers after it, each as its own article", () => {
    const law = irregular("示例市万条条例.md");
    expect(law.articles.map((a) => [a.number, a.label])).toEqual([
      [9998, "第九千九百九十八条"],
      [9999, "第九千九百九十九条"],
      [10000, "第一万条"],
      [10001, "第一万零一条"],
    ]);
    expect(articleOf(law, 9999).text).toBe("条文编号按照中文数字书写。");
    expect(law.warnings).toEqual(["line 7: the first article is 第九千九百九十八条, not 第一条"]);
  });

  it("warns that a file cut off in the middle of an article may be truncated", () => {
    const law = irregular("大同市智慧城市促进条例（截断）.md");
    expect(law.articles.at(-1)?.label).toBe("第十一条");
    expect(law.warnings).toEqual([
      'line 73: 第十一条 ends without closing punctuation ("…物联网之间多网融合，打造"): the file may be cut off',
    ]);
  });
});

describe("parseOrdinance on the real corpus", () => {
  // Exact article counts of the ten regulations (lawtext layout), checked against their sources.
  it.each([
    ["上海市数据条例.md", 91, 10],
    ["北京市数字经济促进条例.md", 58, 9],
    ["安阳市政务服务条例.md", 58, 6],
    ["广东省市场监管条例.md", 71, 7],
    ["政务数据共享条例.md", 44, 8],
    ["杭州市智慧经济促进条例.md", 51, 7],
    ["济南市12345市民服务热线条例.md", 44, 7],
    ["济宁市智慧城市促进条例.md", 74, 10],
    ["浙江省数字经济促进条例.md", 62, 9],
    ["深圳经济特区数据条例.md", 100, 7],
  ])("%s has %i articles in %i chapters, numbered 1…n", (file, articles, chapters) => {
    const law = parseFile(join(CORPUS_DIR, file));
    expect(law.articles).toHaveLength(articles);
    expect(law.chapters).toHaveLength(chapters);
    expect(law.articles.map((a) => a.number)).toEqual(Array.from({ length: articles }, (_, i) => i + 1));
    expect(law.title).toBe(file.replace(/\.md$/, ""));
  });

  it("reads inverted heading levels (安阳: 第一章 at ##, later chapters at ###, sections at ##)", () => {
    const law = parseFile(LAWREFBOOK.anyang);
    expect(law.articles).toHaveLength(58);
    expect(law.chapters.map((c) => c.label)).toEqual([
      "第一章",
      "第二章",
      "第三章",
      "第四章",
      "第五章",
      "第六章",
    ]);
    expect(law.chapters[2]?.sections.map((s) => s.label)).toEqual(["第一节", "第二节", "第三节", "第四节"]);
  });

  it("keeps a third level (1. and （1）) inside its item (深圳经济特区房地产登记条例)", () => {
    const law = parseFile(LAWREFBOOK.shenzhenRealEstate);
    expect(law.articles).toHaveLength(60);
    const a29 = articleOf(law, 29);
    const items = a29.paragraphs[0]?.items ?? [];
    expect(items.map((i) => i.label)).toEqual(["（二）", "（三）", "（四）"]);
    expect(items[1]?.text).toContain("\n1.以出让方式取得土地使用权的应当提交：\n（1）土地使用合同书");
  });

  it("reads the U+00A0 after 第X条 in 济南 and makes the untitled first chapter", () => {
    const law = parseFile(LAWREFBOOK.jinan);
    expect(law.articles).toHaveLength(44);
    expect(law.chapters[0]).toMatchObject({ label: "第一章", title: "" });
    expect(law.warnings.some((w) => w.includes("read as 第一章"))).toBe(true);
  });

  it("parses the lawtext and LawRefBook forms of the same law to the same articles", () => {
    const a = parseFile(LAWTEXT_JINAN);
    const b = parseFile(LAWREFBOOK.jinan);
    expect(a.articles.map((x) => x.text)).toEqual(b.articles.map((x) => x.text));
  });
});
