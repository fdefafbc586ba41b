/**
 * The editable vocabulary under intents/: user dictionary, synonyms, English glossary,
 * stop words and intent rules. Data, not code: a non-programmer changes these files and the
 * bot picks them up on the next start or reload. Everything is validated on load, and a mistake
 * names the file and the entry.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load as parseYaml } from "js-yaml";
import { z } from "zod";
import { VocabularyError } from "../errors.js";
import { normalize } from "../text/normalize.js";
import type { DictionaryWord } from "../text/tokenizer.js";

/** A rule that recognises one kind of question; `facet` narrows it (metadata: effective, approval…). */
export interface IntentRule {
  intent: IntentName;
  facet?: string;
  patterns: RegExp[];
}

/** Every intent the engine answers. */
export type IntentName =
  | "greeting"
  | "help"
  | "responsibility"
  | "article_lookup"
  | "metadata"
  | "structure"
  | "followup"
  | "topic";

/** The loaded vocabulary. */
export interface Vocabulary {
  dictionary: DictionaryWord[];
  /** term → the other terms of its synonym group(s). Keys and values are normalised. */
  synonyms: Map<string, string[]>;
  /** English word or phrase (lower case) → Chinese terms. */
  glossary: Map<string, string[]>;
  /** Longest glossary phrase, in words: bounds the phrase search. */
  glossaryMaxWords: number;
  stopwordsZh: Set<string>;
  stopwordsEn: Set<string>;
  /** Question frames ("怎么处理", "哪些地方") removed before segmentation. */
  frames: RegExp[];
  /** Intent rules in the order they are tried. */
  rules: IntentRule[];
  /** Reply templates by key (greeting, help, not_covered…), with {placeholders}. */
  replies: Record<string, string>;
}

const Pattern = z.string().min(1);
const FacetRules = z.array(z.object({ facet: z.string().min(1), patterns: z.array(Pattern).min(1) }));
const IntentsFile = z.object({
  greeting: z.array(Pattern).min(1),
  help: z.array(Pattern).min(1),
  metadata: FacetRules,
  structure: FacetRules,
  responsibility: z.array(Pattern).min(1),
  article_lookup: z.array(Pattern).min(1),
  followup: FacetRules,
  replies: z.record(z.string(), z.string()),
});
const SynonymsFile = z.object({ groups: z.array(z.array(z.union([z.string(), z.number()])).min(2)) });
const GlossaryFile = z.object({
  terms: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))])),
});
const StopwordsFile = z.object({
  zh: z.array(z.string()),
  en: z.array(z.string()),
  frames: z.array(Pattern).optional().default([]),
});

function readYaml<T>(dir: string, name: string, schema: z.ZodType<T>): T {
  const file = join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new VocabularyError(
      file,
      `cannot read it (${(error as Error).message}); the intents folder must hold ${name}`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new VocabularyError(file, `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VocabularyError(file, `${issue?.path.join(".") || "(top)"}: ${issue?.message}`);
  }
  return parsed.data;
}

function compile(file: string, source: string): RegExp {
  try {
    return new RegExp(source, "u");
  } catch (error) {
    throw new VocabularyError(
      file,
      `pattern ${JSON.stringify(source)} is not a valid regular expression: ${(error as Error).message}`,
    );
  }
}

/** Reads the jieba user dictionary: `word [freq] [tag]` per line, # comments. */
export function parseDictionary(text: string): DictionaryWord[] {
  const words: DictionaryWord[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const [word, second, third] = line.split(/\s+/);
    if (!word) continue;
    const entry: DictionaryWord = { word: normalize(word) };
    // jieba's format: `word [freq] [tag]` — the frequency may be left out and the tag kept.
    const freq = second && /^\d+$/.test(second) ? second : undefined;
    const tag = freq ? third : second;
    if (freq) entry.freq = Number(freq);
    if (tag) entry.tag = tag;
    words.push(entry);
  }
  return words;
}

/**
 * Loads and validates the vocabulary in `dir` (the project's intents/ folder).
 * @throws VocabularyError naming the file and entry that is wrong.
 */
export function loadVocabulary(dir: string): Vocabulary {
  const dictFile = join(dir, "dictionary.txt");
  let dictText = "";
  try {
    dictText = readFileSync(dictFile, "utf8");
  } catch (error) {
    throw new VocabularyError(dictFile, `cannot read it (${(error as Error).message})`);
  }
  const dictionary = parseDictionary(dictText);

  const synonyms = new Map<string, string[]>();
  for (const group of readYaml(dir, "synonyms.yaml", SynonymsFile).groups) {
    const terms = [...new Set(group.map((t) => normalize(String(t))).filter(Boolean))];
    for (const t of terms) {
      const others = synonyms.get(t) ?? [];
      for (const o of terms) if (o !== t && !others.includes(o)) others.push(o);
      synonyms.set(t, others);
    }
  }

  const glossary = new Map<string, string[]>();
  let glossaryMaxWords = 1;
  for (const [en, zh] of Object.entries(readYaml(dir, "glossary-en.yaml", GlossaryFile).terms)) {
    const key = normalize(en);
    const values = (Array.isArray(zh) ? zh : [zh]).map((v) => normalize(String(v))).filter(Boolean);
    glossary.set(key, values);
    glossaryMaxWords = Math.max(glossaryMaxWords, key.split(" ").length);
  }

  const stop = readYaml(dir, "stopwords.yaml", StopwordsFile);
  const intentsFile = join(dir, "intents.yaml");
  const intents = readYaml(dir, "intents.yaml", IntentsFile);
  const simple = (intent: IntentName, patterns: string[]): IntentRule => ({
    intent,
    patterns: patterns.map((p) => compile(intentsFile, p)),
  });
  const faceted = (intent: IntentName, rules: Array<{ facet: string; patterns: string[] }>): IntentRule[] =>
    rules.map((r) => ({ intent, facet: r.facet, patterns: r.patterns.map((p) => compile(intentsFile, p)) }));

  return {
    dictionary,
    synonyms,
    glossary,
    glossaryMaxWords,
    stopwordsZh: new Set(stop.zh.map(normalize)),
    stopwordsEn: new Set(stop.en.map(normalize)),
    frames: stop.frames.map((f) => new RegExp(compile(join(dir, "stopwords.yaml"), f).source, "gu")),
    // Order matters: small talk, follow-ups, then facts about the law, then who-is-responsible,
    // then article numbers (so "第三十条由谁负责" is a responsibility question about article 30).
    rules: [
      simple("greeting", intents.greeting),
      simple("help", intents.help),
      ...faceted("followup", intents.followup),
      ...faceted("metadata", intents.metadata),
      ...faceted("structure", intents.structure),
      simple("responsibility", intents.responsibility),
      simple("article_lookup", intents.article_lookup),
    ],
    replies: intents.replies,
  };
}
