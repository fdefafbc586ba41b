import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/types.js";
import type { Bot } from "../../src/bot.js";
import { createJsonlLog } from "../../src/feedback/jsonl-log.js";
import {
  ANSWER_ID_PATTERN,
  createRecorder,
  groupingForm,
  LOW_CONFIDENCE,
  newAnswerId,
  recordKind,
} from "../../src/feedback/recorder.js";
import { createMemoryStore } from "../../src/state/store.js";
import { seedBot } from "../helpers/http-server.js";

const LAW = "ff808081736bb19d01744e08caa80dd3";
const HASH = "5f1d3a9c0b7e4f2a8c6d1e0b9a7f3c2d";
const WHEN = new Date("2024-05-01T02:00:00.000Z");
const DAY = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-02T00:00:00Z") };

let bot: Bot;
beforeAll(async () => {
  bot = await seedBot();
});

function setup() {
  const log = createJsonlLog({ file: join(mkdtempSync(join(tmpdir(), "tiaowen-rec-")), "feedback.jsonl") });
  const store = createMemoryStore<unknown>();
  const recorder = createRecorder({ log, store, bot: () => bot, now: () => WHEN });
  const ask = (question: string, channel: "http" | "telegram" | "wechat" = "http") =>
    recorder.seen({ channel, user: HASH, question, answer: bot.ask(question) });
  return { log, store, recorder, ask };
}

describe("recordKind", () => {
  const answer = (a: Partial<Answer>) => ({ ...bot.ask("第三十条"), ...a });
  it("records refusals and low confidence about the law, not greetings, help or a lone 下一条", () => {
    expect(recordKind("谁负责舌尖安全", bot.ask("谁负责舌尖安全"))).toBe("unanswered");
    // (An answer as the core gives one at 0.6, whichever question gets it after the latest tuning.)
    expect(recordKind("政务服务能不能一窗受理", answer({ intent: "topic", confidence: 0.6 }))).toBe(
      "low_confidence",
    );
    expect(recordKind("谁负责食品安全监管", bot.ask("谁负责食品安全监管"))).toBeUndefined();
    expect(recordKind("下一条", bot.ask("下一条"))).toBeUndefined();
    expect(recordKind("你好", bot.ask("你好"))).toBeUndefined();
    expect(recordKind("  ", answer({ answered: false }))).toBeUndefined();
    expect(recordKind("？", answer({ answered: false }))).toBeUndefined();
    expect(recordKind("x", answer({ confidence: LOW_CONFIDENCE }))).toBeUndefined();
  });
});

describe("groupingForm", () => {
  it("normalises and drops the punctuation around a question, not inside it", () => {
    expect(groupingForm("  誰負責舌尖安全？？ ")).toBe("谁负责舌尖安全");
    expect(groupingForm("“城市APP”有哪些功能?")).toBe("城市app”有哪些功能");
    expect(groupingForm("第30条，讲什么。")).toBe("第30条,讲什么");
    expect(groupingForm("？！")).toBe("");
  });
});

describe("newAnswerId", () => {
  it("makes short, URL-safe, distinct ids", () => {
    const ids = new Set(Array.from({ length: 1000 }, newAnswerId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(ANSWER_ID_PATTERN);
  });
});

describe("createRecorder", () => {
  it("records an unanswered question with its normalised form and the closest articles", async () => {
    const { log, ask } = setup();
    const id = await ask("誰負責舌尖安全？");
    expect(id).toMatch(ANSWER_ID_PATTERN);
    const [record, ...rest] = await log.read(DAY);
    expect(rest).toEqual([]);
    expect(record).toMatchObject({
      kind: "unanswered",
      at: "2024-05-01T02:00:00.000Z",
      answerId: id,
      channel: "http",
      user: HASH,
      question: "誰負責舌尖安全？",
      normalized: "谁负责舌尖安全",
      intent: "responsibility",
      answered: false,
      confidence: bot.ask("誰負責舌尖安全？").confidence,
    });
    expect(record?.candidates.length).toBeGreaterThan(0);
    expect(record?.candidates[0]).toMatchObject({ lawId: LAW, law: "大同市智慧城市促进条例" });
  });

  it("records nothing for a well answered question, but keeps it for a rating", async () => {
    const { log, ask, recorder } = setup();
    const id = await ask("谁负责食品安全监管");
    expect(await log.read(DAY)).toEqual([]);
    expect(await recorder.rate(id, "up", "http")).toBe("recorded");
    const [record] = await log.read(DAY);
    expect(record).toMatchObject({
      kind: "rating",
      rating: "up",
      question: "谁负责食品安全监管",
      cited: { lawId: LAW, article: 30, label: "第三十条" },
      candidates: [],
    });
  });

  it("records a 👎 with the closest articles, once per answer", async () => {
    const { log, ask, recorder } = setup();
    const id = await ask("第三十条讲什么", "telegram");
    expect(await recorder.rate(id, "down", "telegram")).toBe("recorded");
    expect(await recorder.rate(id, "up", "telegram")).toBe("repeated");
    const records = await log.read(DAY);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind: "rating", rating: "down", channel: "telegram" });
    expect(records[0]?.candidates.length).toBeGreaterThan(0);
  });

  it("refuses ids it does not know, of another channel, or not shaped like its own", async () => {
    const { ask, recorder, log } = setup();
    const id = await ask("第三十条", "wechat");
    expect(await recorder.rate(newAnswerId(), "up", "wechat")).toBe("unknown");
    expect(await recorder.rate(id, "up", "telegram")).toBe("unknown");
    expect(await recorder.rate("../../etc/passwd", "up", "wechat")).toBe("unknown");
    expect(await log.read(DAY)).toEqual([]);
  });
});
