import { PassThrough } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { type Bot, createBot } from "../../../src/bot.js";
import { runChat } from "../../../src/channels/cli/chat.js";

let bot: Bot;

beforeAll(async () => {
  bot = await createBot();
});

/** A chat over in-memory streams; `lines` are typed in, `end` closes the input afterwards. */
async function setup(lines: string[], end = true) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.setEncoding("utf8").on("data", (d: string) => {
    printed += d;
  });
  const done = runChat(bot, { input, output });
  for (const line of lines) input.write(`${line}\n`);
  if (end) input.end();
  await done;
  return { printed, input };
}

describe("runChat", () => {
  it("introduces itself with the law and how to leave", async () => {
    const { printed } = await setup([]);
    expect(
      printed.startsWith(
        "条文 tiaowen — 依据《大同市智慧城市促进条例》回答问题。输入问题后回车；输入 exit 退出。",
      ),
    ).toBe(true);
  });

  it("answers each line and keeps the context for follow-ups", async () => {
    const { printed } = await setup(["第三十条", "下一条", "那由谁负责？"]);
    expect(printed).toContain("《大同市智慧城市促进条例》第三十条（第四章 智慧治理）全文如下：");
    expect(printed).toContain("《大同市智慧城市促进条例》第三十一条（第四章 智慧治理）全文如下：");
    expect(printed).toContain(
      "根据《大同市智慧城市促进条例》第三十一条（第四章 智慧治理），负责的是市、县（区）人民政府。",
    );
    expect(printed).not.toContain("请先提一个问题");
  });

  it("ends on exit, even while the input stays open", async () => {
    const { printed, input } = await setup(["你好", "exit", "第三十条"], false);
    expect(printed).toContain("您好！我是条文助手");
    expect(printed).not.toContain("第三十条（第四章 智慧治理）全文如下");
    input.destroy();
  });

  it("skips empty lines", async () => {
    const { printed } = await setup(["", "   ", "退出"], false);
    expect(printed).not.toContain("请输入您的问题");
  });
});
