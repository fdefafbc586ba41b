/**
 * The learned tables: what `npm run learn` writes under learned/ and the ranker reads at start-up.
 * Three JSON files, each with the format version; all keys sorted and numbers rounded, so the same
 * input gives the same bytes. They hold term statistics only: counts of words per law, chapter,
 * section and article, and word-to-word translation probabilities — never a question.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { TiaowenError } from "../../errors.js";
import type { BackgroundCounts, GroupCounts, GroupCountTable } from "./posterior.js";

/**
 * The format version of the files; a reader refuses any other. 2: the article fields are the
 * engine's own postings (BM25 parameters in `fieldBm25`), group counts of the corpus stored.
 */
export const TABLES_VERSION = 2;

/** The file names under the tables folder. */
export const TABLE_FILES = {
  groups: "groups.json",
  translation: "translation.json",
  ranker: "ranker.json",
} as const;

/** The features of the learned ranking, in the order of their weights. */
export const FEATURES = [
  "words",
  "bigrams",
  "heading",
  "translation",
  "asked",
  "lawPrior",
  "popularity",
  "judicialInterpretation",
  "administrativeRegulation",
  "chapterPrior",
  "sectionPrior",
  "chapterAsked",
] as const;
/** One of {@link FEATURES}. */
export type FeatureName = (typeof FEATURES)[number];
/** The position of each feature in a feature row. */
export const FEATURE_INDEX = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<
  FeatureName,
  number
>;
/** The features that use no learned table: the ranking when the tables are not trusted. */
export const LEXICAL_FEATURES: readonly FeatureName[] = ["words", "bigrams", "heading"];

/** The fitted parameters of the ranking and of the confidence. */
export interface RankerParams {
  /** Weights of {@link FEATURES} with every table trusted. */
  weights: Record<FeatureName, number>;
  /** Weights with the learned features off (fitted on the lexical features alone). */
  lexicalWeights: Record<FeatureName, number>;
  /** 0 … 1: how far the ranking trusts the learned features (chosen by cross-validation). */
  trust: number;
  /** BM25 k1 and b of the learned "asked" fields (article and chapter). */
  askedBm25: { k1: number; b: number };
  /**
   * BM25+ of the article fields, scored on the engine's postings (src/search/postings.ts: length
   * is the number of distinct terms).
   */
  fieldBm25: { k1: number; b: number; delta: number };
  /**
   * How many laws, chapters and sections the corpus had when the tables were learned: the
   * priors' smoothing spreads over them, so the priors do not depend on which laws a deployment
   * loads beside the national ones (nor on reading every law at start-up).
   */
  groupCounts: { laws: number; chapters: number; sections: number };
  /** Smoothing of the law/chapter/section priors. */
  posterior: { alpha: number; mu: number };
  /** Expansion: most targets per question word (the table may hold more). */
  translationsPerWord: number;
  /**
   * Expansion terms in more than this share of the articles are left out: they cost most of the
   * expansion's time (合同, 当事人: thousands of postings each) and rank little.
   */
  translationMaxShare: number;
  /** The confidence model: logistic regression on standardised confidence features. */
  confidence: ConfidenceModel;
}

/** P(top hit is relevant) = σ(bias + Σ weight·(x − mean)/scale). */
export interface ConfidenceModel {
  features: string[];
  bias: number;
  weights: number[];
  means: number[];
  scales: number[];
  /** Confidence at or above which the top hit is given as the answer (precision target in CV). */
  answerAt: number;
  /** Confidence at or above which the closest provisions are offered; below it, a refusal. */
  closestAt: number;
}

/** Everything the learned ranking reads. */
export interface LearnedTables {
  /** Word counts of all training questions. */
  background: BackgroundCounts;
  /** Words of the questions citing each law, chapter, section and article (by their keys). */
  laws: GroupCountTable;
  chapters: GroupCountTable;
  sections: GroupCountTable;
  articles: GroupCountTable;
  /** Question word → article words with t(article word | question word), best first. */
  translation: Map<string, Array<[string, number]>>;
  ranker: RankerParams;
}

type CountsJson = Record<string, number>;
interface GroupJson {
  questions: number;
  total: number;
  words: CountsJson;
}
type GroupTableJson = { questions: number; groups: Record<string, GroupJson> };
interface GroupsJson {
  background: { total: number; words: CountsJson };
  laws: GroupTableJson;
  chapters: GroupTableJson;
  sections: GroupTableJson;
  articles: GroupTableJson;
}

const sortedObject = <T>(entries: Iterable<[string, T]>): Record<string, T> =>
  Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Rounds to 4 significant digits: the tables need no more, and the files stay small and stable. */
export function round4(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(4));
}

function groupsToJson(table: GroupCountTable) {
  return {
    questions: table.questions,
    groups: sortedObject(
      [...table.groups].map(([key, g]): [string, GroupJson] => [
        key,
        { questions: g.questions, total: g.total, words: sortedObject(g.words) },
      ]),
    ),
  };
}

function groupsFromJson(json: { questions: number; groups: Record<string, GroupJson> }): GroupCountTable {
  const groups = new Map<string, GroupCounts>();
  for (const [key, g] of Object.entries(json.groups)) {
    groups.set(key, { questions: g.questions, total: g.total, words: new Map(Object.entries(g.words)) });
  }
  return { questions: json.questions, groups };
}

