/**
 * The learned ranking at query time. Given a question's words and bigrams, it scores articles by
 * a weighted sum of features (tables.ts lists them): BM25 of the words and bigrams in the article
 * text, BM25 of the words the translation table maps the question to (老板 → 用人单位), BM25 of the
 * question against the words of earlier questions that cited the article ("asked") or its
 * chapter, naive Bayes priors of the law, chapter and section, how often the article was cited,
 * and the law type. Weights, smoothing and the confidence model come from the tables, fitted by
 * cross-validation (src/learn/fit.ts).
 *
 * The engine supplies the article fields (`RankerCorpus`); the learned fields are built here from
 * the tables. One ranker serves one corpus; it reuses its score arrays between questions, so it
 * must not be shared by concurrent callers (Node runs one question at a time).
 */
import { Bm25Field } from "./bm25.js";
import { GroupPosterior, type Posterior } from "./posterior.js";
import { FEATURES, type FeatureName, type LearnedTables } from "./tables.js";
import { topK, topKOf } from "./top-k.js";

/** Scores one field of the corpus: adds weight·BM25 per document holding a term to `out`. */
export interface FieldScorer {
  /** Adds to `out[doc]`, pushing onto `touched` each doc whose score was 0 before. */
  accumulate(weights: ReadonlyMap<string, number>, out: Float64Array, touched: number[]): void;
  /** In how many documents a term occurs. */
  df(term: string): number;
}

/** What the ranker must know about each document (article) of the corpus. */
export interface RankerDoc {
  /** The law's title. */
  law: string;
  /** 法律, 行政法规, 司法解释 … (the corpus folder). */
  lawType: string;
  /** law#number (groups.ts). */
  key: string;
  /** Chapter and section keys (groups.ts). */
  chapter: string;
  section: string;
}

/** The corpus as the ranker sees it: documents in id order and their scored fields. */
export interface RankerCorpus {
  docs: readonly RankerDoc[];
  /** BM25 over the words of the article text (jieba search mode, stop words out). */
  words: FieldScorer;
  /** BM25 over the character bigrams of the article text. */
  bigrams: FieldScorer;
  /** BM25 over the words of the law title, chapter and section titles (optional). */
  heading?: FieldScorer;
}

/** A question as the ranker reads it. */
export interface QuestionTerms {
  /** Index words of the normalised question (indexWords in src/search/entry.ts). */
  words: readonly string[];
  /** Character bigrams of the normalised question. */
  bigrams: readonly string[];
}

/** One ranked article. */
export interface RankedHit {
  doc: number;
  score: number;
  /** The feature values, in the order of {@link FEATURES}. */
  features: Float32Array;
}

/** Candidates of one question with their features (for fitting the weights). */
export interface Candidates {
  docs: number[];
  /** docs.length × FEATURES.length, row-major. */
  features: Float32Array;
}

/** How many candidates each component contributes when the weights are being fitted. */
export const TRAINING_POOL = { lexical: 300, translation: 100, asked: 100, lawPrior: 100, chapterAsked: 100 };

/** Options of {@link createLearnedRanker}. */
export interface RankerOptions {
  /** Overrides the tables' trust in the learned features (0 = lexical ranking only, 1 = all). */
  trust?: number;
  /** Overrides the weights (for fitting and ablations). */
  weights?: readonly number[];
}

/** The learned ranking over one corpus. */
export interface LearnedRanker {
  /** The weights in use, in the order of {@link FEATURES}. */
  readonly weights: readonly number[];
  /** The article words a question's words translate to, with weights (Σ t(a|q) over q). */
  expandQuery(words: readonly string[]): Map<string, number>;
  /** log P(law | words) for the laws training questions cite; `rest` for any other law. */
  lawPrior(words: readonly string[]): Posterior;
  /** The words of training questions that cited an article (by key), with counts. */
  docExpansion(key: string): ReadonlyMap<string, number> | undefined;
  /** The linear score of one feature row. */
  score(features: ArrayLike<number>): number;
  /** The best `limit` articles for a question, best first. */
  rank(question: QuestionTerms, limit?: number): RankedHit[];
  /** The candidate pool and features of a question (what the weights are fitted on). */
  candidates(question: QuestionTerms): Candidates;
  /** Probability (calibrated in cross-validation) that the first hit is a relevant article. */
  confidence(question: QuestionTerms, hits: readonly RankedHit[]): number;
}

