/**
 * How much a question word is the law's kind of word: its topicality, from how often it occurs in
 * legal text against general Chinese (learned/word-stats.tsv, built by `npm run learn:words`).
 * 食品安全, 工资, 签证 occur in laws far more than in everyday text: topical, full weight, so a
 * question about wages stays out of an ordinance that never mentions them. 到底, 有没有, 咱们, 听说
 * never occur in law: the talk around a question, little weight — without a stop-word list.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../paths.js";

/** The word statistics the bot reads by default. */
export const DEFAULT_WORD_STATS = join(PROJECT_ROOT, "learned", "word-stats.tsv");

/** Topicality of words, 0–1. */
export interface WordWeights {
  /** 1 for the law's kind of word, near 0 for conversational words; words never seen count as topical. */
  topicality(word: string): number;
  /** Whether the word occurs in legal text or is a common word of general Chinese. */
  isWord(word: string): boolean;
  /** How often the word occurs in general Chinese (jieba's dictionary count; 0 when unknown). */
  generalFrequency(word: string): number;
}

/** Options of {@link createWordWeights}. */
export interface WordWeightOptions {
  /**
   * The legal/general rate ratio at which a word counts half: t = r / (r + halfAt). A word as
   * common in law as in general text (r = 1) is mostly topical.
   */
  halfAt?: number;
  /** The least a word weighs: conversational words still tell a little. */
  floor?: number;
  /** How sharply topicality rises around `halfAt`: t = r^p / (r^p + halfAt^p). */
  power?: number;
  /** The least a noun weighs: nouns are the subject of a question even when they are everyday words. */
  nounFloor?: number;
}

// jieba's noun tags: common, proper, institution, other proper noun, verbal noun — not places (大同
// in a question to the 大同 ordinance is where, not what). A tag of a
// word seen fewer than MIN_TAGGED times in jieba's corpus is left unread (大屏幕 is tagged nr there).
const NOUN_TAGS = new Set(["n", "ng", "nz", "nt", "nl", "vn"]);
const MIN_TAGGED = 20;
function isNoun(row: Row): boolean {
  return row.general >= MIN_TAGGED && NOUN_TAGS.has(row.tag);
}

const DEFAULTS: Required<WordWeightOptions> = {
  halfAt: Number(process.env.TW_HALF ?? 1),
  floor: Number(process.env.TW_FLOOR ?? 0.05),
  power: Number(process.env.TW_POW ?? 2),
  nounFloor: Number(process.env.TW_NOUN ?? 0.7),
};

interface Row {
  tf: number;
  general: number;
  /** jieba's part of speech: n, v, d… ("" when the dictionary has none). */
  tag: string;
}

/** Reads the table; a missing file gives weights that treat every word as topical. */
export function loadWordWeights(file = DEFAULT_WORD_STATS, options: WordWeightOptions = {}): WordWeights {
  if (!existsSync(file)) return { topicality: () => 1, isWord: () => false, generalFrequency: () => 0 };
  return createWordWeights(readFileSync(file, "utf8"), options);
}

/** Weights from the text of a word-stats table. */
export function createWordWeights(table: string, options: WordWeightOptions = {}): WordWeights {
  const { halfAt, floor, power, nounFloor } = { ...DEFAULTS, ...options };
  const rows = new Map<string, Row>();
  let legalTokens = 1;
  let generalTokens = 1;
  for (const line of table.split("\n")) {
    if (line.startsWith("#")) {
      legalTokens = Number(/legalTokens=(\d+)/.exec(line)?.[1] ?? 1);
      generalTokens = Number(/generalTokens=(\d+)/.exec(line)?.[1] ?? 1);
      continue;
    }
    const [word, , tf, general, tag] = line.split("\t");
    if (word) rows.set(word, { tf: Number(tf), general: Number(general), tag: tag ?? "" });
  }
  const ofRow = (row: Row): number => {
    if (row.general === 0) return 1;
    const ratio = row.tf / legalTokens / (row.general / generalTokens);
    const t = Math.max(floor, ratio ** power / (ratio ** power + halfAt ** power));
    // A noun is what a question is about, however everyday: 舌尖 (food), 老板, 电子眼. Only the
    // talk around it (到底, 咱们, 听说, 一下: adverbs, pronouns, verbs of speech) weighs little.
    return isNoun(row) ? Math.max(t, nounFloor) : t;
  };
  const memo = new Map<string, number>();
  const topicality = (word: string): number => {
    const row = rows.get(word);
    if (row) return ofRow(row);
    const chars = [...word];
    if (chars.length < 2 || !chars.every((c) => rows.has(c))) return 1;
    // A word neither corpus knows ("记不住", "烦死了", a typo): as topical as its characters.
    let cached = memo.get(word);
    if (cached === undefined) {
      cached = chars.reduce((sum, c) => sum + ofRow(rows.get(c) as Row), 0) / chars.length;
      if (memo.size < 10_000) memo.set(word, cached);
    }
    return cached;
  };
  return {
    topicality,
    isWord: (word) => rows.has(word),
    generalFrequency: (word) => rows.get(word)?.general ?? 0,
  };
}
