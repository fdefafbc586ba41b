import { beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { renderForTerminal } from "../../../src/channels/cli/render.js";

let bot: Bot;

beforeAll(async () => {
  bot = await createBot();
});

function setup(question: string) {
  return bot.ask(question);
}

describe("renderForTerminal", () => {
  it("prints the answer text, then the related articles", () => {
    const answer = setup("谁负责智慧城市建设");
    expect(answer.related.length).toBeGreaterThan(0);
    const text = renderForTerminal(answer);
    expect(text.startsWith(`${answer.text}\n\n相关条文：`)).toBe(true);
    const first = answer.related[0];
    expect(text).toContain(`${first?.label}（${first?.gist}）`);
    // No space after the full-width colon.
    expect(text).toContain(`相关条文：${first?.label}`);
  });

  it("prints just the text when nothing is related", () => {
    const answer = setup("第三十条");
    expect(answer.related).toEqual([]);
    expect(renderForTerminal(answer)).toBe(answer.text);
  });

  it("labels related articles in English for English answers", () => {
    const answer = setup("Who is responsible for smart city construction?");
    expect(answer.lang).toBe("en");
    expect(answer.related.length).toBeGreaterThan(0);
    expect(renderForTerminal(answer).startsWith(`${answer.text}\n\nRelated: `)).toBe(true);
  });
});