const F = FEATURES.length;
const at = (name: FeatureName) => FEATURES.indexOf(name);
const I = {
  words: at("words"),
  bigrams: at("bigrams"),
  heading: at("heading"),
  translation: at("translation"),
  asked: at("asked"),
  lawPrior: at("lawPrior"),
  popularity: at("popularity"),
  ji: at("judicialInterpretation"),
  ar: at("administrativeRegulation"),
  chapterPrior: at("chapterPrior"),
  sectionPrior: at("sectionPrior"),
  chapterAsked: at("chapterAsked"),
};

const bagOf = (terms: readonly string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

/** Interns strings as small integers in first-seen order. */
function indexer() {
  const ids = new Map<string, number>();
  return {
    ids,
    id: (key: string) => {
      let i = ids.get(key);
      if (i === undefined) {
        i = ids.size;
        ids.set(key, i);
      }
      return i;
    },
  };
}

/** The combined weights: lexical ones moved towards the full ones by `trust`. */
export function blendWeights(tables: LearnedTables, trust: number): number[] {
  const { weights, lexicalWeights } = tables.ranker;
  return FEATURES.map((f) => lexicalWeights[f] + trust * (weights[f] - lexicalWeights[f]));
}

/** Builds the ranker for a corpus from the learned tables. */
export function createLearnedRanker(
  tables: LearnedTables,
  corpus: RankerCorpus,
  options: RankerOptions = {},
): LearnedRanker {
  const params = tables.ranker;
  const bm25 = params.askedBm25;
  const weights = options.weights
    ? [...options.weights]
    : blendWeights(tables, options.trust ?? params.trust);
  const n = corpus.docs.length;

  // Per document: its law, chapter and section as integers, its cited-article row, its type.
  const laws = indexer();
  const chapters = indexer();
  const sections = indexer();
  const docLaw = new Int32Array(n);
  const docChapter = new Int32Array(n);
  const docSection = new Int32Array(n);
  const docType = new Uint8Array(n);
  const popularity = new Float32Array(n);
  const articleRows = [...tables.articles.groups.keys()];
  const rowOfKey = new Map(articleRows.map((k, i) => [k, i]));
  const docsOfRow: number[][] = articleRows.map(() => []);
  corpus.docs.forEach((d, i) => {
    docLaw[i] = laws.id(d.law);
    docChapter[i] = chapters.id(d.chapter);
    docSection[i] = sections.id(d.section);
    docType[i] = d.lawType === "司法解释" ? 1 : d.lawType === "行政法规" ? 2 : 0;
    const row = rowOfKey.get(d.key);
    if (row !== undefined) {
      (docsOfRow[row] as number[]).push(i);
      popularity[i] = Math.log1p(tables.articles.groups.get(d.key)?.questions ?? 0);
    }
  });
  const asked = Bm25Field.fromCounts(
    articleRows.map((k) => tables.articles.groups.get(k)?.words ?? new Map()),
  );
  const chapterRows = [...tables.chapters.groups.keys()];
  const chapterAsked = Bm25Field.fromCounts(
    chapterRows.map((k) => tables.chapters.groups.get(k)?.words ?? new Map()),
  );
  // Each section lies in one chapter of one law: the group features of a document are those of
  // its section, computed once per section per question instead of once per document.
  const sectionChapter = new Int32Array(sections.ids.size);
  const sectionLaw = new Int32Array(sections.ids.size);
  const sectionType = new Uint8Array(sections.ids.size);
  for (let d = n - 1; d >= 0; d--) {
    const sec = docSection[d] as number;
    sectionChapter[sec] = docChapter[d] as number;
    sectionLaw[sec] = docLaw[d] as number;
    sectionType[sec] = docType[d] as number;
  }
  const sectionBonus = new Float64Array(sections.ids.size);
  const chapterRowOf = new Int32Array(chapters.ids.size).fill(-1);
  chapterRows.forEach((k, r) => {
    const c = chapters.ids.get(k);
    if (c !== undefined) chapterRowOf[c] = r;
  });

  // Score arrays reused across questions; `touched` lists reset them.
  const dense = {
    words: new Float64Array(n),
    bigrams: new Float64Array(n),
    heading: new Float64Array(n),
    translation: new Float64Array(n),
    asked: new Float64Array(n),
  };
  const askedRows = new Float64Array(articleRows.length);
  const chapterAskedRows = new Float64Array(chapterRows.length);
  const mark = new Uint8Array(n);

  const maxDf = (params.translationMaxShare ?? 1) * n;
  const expandQuery = (words: readonly string[]) => {
    const out = new Map<string, number>();
    for (const w of words) {
      const row = tables.translation.get(w);
      if (!row) continue;
      for (const [t, p] of row.slice(0, params.translationsPerWord)) {
        if (maxDf < n && corpus.words.df(t) > maxDf) continue;
        out.set(t, (out.get(t) ?? 0) + p);
      }
    }
    return out;
  };
  /** A grouping's posterior model and where its rows sit among the corpus's ids. */
  const grouping = (table: LearnedTables["laws"], ids: ReadonlyMap<string, number>) => {
    const model = new GroupPosterior(table, tables.background, ids.size, params.posterior);
    const idOfRow = Int32Array.from(model.keys, (k) => ids.get(k) ?? -1);
    const rows = new Float64Array(model.keys.length);
    const byId = new Float64Array(ids.size);
    /** Per-id log posterior of the question, `rest` for ids of groups no question cites. */
    const compute = (words: readonly string[]) => {
      byId.fill(model.compute(words, rows));
      for (let r = 0; r < rows.length; r++) {
        const id = idOfRow[r] as number;
        if (id >= 0) byId[id] = rows[r] as number;
      }
      return byId;
    };
    return { model, compute };
  };
  const lawGrouping = grouping(tables.laws, laws.ids);
  const chapterGrouping = grouping(tables.chapters, chapters.ids);
  const sectionGrouping = grouping(tables.sections, sections.ids);

  /** Scores every field for a question; returns the touched documents and the group arrays. */
  const evaluate = (q: QuestionTerms) => {
    const wordBag = bagOf(q.words);
    const touched = {
      words: [] as number[],
      bigrams: [] as number[],
      heading: [] as number[],
      translation: [] as number[],
      asked: [] as number[],
    };
    corpus.words.accumulate(wordBag, dense.words, touched.words);
    corpus.bigrams.accumulate(bagOf(q.bigrams), dense.bigrams, touched.bigrams);
    corpus.heading?.accumulate(wordBag, dense.heading, touched.heading);
    corpus.words.accumulate(expandQuery(q.words), dense.translation, touched.translation);
    const askedTouched: number[] = [];
    asked.accumulate(wordBag, bm25, askedRows, askedTouched);
    for (const r of askedTouched) {
      for (const d of docsOfRow[r] as number[]) {
        if (dense.asked[d] === 0) touched.asked.push(d);
        dense.asked[d] = askedRows[r] as number;
      }
      askedRows[r] = 0;
    }
    chapterAsked.accumulate(wordBag, bm25, chapterAskedRows);
    const lawPost = lawGrouping.compute(q.words);
    const chapterPost = chapterGrouping.compute(q.words);
    const sectionPost = sectionGrouping.compute(q.words);
    const union: number[] = [];
    for (const list of [touched.words, touched.bigrams, touched.translation, touched.asked])
      for (const d of list)
        if (!mark[d]) {
          mark[d] = 1;
          union.push(d);
        }
    for (const d of union) mark[d] = 0;
    const featuresOf = (d: number, out: Float32Array, offset: number) => {
      out[offset + I.words] = dense.words[d] as number;
      out[offset + I.bigrams] = dense.bigrams[d] as number;
      out[offset + I.heading] = dense.heading[d] as number;
      out[offset + I.translation] = dense.translation[d] as number;
      out[offset + I.asked] = dense.asked[d] as number;
      out[offset + I.lawPrior] = lawPost[docLaw[d] as number] as number;
      out[offset + I.popularity] = popularity[d] as number;
      out[offset + I.ji] = docType[d] === 1 ? 1 : 0;
      out[offset + I.ar] = docType[d] === 2 ? 1 : 0;
      out[offset + I.chapterPrior] = chapterPost[docChapter[d] as number] as number;
      out[offset + I.sectionPrior] = sectionPost[docSection[d] as number] as number;
      const cr = chapterRowOf[docChapter[d] as number] as number;
      out[offset + I.chapterAsked] = cr < 0 ? 0 : (chapterAskedRows[cr] as number);
    };
    /** The group part of the score (priors, chapter asked, law type) of every section. */
    const fillSectionBonus = () => {
      const w = weights;
      for (let sec = 0; sec < sectionBonus.length; sec++) {
        const ch = sectionChapter[sec] as number;
        const cr = chapterRowOf[ch] as number;
        const type = sectionType[sec] as number;
        sectionBonus[sec] =
          (w[I.lawPrior] as number) * (lawPost[sectionLaw[sec] as number] as number) +
          (w[I.chapterPrior] as number) * (chapterPost[ch] as number) +
          (w[I.sectionPrior] as number) * (sectionPost[sec] as number) +
          (cr < 0 ? 0 : (w[I.chapterAsked] as number) * (chapterAskedRows[cr] as number)) +
          (type === 1 ? (w[I.ji] as number) : type === 2 ? (w[I.ar] as number) : 0);
      }
    };
    const release = () => {
      for (const [name, list] of Object.entries(touched)) {
        const arr = dense[name as keyof typeof dense];
        for (const d of list) arr[d] = 0;
      }
      chapterAskedRows.fill(0);
    };
    return { union, touched, lawPost, featuresOf, fillSectionBonus, release };
  };

  const score = (f: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < F; j++) s += (weights[j] as number) * (f[j] as number);
    return s;
  };

  // Final scores by document, written for the touched documents of the current question only.
  const finalScores = new Float64Array(n);

  const rank = (q: QuestionTerms, limit = 10): RankedHit[] => {
    const ev = evaluate(q);
    ev.fillSectionBonus();
    const w = weights;
    const [wWords, wBigrams, wHeading, wTranslation, wAsked, wPopularity] = [
      I.words,
      I.bigrams,
      I.heading,
      I.translation,
      I.asked,
      I.popularity,
    ].map((i) => w[i] as number) as [number, number, number, number, number, number];
    const { words, bigrams, heading, translation, asked: askedScores } = dense;
    for (const d of ev.union) {
      finalScores[d] =
        wWords * (words[d] as number) +
        wBigrams * (bigrams[d] as number) +
        wHeading * (heading[d] as number) +
        wTranslation * (translation[d] as number) +
        wAsked * (askedScores[d] as number) +
        wPopularity * (popularity[d] as number) +
        (sectionBonus[docSection[d] as number] as number);
    }
    const best = topKOf(ev.union, finalScores, limit);
    const hits = best.map((d) => {
      const features = new Float32Array(F);
      ev.featuresOf(d, features, 0);
      return { doc: d, score: finalScores[d] as number, features };
    });
    ev.release();
    return hits;
  };

  const candidates = (q: QuestionTerms): Candidates => {
    const ev = evaluate(q);
    const lex = (d: number) => (dense.words[d] as number) + (dense.bigrams[d] as number);
    const lexicalDocs = [...new Set([...ev.touched.words, ...ev.touched.bigrams])];
    const pool = new Set<number>(topK(lexicalDocs, lex, TRAINING_POOL.lexical));
    const add = (docs: number[]) => {
      for (const d of docs) pool.add(d);
    };
    add(topK(ev.touched.translation, (d) => dense.translation[d] as number, TRAINING_POOL.translation));
    add(topK(ev.touched.asked, (d) => dense.asked[d] as number, TRAINING_POOL.asked));
    add(
      topK(
        lexicalDocs,
        (d) => lex(d) + 3 * (ev.lawPost[docLaw[d] as number] as number),
        TRAINING_POOL.lawPrior,
      ),
    );
    const row = new Float32Array(F);
    const chapterScore = (d: number) => {
      ev.featuresOf(d, row, 0);
      return lex(d) + 2 * (row[I.chapterAsked] as number);
    };
    add(topK(lexicalDocs, chapterScore, TRAINING_POOL.chapterAsked));
    const docs = [...pool].sort((a, b) => a - b);
    const features = new Float32Array(docs.length * F);
    docs.forEach((d, i) => {
      ev.featuresOf(d, features, i * F);
    });
    ev.release();
    return { docs, features };
  };

  const confidence = (q: QuestionTerms, hits: readonly RankedHit[]) =>
    confidenceOf(params.confidence, confidenceFeatures(q, hits, corpus.docs));

  return {
    weights,
    expandQuery,
    lawPrior: (words) => {
      const rows = new Float64Array(lawGrouping.model.keys.length);
      const rest = lawGrouping.model.compute(words, rows);
      return { groups: new Map(lawGrouping.model.keys.map((k, i) => [k, rows[i] as number])), rest };
    },
    docExpansion: (key) => tables.articles.groups.get(key)?.words,
    score,
    rank,
    candidates,
    confidence,
  };
}

