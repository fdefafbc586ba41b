import { describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../src/bot.js";
import { createBotHolder, ReloadError } from "../../src/ops/bot-holder.js";
import { copyIntents } from "../helpers/intents.js";

const QUESTION = "谁负责舌尖安全";

function setup() {
  const intents = copyIntents();
  const holder = createBotHolder(() => createBot({ intentsDir: intents.dir }));
  return { intents, holder };
}

describe("createBotHolder", () => {
  it("is starting, then ready with the first bot", async () => {
    const { holder } = setup();
    expect(holder.state()).toBe("starting");
    expect(holder.current()).toBeUndefined();
    const bot = await holder.ready;
    expect(holder.state()).toBe("ready");
    expect(holder.current()).toBe(bot);
  });

  it("swaps in a bot built from the edited vocabulary, telling its listeners", async () => {
    const { intents, holder } = setup();
    const first = await holder.ready;
    expect(first.ask(QUESTION).answered).toBe(false);
    const swaps: Bot[] = [];
    holder.onSwap((bot) => swaps.push(bot));
    intents.addSynonym();
    const outcome = await holder.reload();
    expect(outcome).toMatchObject({ generation: 2, laws: 1, articles: 45 });
    const now = holder.current();
    expect(now).not.toBe(first);
    expect(swaps).toEqual([now]);
    expect(now?.ask(QUESTION).citations[0]?.label).toBe("第三十条");
  });

  it("keeps the old bot when the vocabulary is broken, and says what is wrong", async () => {
    const { intents, holder } = setup();
    const first = await holder.ready;
    intents.breakSynonyms();
    const failed = holder.reload();
    await expect(failed).rejects.toBeInstanceOf(ReloadError);
    await expect(failed).rejects.toThrow(
      /^the new vocabulary could not be loaded, so the previous one is still answering: .*synonyms\.yaml: not valid YAML/,
    );
    await expect(failed).rejects.toMatchObject({ code: "RELOAD_FAILED" });
    expect(holder.current()).toBe(first);
    expect(holder.state()).toBe("ready");
    intents.restore();
    expect((await holder.reload()).generation).toBe(2);
  });

  it("runs reloads one after another", async () => {
    const { holder } = setup();
    await holder.ready;
    const [a, b] = await Promise.all([holder.reload(), holder.reload()]);
    expect([a.generation, b.generation]).toEqual([2, 3]);
  });

  it("reports a first bot that cannot be built, and can still be reloaded into service", async () => {
    const { intents } = setup();
    intents.breakSynonyms();
    const holder = createBotHolder(() => createBot({ intentsDir: intents.dir }));
    await expect(holder.ready).rejects.toThrow(/synonyms\.yaml/);
    expect(holder.state()).toBe("failed");
    intents.restore();
    await holder.reload();
    expect(holder.state()).toBe("ready");
    expect(holder.current()?.ask("第三十条").answered).toBe(true);
  });
});
