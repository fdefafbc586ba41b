/**
 * The terminal channel: an interactive question-and-answer prompt on the conversation service,
 * which keeps the conversation's context, so "下一条" and "那由哪个部门负责？" work as in the chat apps.
 */
import { createInterface } from "node:readline/promises";
import { createConversation } from "../../conversation/service.js";
import type { Bot } from "../../mod.js";
import { renderForTerminal } from "./render.js";

/** Options of {@link runChat}. */
export interface ChatOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

/** Runs the prompt until end of input (Ctrl-D) or "exit". */
export async function runChat(bot: Bot, options: ChatOptions = {}): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const terminal = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output, terminal });
  const law = bot.homeLaws.map((l) => `《${l.title}》`).join("、");
  output.write(`条文 tiaowen — 依据${law}回答问题。输入问题后回车；输入 exit 退出。\n\n`);
  // One conversation, in memory; the terminal is for staff and nothing is recorded.
  const conversation = createConversation({ bot });
  rl.setPrompt("问> ");
  rl.prompt();
  for await (const line of rl) {
    const q = line.trim();
    if (/^(exit|quit|退出)$/i.test(q)) break;
    if (q !== "") {
      const { answer } = await conversation.ask("cli", "terminal", q);
      output.write(`${renderForTerminal(answer)}\n\n`);
    }
    rl.prompt();
  }
  rl.close();
}