/** The names of {@link confidenceFeatures}, in order. */
// Chosen on out-of-fold rankings of stard-train (logistic regression, thresholds from cross-fitted
// predictions): the first nine alone give AUC 0.736 and answer 17.6% at 82% precision; with the
// rest, AUC 0.765 and 22.7% at 81%.
export const CONFIDENCE_FEATURES = [
  "topScore",
  "margin",
  "lawPrior",
  "chapterPrior",
  "asked",
  "popularity",
  "words",
  "sameLawTop5",
  "questionWords",
  "relativeMargin",
  "gap5",
  "gap10",
  "sameChapterTop5",
  "sectionPrior",
  "translation",
  "bigrams",
  "chapterAsked",
  "cited",
  "logMargin",
] as const;

/**
 * What the confidence model reads from a ranking (the first 10 hits): how far the first hit stands
 * out from the next ones, how much of the ranking agrees on its law and chapter, and what made it
 * first. A missing hit counts as scoring 10 below the last one.
 */
export function confidenceFeatures(
  q: QuestionTerms,
  hits: readonly RankedHit[],
  docs: readonly RankerDoc[],
): number[] {
  const first = hits[0];
  if (!first) return CONFIDENCE_FEATURES.map(() => 0);
  const f = first.features;
  const doc = docs[first.doc];
  const top5 = hits.slice(0, 5);
  const last = hits[Math.min(hits.length, 10) - 1] as RankedHit;
  const scoreAt = (i: number) => hits[i]?.score ?? last.score - 10;
  const margin = first.score - scoreAt(1);
  return [
    first.score,
    margin,
    Math.exp(f[I.lawPrior] as number),
    Math.exp(f[I.chapterPrior] as number),
    f[I.asked] as number,
    f[I.popularity] as number,
    f[I.words] as number,
    top5.filter((h) => docs[h.doc]?.law === doc?.law).length / 5,
    Math.log1p(new Set(q.words).size),
    margin / (Math.abs(first.score) + 1),
    first.score - scoreAt(4),
    first.score - scoreAt(9),
    top5.filter((h) => docs[h.doc]?.chapter === doc?.chapter).length / 5,
    Math.exp(f[I.sectionPrior] as number),
    f[I.translation] as number,
    f[I.bigrams] as number,
    f[I.chapterAsked] as number,
    (f[I.popularity] as number) > 0 ? 1 : 0,
    Math.log1p(Math.max(margin, 0)),
  ];
}

/** σ of the confidence model on standardised features; 0 for no hits. */
export function confidenceOf(model: LearnedTables["ranker"]["confidence"], x: readonly number[]): number {
  let z = model.bias;
  model.weights.forEach((w, j) => {
    z += (w * ((x[j] as number) - (model.means[j] as number))) / ((model.scales[j] as number) || 1);
  });
  return 1 / (1 + Math.exp(-z));
}
