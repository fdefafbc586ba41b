/**
 * A copy of intents/ in a temporary folder, for tests that edit the vocabulary the way staff do
 * (add a synonym, break a YAML file) and reload.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_INTENTS_DIR } from "../../src/bot.js";

/** The everyday word the tests teach the bot: "舌尖安全" is food safety, which the seed does not know. */
export const NEW_SYNONYM = "舌尖";

/** A copy of intents/, and edits on it. */
export function copyIntents() {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-intents-"));
  cpSync(DEFAULT_INTENTS_DIR, dir, { recursive: true });
  const synonyms = join(dir, "synonyms.yaml");
  const original = readFileSync(synonyms, "utf8");
  return {
    dir,
    /** Adds 舌尖 to the food group, as staff would after reading the review. */
    addSynonym() {
      const edited = original.replace(
        "  - [食品, 食物, 餐饮, 吃的]",
        `  - [食品, 食物, 餐饮, 吃的, ${NEW_SYNONYM}]`,
      );
      if (edited === original)
        throw new Error("the food group of synonyms.yaml has changed: update tests/helpers/intents.ts");
      writeFileSync(synonyms, edited);
    },
    /** Breaks synonyms.yaml (an unclosed bracket). */
    breakSynonyms() {
      writeFileSync(synonyms, `${original}\n  - [食品, 食物\n`);
    },
    restore() {
      writeFileSync(synonyms, original);
    },
  };
}
