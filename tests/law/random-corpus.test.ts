/**
 * Random corpus files against the loader and createBot (property tests, fast-check): laws of any
 * size in both layouts, numbered in order or not, with repeats, numbers past 9,999 and written
 * without a space, cut off anywhere, with garbage lines and invalid bytes. The loader must never
 * throw, never lose an article without a warning on its line, and never change an article's text:
 * every article is a contiguous part of the file (after the documented normalisations below), or
 * a warning names a line inside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/bot.js";
import { TiaowenError } from "../../src/errors.js";
import { loadLaws } from "../../src/law/load.js";
import type { Law } from "../../src/law/types.js";
import { INTENTS_DIR } from "../helpers/fixtures.js";

/**
 * Statute numerals written independently of the code under test: 四十五, 一百零三, 十五 (not
 * 一十五) at the start, 一万零一十 (一十 inside), up to 九千九百九十九万….
 */
function numeral(n: number, leading = true): string {
  if (n >= 10_000) {
    const low = n % 10_000;
    const rest = low === 0 ? "" : `${low < 1000 ? "零" : ""}${numeral(low, false)}`;
    return `${numeral(Math.floor(n / 10_000), leading)}万${rest}`;
  }
  const digits = "零一二三四五六七八九";
  const places: Array<[number, string]> = [
    [Math.floor(n / 1000) % 10, "千"],
    [Math.floor(n / 100) % 10, "百"],
    [Math.floor(n / 10) % 10, "十"],
    [n % 10, ""],
  ];
  let out = "";
  let gap = false;
  for (const [d, unit] of places) {
    if (d === 0) {
      gap = out !== "";
      continue;
    }
    if (gap) out += "零";
    gap = false;
    out += digits[d] + unit;
  }
  return leading ? out.replace(/^一十/, "十") : out;
}

/** Words of real ordinances, so that the tokenizer and the index see realistic text. */
const WORDS = [
  "市人民政府",
  "应当",
  "加强",
  "数据",
  "共享",
  "市场监督管理部门",
  "负责",
  "食品安全",
  "监督管理",
  "工作",
  "公民",
  "法人",
  "其他组织",
  "依法",
  "申请",
  "政务服务",
  "热线",
  "12345",
  "第三十条",
  "（一）",
  "规定",
  "的",
  "，",
  "、",
];

/** A sentence of 1–40 words ending as statutes end, or (cut) without closing punctuation. */
const sentence = fc
  .tuple(
    fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 40 }),
    fc.constantFrom("。", "；", "："),
  )
  .map(([words, end]) => `${words.join("")}${end}`);

/** One article as the generator writes it. */
interface GenArticle {
  number: number;
  /** How the number is written: 第四十五条 / 第45条. */
  arabic: boolean;
  /** What separates the number from the text. */
  gap: "space" | "ideographic" | "none";
  bullet: boolean;
  paragraphs: string[];
  items: string[];
}

const article = fc.record({
  number: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 60 }) },
    { weight: 1, arbitrary: fc.integer({ min: 9_990, max: 10_020 }) },
    { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 99_999_999 }) },
  ),
  arabic: fc.boolean(),
  gap: fc.constantFrom("space", "ideographic", "none"),
  bullet: fc.boolean(),
  paragraphs: fc.array(sentence, { minLength: 1, maxLength: 3 }),
  items: fc.array(sentence, { maxLength: 3 }),
}) as fc.Arbitrary<GenArticle>;

/** Lines a damaged or odd file may hold between articles. */
const garbage = fc.oneof(
  fc.constantFrom(
    "<!-- 注释 -->",
    "---",
    "> （2020年1月1日通过）",
    "## 第二章　　监督管理",
    "### 第一节 一般规定",
    "## 附则",
    "**加粗的一行**",
    "一、",
    "附件1",
    "| 甲 | 乙 |",
    "第三十条规定的情形，依照本条例处理。",
    "目 录",
  ),
  fc.string({
    unit: fc.constantFrom(..."甲乙丙丁第条章节一二三四五六七八九十百千万〇#*-> 　()（）。，、1234\t"),
    maxLength: 30,
  }),
);

/** A numbering of articles: in order, or with the irregularities of real files. */
const numbering = fc.constantFrom("in order", "as generated", "repeated", "reversed");