/** Writes the tables as three JSON files under `dir` (one line per top-level entry, sorted keys). */
export function writeLearnedTables(dir: string, tables: LearnedTables): void {
  const write = (file: string, body: Record<string, unknown>) => {
    const lines = Object.entries({ version: TABLES_VERSION, ...body }).map(
      ([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`,
    );
    writeFileSync(join(dir, file), `{\n${lines.join(",\n")}\n}\n`);
  };
  write(TABLE_FILES.groups, {
    background: { total: tables.background.total, words: sortedObject(tables.background.words) },
    laws: groupsToJson(tables.laws),
    chapters: groupsToJson(tables.chapters),
    sections: groupsToJson(tables.sections),
    articles: groupsToJson(tables.articles),
  });
  write(TABLE_FILES.translation, {
    words: sortedObject(
      [...tables.translation].map(([s, row]): [string, Array<[string, number]>] => [
        s,
        row.map(([t, p]) => [t, round4(p)]),
      ]),
    ),
  });
  write(TABLE_FILES.ranker, { ...tables.ranker });
}

// What each file must hold: a file that parses as JSON but lost a field (or a number) would
// otherwise rank by NaN or fail at the first question, far from its cause. The two large files
// are checked by hand: with zod the first read of the tables took 450 ms (groups.json is 752 KiB),
// with these loops about 70, of which 60 is reading and parsing the JSON.
const isNumber = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x);
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);
const isCounts = (x: unknown): boolean => isObject(x) && Object.values(x).every(isNumber);

/** The first damaged place of a group table (`where` names it), or undefined. */
function groupTableProblem(x: unknown, where: string): string | undefined {
  if (!isObject(x) || !isNumber(x.questions) || !isObject(x.groups)) return where;
  for (const [key, g] of Object.entries(x.groups)) {
    if (!isObject(g) || !isNumber(g.questions) || !isNumber(g.total) || !isCounts(g.words)) {
      return `${where}.groups.${key}`;
    }
  }
  return undefined;
}

const GROUPS_FILE = (json: Record<string, unknown>): string | undefined => {
  const bg = json.background;
  if (!isObject(bg) || !isNumber(bg.total) || !isCounts(bg.words)) return "background";
  for (const table of ["laws", "chapters", "sections", "articles"]) {
    const problem = groupTableProblem(json[table], table);
    if (problem) return problem;
  }
  return undefined;
};

const TRANSLATION_FILE = (json: Record<string, unknown>): string | undefined => {
  if (!isObject(json.words)) return "words";
  for (const [word, row] of Object.entries(json.words)) {
    const pairs =
      Array.isArray(row) && row.every((p) => Array.isArray(p) && typeof p[0] === "string" && isNumber(p[1]));
    if (!pairs) return `words.${word}`;
  }
  return undefined;
};

const finite = z.number().finite();
const featureWeights = z.object(
  Object.fromEntries(FEATURES.map((f) => [f, finite])) as Record<FeatureName, typeof finite>,
);
const CONFIDENCE = z
  .object({
    features: z.array(z.string()),
    bias: finite,
    weights: z.array(finite),
    means: z.array(finite),
    scales: z.array(finite),
    answerAt: finite,
    closestAt: finite,
  })
  .refine(
    (c) => [c.weights, c.means, c.scales].every((a) => a.length === c.features.length),
    "the confidence model needs one weight, mean and scale per feature",
  );
const RANKER_FILE = z.object({
  weights: featureWeights,
  lexicalWeights: featureWeights,
  trust: finite.min(0).max(1),
  askedBm25: z.object({ k1: finite, b: finite }),
  fieldBm25: z.object({ k1: finite, b: finite, delta: finite }),
  groupCounts: z.object({ laws: finite, chapters: finite, sections: finite }),
  posterior: z.object({ alpha: finite, mu: finite }),
  translationsPerWord: z.number().int().nonnegative(),
  translationMaxShare: finite,
  confidence: CONFIDENCE,
});

/** Reads one table file: JSON of this format version, of the shape `schema` gives. */
function readJson<T>(
  dir: string,
  file: string,
  schema: z.ZodType<T> | ((json: Record<string, unknown>) => string | undefined),
): T {
  const path = join(dir, file);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new TiaowenError(
      "LEARNED_TABLES",
      `cannot read the learned table ${path}: run \`npm run learn\` to build it (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (json?.version !== TABLES_VERSION) {
    throw new TiaowenError(
      "LEARNED_TABLES",
      `${path} has format version ${String(json?.version)}, this build reads ${TABLES_VERSION}: run \`npm run learn\` again`,
    );
  }
  const damaged = (what: string) =>
    new TiaowenError("LEARNED_TABLES", `${path} is damaged (${what}): run \`npm run learn\` to rebuild it`);
  if (typeof schema === "function") {
    const problem = schema(json);
    if (problem) throw damaged(`${problem}: not the expected shape`);
    return json as T;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw damaged(`${issue?.path.join(".") || "the file"}: ${issue?.message ?? "not the expected shape"}`);
  }
  return parsed.data;
}

/**
 * Reads the tables written by {@link writeLearnedTables}.
 * @throws TiaowenError LEARNED_TABLES when a file is missing, not JSON, of another version or damaged.
 */
export function readLearnedTables(dir: string): LearnedTables {
  const groups = readJson<GroupsJson>(dir, TABLE_FILES.groups, GROUPS_FILE);
  const translation = readJson<{ words: Record<string, Array<[string, number]>> }>(
    dir,
    TABLE_FILES.translation,
    TRANSLATION_FILE,
  );
  const ranker = readJson(dir, TABLE_FILES.ranker, RANKER_FILE);
  return {
    background: { total: groups.background.total, words: new Map(Object.entries(groups.background.words)) },
    laws: groupsFromJson(groups.laws),
    chapters: groupsFromJson(groups.chapters),
    sections: groupsFromJson(groups.sections),
    articles: groupsFromJson(groups.articles),
    translation: new Map(Object.entries(translation.words)),
    ranker,
  };
}
