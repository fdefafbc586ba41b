/**
 * The editable vocabulary under intents/: user dictionary, synonyms, English glossary,
 * stop words and intent rules. Data, not code: a non-programmer changes these files and the
 * bot picks them up on the next start or reload. Everything is validated on load, and a mistake
 * names the file and the entry.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load as parseYaml } from "js-yaml";
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
  /**
   * Words about a law itself rather than what it regulates (条例, 施行, 废止, 修正, 适用 …): what is
   * left of a question about the law may hold them and still be about the law.
   */
  lawWords: Set<string>;
  /**
   * Places within or around the home laws' own place (the deployment's counties and districts, its
   * province, the country): a question naming one says where it is asked. Any other place named is
   * a place the home laws do not govern (太原有没有这样的条例) and counts as a subject of its own.
   */
  localPlaces: Set<string>;
  /** Reply templates by key (greeting, help, not_covered…), with {placeholders}. */
  replies: Record<string, string>;
}

// The shapes of the four YAML files. A small checker rather than zod: the vocabulary is read at
// every start, and importing zod alone costs more than a third of the start-up budget.
type Check = (value: unknown, path: string) => string | undefined;
const at = (path: string, message: string) => `${path || "(top)"}: ${message}`;
const text =
  (min = 0): Check =>
  (v, path) =>
    typeof v === "string" && v.length >= min
      ? undefined
      : at(path, min > 0 ? "must be non-empty text" : "must be text");
const scalar: Check = (v, path) =>
  typeof v === "string" || typeof v === "number" ? undefined : at(path, "must be text or a number");
const list =
  (item: Check, min = 0): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return at(path, "must be a list");
    if (v.length < min) return at(path, `must have at least ${min} entries`);
    for (const [i, x] of v.entries()) {
      const problem = item(x, path ? `${path}.${i}` : String(i));
      if (problem) return problem;
    }
    return undefined;
  };
const either =
  (...checks: Check[]): Check =>
  (v, path) =>
    checks.some((c) => c(v, path) === undefined) ? undefined : (checks.at(-1) as Check)(v, path);
const mapping =
  (value: Check): Check =>
  (v, path) => {
    if (v === null || typeof v !== "object" || Array.isArray(v))
      return at(path, "must be a mapping of keys to values");
    for (const [k, x] of Object.entries(v)) {
      const problem = value(x, path ? `${path}.${k}` : k);
      if (problem) return problem;
    }
    return undefined;
  };
const fields =
  (shape: Record<string, Check>, optional: string[] = []): Check =>
  (v, path) => {
    if (v === null || typeof v !== "object" || Array.isArray(v))
      return at(path, "must be a mapping of fields");
    for (const [k, check] of Object.entries(shape)) {
      const x = (v as Record<string, unknown>)[k];
      const here = path ? `${path}.${k}` : k;
      if (x === undefined) {
        if (!optional.includes(k)) return at(here, "is missing");
        continue;
      }
      const problem = check(x, here);
      if (problem) return problem;
    }
    return undefined;
  };

const Pattern = text(1);
const FacetRules = list(fields({ facet: text(1), patterns: list(Pattern, 1) }));
const IntentsFile = fields(
  {
    greeting: list(Pattern, 1),
    help: list(Pattern, 1),
    metadata: FacetRules,
    structure: FacetRules,
    responsibility: list(Pattern, 1),
    article_lookup: list(Pattern, 1),
    topic: FacetRules,
    followup: FacetRules,
    law_words: list(text(1)),
    local_places: list(text(1)),
    replies: mapping(text()),
  },
  ["law_words", "local_places"],
);
const SynonymsFile = fields({ groups: list(list(scalar, 2)) });
const GlossaryFile = fields({ terms: mapping(either(scalar, list(scalar))) });
const StopwordsFile = fields({ zh: list(text()), en: list(text()), frames: list(Pattern) }, ["frames"]);

type Facets = Array<{ facet: string; patterns: string[] }>;
interface IntentsData {
  greeting: string[];
  help: string[];
  metadata: Facets;
  structure: Facets;
  responsibility: string[];
  article_lookup: string[];
  topic: Facets;
  followup: Facets;
  law_words?: string[];
  local_places?: string[];
  replies: Record<string, string>;
}

