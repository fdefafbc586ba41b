import { createBot } from "./src/bot.ts";

const bot = await createBot();
for (const q of process.argv.slice(2)) {
  const a = bot.ask(q);
  console.log(q, "→", a.notes[0], a.intent, a.citations[0]?.article);
}