/** A law file: its layout, articles, garbage and damage, and the text written from them. */
const lawFile = fc
  .record({
    layout: fc.constantFrom("lawtext", "lawrefbook", "bare"),
    articles: fc.array(article, { maxLength: 25 }),
    numbering,
    garbage: fc.array(fc.tuple(fc.nat(), garbage), { maxLength: 4 }),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 3 }),
    badBytes: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
  })
  .map((spec) => {
    const articles = renumber(spec.articles, spec.numbering);
    const lines = [...header(spec.layout), ...articles.flatMap(articleLines)];
    for (const [at, line] of spec.garbage)
      lines.splice(header(spec.layout).length + (at % (lines.length + 1)), 0, line, "");
    let text = lines.join("\n");
    if (spec.cut !== null) text = text.slice(0, Math.floor(text.length * spec.cut));
    let bytes = Buffer.from(text, "utf8");
    if (spec.badBytes) bytes = Buffer.concat([bytes, Buffer.from([0xff, 0xfe, 0x0a])]);
    return { ...spec, articles, text, bytes };
  });

function renumber(articles: GenArticle[], how: string): GenArticle[] {
  if (how === "as generated") return articles;
  const ordered = articles.map((a, i) => ({ ...a, number: i + 1 }));
  if (how === "reversed") return ordered.reverse();
  if (how === "repeated")
    return [...ordered, ...ordered.slice(0, 3).map((a) => ({ ...a, gap: "space" as const }))];
  return ordered;
}

function header(layout: string): string[] {
  if (layout === "lawtext") {
    return [
      "---",
      "id: x1",
      "title: 示例市随机条例",
      "---",
      "",
      "**示例市随机条例**",
      "",
      "> （2020年1月1日通过）",
      "",
    ];
  }
  if (layout === "lawrefbook")
    return ["# 示例市随机条例", "", "2020年1月1日 示例市人大常委会通过", "", "<!-- INFO END -->", ""];
  return [];
}

function articleLines(a: GenArticle): string[] {
  const label = `第${a.arabic ? a.number : numeral(a.number)}条`;
  const gap = a.gap === "space" ? " " : a.gap === "ideographic" ? "\u3000\u3000" : "";
  const head = a.bullet ? `- **${label}**${gap}` : `${label}${gap}`;
  const lines = [`${head}${a.paragraphs[0]}`, ""];
  for (const p of a.paragraphs.slice(1)) lines.push(a.bullet ? `  ${p}` : p, "");
  a.items.forEach((it, i) => {
    lines.push(`${a.bullet ? "  - " : ""}（${numeral(i + 1)}）${it}`, "");
  });
  return lines;
}

/**
 * The file as the parser's article text keeps it: markup removed (list markers, heading marks,
 * bold, quote marks, indentation), blank lines, comments and rules dropped, item labels in full-width brackets,
 * and a third-level point right after an item written 1.text — the normalisations the parser
 * documents. `text` false: an article's text, whose lines are already in that form.
 */
function normalise(text: string, file = true): string {
  let afterItem = false;
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const l = raw.trim();
    if (l === "" || /^<!--.*-->$/.test(l) || /^(?:-{3,}|\*{3,}|_{3,})$/.test(l)) continue;
    let line = l
      .replace(/^[-*+]\s+/, "")
      .replace(/^#{1,6}\s+/, "")
      .replace(/^>\s*/, "")
      .replace(/\*\*/g, "");
    const item = /^[（(]([一二三四五六七八九十百千万〇零两]+)[）)]\s*/.exec(line);
    const sub = /^(?:(\d+)[.．、]|[（(](\d+)[）)])\s*/.exec(line);
    if (file && sub && afterItem) {
      line = sub[1] ? `${sub[1]}.${line.slice(sub[0].length)}` : `（${sub[2]}）${line.slice(sub[0].length)}`;
    } else if (file && item) {
      line = `（${item[1]}）${line.slice(item[0].length)}`;
      afterItem = true;
    } else if (!l.startsWith(">")) {
      afterItem = false;
    }
    out.push(line);
  }
  return out.join("\n");
}

const warnedLines = (law: Law) => law.warnings.map((w) => Number(/^line (\d+)/.exec(w)?.[1] ?? -1));

/** Every article is a contiguous part of the file, or a warning names a line inside it. */
function checkTexts(law: Law, text: string): void {
  const source = normalise(text);
  const lines = warnedLines(law);
  const starts = law.articles.map((a) => a.line).sort((x, y) => x - y);
  for (const a of law.articles) {
    if (source.includes(normalise(a.text, false))) continue;
    const next = starts.find((s) => s > a.line) ?? Number.POSITIVE_INFINITY;
    expect(
      lines.some((l) => l >= a.line && l < next),
      `${law.file} ${a.label} (line ${a.line}) is not a contiguous part of the file and no warning says why: ${JSON.stringify(a.text)}`,
    ).toBe(true);
  }
}