function readYaml<T>(dir: string, name: string, check: Check): T {
  const file = join(dir, name);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    throw new VocabularyError(
      file,
      `cannot read it (${(error as Error).message}); the intents folder must hold ${name}`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    throw new VocabularyError(file, `not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  const problem = check(data, "");
  if (problem) throw new VocabularyError(file, problem);
  return data as T;
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

// Synonym terms added to the user dictionary: Chinese words of two to six characters.
const SYNONYM_WORD = /^\p{Script=Han}{2,6}$/u;
const SYNONYM_FREQ = 1000;

// Contractions whose bare form is a word of its own: "id" is an ID card, not i'd.
const WORDS_OF_THEIR_OWN = new Set(["id", "ill", "well", "shed", "wed", "hell", "shell"]);

/**
 * English stop words as typed on a phone as well: "im", "dont", "theres" for i'm, don't, there's
 * (a contraction without its apostrophe is, with a few exceptions, not an English word of its own).
 */
function withoutApostrophes(words: readonly string[]): Set<string> {
  const set = new Set(words);
  for (const w of words) {
    const bare = w.replaceAll("'", "");
    if (bare !== w && !WORDS_OF_THEIR_OWN.has(bare)) set.add(bare);
  }
  return set;
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
  for (const group of readYaml<{ groups: Array<Array<string | number>> }>(dir, "synonyms.yaml", SynonymsFile)
    .groups) {
    const terms = [...new Set(group.map((t) => normalize(String(t))).filter(Boolean))];
    for (const t of terms) {
      const others = synonyms.get(t) ?? [];
      for (const o of terms) if (o !== t && !others.includes(o)) others.push(o);
      synonyms.set(t, others);
    }
  }

  const glossary = new Map<string, string[]>();
  let glossaryMaxWords = 1;
  for (const [en, zh] of Object.entries(
    readYaml<{ terms: Record<string, string | number | Array<string | number>> }>(
      dir,
      "glossary-en.yaml",
      GlossaryFile,
    ).terms,
  )) {
    const key = normalize(en);
    const values = (Array.isArray(zh) ? zh : [zh]).map((v) => normalize(String(v))).filter(Boolean);
    glossary.set(key, values);
    glossaryMaxWords = Math.max(glossaryMaxWords, key.split(" ").length);
  }

  const stop = readYaml<{ zh: string[]; en: string[]; frames?: string[] }>(
    dir,
    "stopwords.yaml",
    StopwordsFile,
  );
  const intentsFile = join(dir, "intents.yaml");
  const intents = readYaml<IntentsData>(dir, "intents.yaml", IntentsFile);
  const simple = (intent: IntentName, patterns: string[]): IntentRule => ({
    intent,
    patterns: patterns.map((p) => compile(intentsFile, p)),
  });
  const faceted = (intent: IntentName, rules: Array<{ facet: string; patterns: string[] }>): IntentRule[] =>
    rules.map((r) => ({ intent, facet: r.facet, patterns: r.patterns.map((p) => compile(intentsFile, p)) }));

  const localPlaces = new Set((intents.local_places ?? []).map(normalize));
  // The local places are words the tokenizer must keep whole (广灵县, not 广灵/县): named once, in
  // intents.yaml, and added to the user dictionary here.
  const inDictionary = new Set(dictionary.map((d) => d.word));
  for (const place of localPlaces) if (!inDictionary.has(place)) dictionary.push({ word: place, tag: "ns" });
  // The synonyms' terms are words too (找工作, not 找/工作 with 工作 a stop word): kept whole where
  // jieba's own dictionary has no likelier cut, hence a low frequency. Tuning sets A–F 890 either
  // way, G1 109 → 109, H1 109 → 111 at 1,000; at 50,000 (the user words' default) 889, 110, 111.
  for (const term of synonyms.keys())
    if (!inDictionary.has(term) && SYNONYM_WORD.test(term) && !localPlaces.has(term))
      dictionary.push({ word: term, freq: SYNONYM_FREQ });

  return {
    dictionary,
    synonyms,
    glossary,
    glossaryMaxWords,
    stopwordsZh: new Set(stop.zh.map(normalize)),
    stopwordsEn: withoutApostrophes(stop.en.map(normalize)),
    frames: (stop.frames ?? []).map((f) => new RegExp(compile(join(dir, "stopwords.yaml"), f).source, "gu")),
    // Order matters: small talk, follow-ups, then facts about the law, then who-is-responsible,
    // then article numbers (so "第三十条由谁负责" is a responsibility question about article 30).
    rules: [
      simple("greeting", intents.greeting),
      simple("help", intents.help),
      ...faceted("followup", intents.followup),
      ...faceted("metadata", intents.metadata),
      ...faceted("structure", intents.structure),
      ...faceted("topic", intents.topic),
      simple("responsibility", intents.responsibility),
      simple("article_lookup", intents.article_lookup),
    ],
    lawWords: new Set((intents.law_words ?? []).map(normalize)),
    localPlaces,
    replies: intents.replies,
  };
}
