/**
 * `npm run chat`: the interactive prompt on the embedded defaults (or --corpus, --tokenizer).
 */

import { loadConfig } from "../../config.js";
import { createBot } from "../../mod.js";
import { parseCliArgs } from "./args.js";
import { runChat } from "./chat.js";

createBot(parseCliArgs(process.argv.slice(2), loadConfig()).bot)
  .then((bot) => runChat(bot))
  .catch((error: unknown) => {
    console.error(`chat: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