/** Every well-formed 第X条 line of the file is an article under its label, or a warning names its line. */
function checkNoneLost(law: Law, text: string): void {
  const lines = warnedLines(law);
  const labels = law.articles.map((a) => a.label);
  text.split("\n").forEach((raw, i) => {
    const m = /^(?:- \*\*)?第([一二三四五六七八九十百千万亿零〇\d]+)条(?:\*\*)?[ \u3000]+\S/.exec(raw);
    if (!m) return;
    const n = /^\d+$/.test(m[1] as string) ? Number(m[1]) : undefined;
    const label = `第${n === undefined ? m[1] : numeral(n)}条`;
    if (labels.includes(label) || lines.includes(i + 1)) return;
    expect.fail(`${law.file}:${i + 1}: ${label} was not read and no warning names the line`);
  });
}

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A corpus folder holding the generated files. */
function setup(files: Array<{ bytes: Buffer }>): string {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-random-"));
  made.push(dir);
  files.forEach((f, i) => {
    writeFileSync(join(dir, `law-${i}.md`), f.bytes);
  });
  return dir;
}

describe("loadLaws on random corpus files (property)", () => {
  it("reads or reports every file, never throws, never changes or loses an article silently", () => {
    fc.assert(
      fc.property(fc.array(lawFile, { minLength: 1, maxLength: 4 }), (files) => {
        const dir = setup(files);
        try {
          const { laws, problems } = loadLaws([dir]);
          expect(laws.length + problems.length).toBe(files.length);
          for (const law of laws) {
            const f = files[Number(/law-(\d+)\.md/.exec(law.file)?.[1])] as (typeof files)[number];
            checkTexts(law, f.text);
            checkNoneLost(law, f.text);
            const keys = law.articles.map((a) => `${a.number}.${a.sub}`);
            expect(new Set(keys).size).toBe(keys.length);
          }
          for (const p of problems) expect(p.message).toMatch(/^.+law-\d+\.md:\d+: /);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 150 },
    );
  });

  it("warns about a file cut off inside its last article, naming the line", () => {
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 8 }), fc.nat(), (generated, at) => {
        const articles = renumber(generated, "in order");
        const last = articles.at(-1) as GenArticle;
        const head = [...header("lawrefbook"), ...articles.slice(0, -1).flatMap(articleLines)].join("\n");
        const [first] = articleLines({ ...last, paragraphs: last.paragraphs.slice(0, 1), items: [] });
        // Cut inside the text (after the number), after a word, never right after closing punctuation.
        const from = [...(first as string)].length - [...(last.paragraphs[0] as string)].length;
        const ends = [...(first as string)].flatMap((c, i) =>
          i >= from && /[\u4e00-\u9fff\d]/.test(c) ? [i + 1] : [],
        );
        fc.pre(ends.length > 0);
        const cut = `${head}\n${[...(first as string)].slice(0, ends[at % ends.length]).join("")}`;
        const dir = setup([{ bytes: Buffer.from(cut) }]);
        const [law] = loadLaws([dir]).laws;
        // The cut text is warned about as such — or, where it no longer reads as text (a fragment
        // that looks like a heading), its line is named by another warning.
        const lastLine = cut.split("\n").length;
        const named = law?.warnings.some(
          (w) => w.endsWith("the file may be cut off") || w.startsWith(`line ${lastLine}: `),
        );
        expect(named, JSON.stringify(law?.warnings)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe("createBot on random corpus files (property)", () => {
  it("starts, and answers, whenever one law can be read; otherwise says which files and why", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lawFile, { minLength: 1, maxLength: 3 }), async (files) => {
        const dir = setup(files);
        const { laws, problems } = loadLaws([dir]);
        try {
          const bot = await createBot({ corpusDirs: [dir], intentsDir: INTENTS_DIR });
          expect(laws.length).toBeGreaterThan(0);
          for (const q of ["谁负责食品安全监督管理", "第一条", "第一万条讲什么", "下一条"]) {
            expect(bot.ask(q).text.length).toBeGreaterThan(0);
          }
          for (const law of bot.laws) {
            for (const a of law.articles)
              expect(bot.entry(law.id, a.number, a.sub)?.article.text).toBe(a.text);
          }
        } catch (error) {
          expect(error).toBeInstanceOf(TiaowenError);
          expect((error as TiaowenError).code).toBe("NO_LAWS");
          expect(laws).toEqual([]);
          for (const p of problems) expect((error as Error).message).toContain(p.message);
        }
      }),
      { numRuns: 12 },
    );
  });
});
