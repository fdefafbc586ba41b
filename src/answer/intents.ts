/** Every intent the engine answers (data shared by the vocabulary, the Answer and its schema). */
export const INTENT_NAMES = [
  "greeting",
  "help",
  "responsibility",
  "article_lookup",
  "metadata",
  "structure",
  "followup",
  "topic",
] as const;

/** One of {@link INTENT_NAMES}. */
export type IntentName = (typeof INTENT_NAMES)[number];
