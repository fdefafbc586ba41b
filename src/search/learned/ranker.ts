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
import { confidenceFeatures, confidenceOf } from "./confidence.js";
import { type DocIndex, indexDocs, TYPE_CODE } from "./doc-index.js";
import { DocList, type TouchedSink } from "./doc-list.js";
import { GroupPosterior, type Posterior } from "./posterior.js";
import { FEATURES, FEATURE_INDEX as I, type LearnedTables, type RankerParams } from "./tables.js";
import { topK, topKOf } from "./top-k.js";

/** Scores one field of the corpus: adds weight·BM25 per document holding a term to `out`. */
export interface FieldScorer {
  /** Adds to `out[doc]`, pushing onto `touched` each doc whose score was 0 before. */
  accumulate(weights: ReadonlyMap<string, number>, out: Float64Array, touched: TouchedSink): void;
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
  /**
   * The documents. Laws no table row names may stand in with one group for the whole law (the
   * group structure of such a law changes no score); `chapterOf` then gives the real chapter.
   */
  docs: readonly RankerDoc[];
  /** The chapter key of a document, where `docs` holds a stand-in (the confidence compares them). */
  chapterOf?(doc: number): string;
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

/** Which documents a ranking may return (all when empty); scores are those of the whole corpus. */
export interface RankScope {
  /** Only documents in [from, to). */
  from?: number;
  to?: number;
  /** Leave out the documents for which this is false. */
  accept?: (doc: number) => boolean;
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
  /** The best `limit` articles for a question (among those of `scope`), best first. */
  rank(question: QuestionTerms, limit?: number, scope?: RankScope): RankedHit[];
  /** The candidate pool and features of a question (what the weights are fitted on). */
  candidates(question: QuestionTerms): Candidates;
  /** Probability (calibrated in cross-validation) that the first hit is a relevant article. */
  confidence(question: QuestionTerms, hits: readonly RankedHit[]): number;
}

const F = FEATURES.length;

const bagOf = (terms: readonly string[]) => {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};

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
  return new Ranker(tables, corpus, options);
}

/** One grouping's posterior model, and where its rows sit among the corpus's group ids. */
class Grouping {
  readonly model: GroupPosterior;
  private readonly idOfRow: Int32Array;
  private readonly rows: Float64Array;
  /** Log posterior by group id, of the last question computed. */
  readonly byId: Float64Array;

  constructor(
    tables: LearnedTables,
    table: LearnedTables["laws"],
    ids: ReadonlyMap<string, number>,
    groupCount: number | undefined,
  ) {
    this.model = new GroupPosterior(
      table,
      tables.background,
      groupCount ?? ids.size,
      tables.ranker.posterior,
    );
    this.idOfRow = Int32Array.from(this.model.keys, (k) => ids.get(k) ?? -1);
    this.rows = new Float64Array(this.model.keys.length);
    this.byId = new Float64Array(ids.size);
  }

  /** Fills `byId` for a question: `rest` for ids of groups no training question cites. */
  compute(words: readonly string[]): Float64Array {
    this.byId.fill(this.model.compute(words, this.rows));
    for (let r = 0; r < this.rows.length; r++) {
      const id = this.idOfRow[r] as number;
      if (id >= 0) this.byId[id] = this.rows[r] as number;
    }
    return this.byId;
  }

  /** The posterior as a map by group key. */
  posterior(words: readonly string[]): Posterior {
    const rows = new Float64Array(this.model.keys.length);
    const rest = this.model.compute(words, rows);
    return { groups: new Map(this.model.keys.map((k, i) => [k, rows[i] as number])), rest };
  }
}

/** The documents each field touched for the current question. */
interface Touched {
  words: DocList;
  bigrams: DocList;
  heading: DocList;
  translation: DocList;
  asked: DocList;
}

class Ranker implements LearnedRanker {
  readonly weights: readonly number[];
  private readonly params: RankerParams;
  private readonly index: DocIndex;
  private readonly groupings: { law: Grouping; chapter: Grouping; section: Grouping };
  private readonly maxExpansionDf: number;
  // Score arrays reused across questions; the touched lists reset them (release()).
  private readonly dense: Record<keyof Touched, Float64Array>;
  private readonly askedRows: Float64Array;
  private readonly chapterAskedRows: Float64Array;
  private readonly sectionBonus: Float64Array;
  private readonly finalScores: Float64Array;
  private readonly mark: Uint8Array;
  // Lists of touched documents, reused across questions too (doc-list.ts says why).
  private readonly touched: Touched;
  private readonly askedTouched: DocList;
  private readonly union: DocList;

  constructor(
    private readonly tables: LearnedTables,
    private readonly corpus: RankerCorpus,
    options: RankerOptions,
  ) {
    this.params = tables.ranker;
    this.weights = options.weights
      ? [...options.weights]
      : blendWeights(tables, options.trust ?? this.params.trust);
    const index = indexDocs(corpus.docs, tables);
    this.index = index;
    const counts = this.params.groupCounts as RankerParams["groupCounts"] | undefined;
    this.groupings = {
      law: new Grouping(tables, tables.laws, index.laws.ids, counts?.laws),
      chapter: new Grouping(tables, tables.chapters, index.chapters.ids, counts?.chapters),
      section: new Grouping(tables, tables.sections, index.sections.ids, counts?.sections),
    };
    const n = index.size;
    this.maxExpansionDf = (this.params.translationMaxShare ?? 1) * n;
    this.dense = {
      words: new Float64Array(n),
      bigrams: new Float64Array(n),
      heading: new Float64Array(n),
      translation: new Float64Array(n),
      asked: new Float64Array(n),
    };
    this.askedRows = new Float64Array(index.asked.size);
    this.chapterAskedRows = new Float64Array(index.chapterAsked.size);
    this.sectionBonus = new Float64Array(index.sections.ids.size);
    this.finalScores = new Float64Array(n);
    this.mark = new Uint8Array(n);
    const list = () => new DocList(n);
    this.touched = { words: list(), bigrams: list(), heading: list(), translation: list(), asked: list() };
    this.askedTouched = new DocList(index.asked.size);
    this.union = list();
  }

  expandQuery(words: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const n = this.index.size;
    for (const w of words) {
      const row = this.tables.translation.get(w);
      if (!row) continue;
      for (const [t, p] of row.slice(0, this.params.translationsPerWord)) {
        if (this.maxExpansionDf < n && this.corpus.words.df(t) > this.maxExpansionDf) continue;
        out.set(t, (out.get(t) ?? 0) + p);
      }
    }
    return out;
  }

  lawPrior(words: readonly string[]): Posterior {
    return this.groupings.law.posterior(words);
  }

  docExpansion(key: string): ReadonlyMap<string, number> | undefined {
    return this.tables.articles.groups.get(key)?.words;
  }

  score(f: ArrayLike<number>): number {
    let s = 0;
    for (let j = 0; j < F; j++) s += (this.weights[j] as number) * (f[j] as number);
    return s;
  }

  rank(q: QuestionTerms, limit = 10, scope: RankScope = {}): RankedHit[] {
    const union = inScope(this.evaluate(q), scope, this.index.size);
    this.fillSectionBonus();
    const w = this.weights;
    const { words, bigrams, heading, translation, asked } = this.dense;
    const { popularity, docSection } = this.index;
    const [ww, wb, wh, wt, wa, wp] = [
      I.words,
      I.bigrams,
      I.heading,
      I.translation,
      I.asked,
      I.popularity,
    ].map((i) => w[i] as number) as [number, number, number, number, number, number];
    const scores = this.finalScores;
    for (const d of union) {
      scores[d] =
        ww * (words[d] as number) +
        wb * (bigrams[d] as number) +
        wh * (heading[d] as number) +
        wt * (translation[d] as number) +
        wa * (asked[d] as number) +
        wp * (popularity[d] as number) +
        (this.sectionBonus[docSection[d] as number] as number);
    }
    const hits = topKOf(union, scores, limit).map((doc) => {
      const features = new Float32Array(F);
      this.featuresOf(doc, features, 0);
      return { doc, score: scores[doc] as number, features };
    });
    this.release();
    return hits;
  }

  candidates(q: QuestionTerms): Candidates {
    this.evaluate(q);
    const { words, bigrams, translation, asked } = this.dense;
    const t = this.touched;
    const lex = (d: number) => (words[d] as number) + (bigrams[d] as number);
    const lexicalDocs = [...new Set([...t.words.view(), ...t.bigrams.view()])];
    const law = this.groupings.law.byId;
    const { docLaw, docChapter, chapterRowOf } = this.index;
    const chapterAsked = (d: number) => {
      const r = chapterRowOf[docChapter[d] as number] as number;
      return r < 0 ? 0 : (this.chapterAskedRows[r] as number);
    };
    const pool = new Set<number>([
      ...topK(lexicalDocs, lex, TRAINING_POOL.lexical),
      ...topK(Array.from(t.translation.view()), (d) => translation[d] as number, TRAINING_POOL.translation),
      ...topK(Array.from(t.asked.view()), (d) => asked[d] as number, TRAINING_POOL.asked),
      ...topK(lexicalDocs, (d) => lex(d) + 3 * (law[docLaw[d] as number] as number), TRAINING_POOL.lawPrior),
      ...topK(lexicalDocs, (d) => lex(d) + 2 * chapterAsked(d), TRAINING_POOL.chapterAsked),
    ]);
    const docs = [...pool].sort((a, b) => a - b);
    const features = new Float32Array(docs.length * F);
    docs.forEach((d, i) => {
      this.featuresOf(d, features, i * F);
    });
    this.release();
    return { docs, features };
  }

  confidence(q: QuestionTerms, hits: readonly RankedHit[]): number {
    const { docs, chapterOf } = this.corpus;
    return confidenceOf(
      this.params.confidence,
      confidenceFeatures(q, hits, docs, chapterOf ? (d) => chapterOf.call(this.corpus, d) : undefined),
    );
  }

  /** Scores every field and grouping for a question; returns the documents any field touched. */
  private evaluate(q: QuestionTerms): Int32Array {
    const wordBag = bagOf(q.words);
    const t = this.touched;
    const { dense, corpus, index } = this;
    corpus.words.accumulate(wordBag, dense.words, t.words);
    corpus.bigrams.accumulate(bagOf(q.bigrams), dense.bigrams, t.bigrams);
    corpus.heading?.accumulate(wordBag, dense.heading, t.heading);
    corpus.words.accumulate(this.expandQuery(q.words), dense.translation, t.translation);
    const askedTouched = this.askedTouched;
    askedTouched.clear();
    index.asked.accumulate(wordBag, this.params.askedBm25, this.askedRows, askedTouched);
    for (const r of askedTouched.view()) {
      for (const d of index.docsOfAskedRow[r] as number[]) {
        if (dense.asked[d] === 0) t.asked.push(d);
        dense.asked[d] = this.askedRows[r] as number;
      }
      this.askedRows[r] = 0;
    }
    index.chapterAsked.accumulate(wordBag, this.params.askedBm25, this.chapterAskedRows);
    this.groupings.law.compute(q.words);
    this.groupings.chapter.compute(q.words);
    this.groupings.section.compute(q.words);
    const union = this.union;
    union.clear();
    for (const list of [t.words, t.bigrams, t.translation, t.asked])
      for (const d of list.view())
        if (!this.mark[d]) {
          this.mark[d] = 1;
          union.push(d);
        }
    const docs = union.view();
    for (const d of docs) this.mark[d] = 0;
    return docs;
  }

  /** The group part of the score (priors, chapter asked, law type) of every section. */
  private fillSectionBonus(): void {
    const w = this.weights;
    const { sectionChapter, sectionLaw, sectionType, chapterRowOf } = this.index;
    const law = this.groupings.law.byId;
    const chapter = this.groupings.chapter.byId;
    const section = this.groupings.section.byId;
    for (let sec = 0; sec < this.sectionBonus.length; sec++) {
      const ch = sectionChapter[sec] as number;
      const cr = chapterRowOf[ch] as number;
      const type = sectionType[sec] as number;
      this.sectionBonus[sec] =
        (w[I.lawPrior] as number) * (law[sectionLaw[sec] as number] as number) +
        (w[I.chapterPrior] as number) * (chapter[ch] as number) +
        (w[I.sectionPrior] as number) * (section[sec] as number) +
        (cr < 0 ? 0 : (w[I.chapterAsked] as number) * (this.chapterAskedRows[cr] as number)) +
        (type === TYPE_CODE.judicialInterpretation
          ? (w[I.judicialInterpretation] as number)
          : type === TYPE_CODE.administrativeRegulation
            ? (w[I.administrativeRegulation] as number)
            : 0);
    }
  }

  /** Writes the features of document `d` (for the current question) into `out` at `offset`. */
  private featuresOf(d: number, out: Float32Array, offset: number): void {
    const { dense, index } = this;
    const chapter = index.docChapter[d] as number;
    const cr = index.chapterRowOf[chapter] as number;
    const type = index.docType[d] as number;
    out[offset + I.words] = dense.words[d] as number;
    out[offset + I.bigrams] = dense.bigrams[d] as number;
    out[offset + I.heading] = dense.heading[d] as number;
    out[offset + I.translation] = dense.translation[d] as number;
    out[offset + I.asked] = dense.asked[d] as number;
    out[offset + I.lawPrior] = this.groupings.law.byId[index.docLaw[d] as number] as number;
    out[offset + I.popularity] = index.popularity[d] as number;
    out[offset + I.judicialInterpretation] = type === TYPE_CODE.judicialInterpretation ? 1 : 0;
    out[offset + I.administrativeRegulation] = type === TYPE_CODE.administrativeRegulation ? 1 : 0;
    out[offset + I.chapterPrior] = this.groupings.chapter.byId[chapter] as number;
    out[offset + I.sectionPrior] = this.groupings.section.byId[index.docSection[d] as number] as number;
    out[offset + I.chapterAsked] = cr < 0 ? 0 : (this.chapterAskedRows[cr] as number);
  }

  /** Zeroes what the current question wrote into the reused arrays. */
  private release(): void {
    for (const [name, list] of Object.entries(this.touched)) {
      const arr = this.dense[name as keyof Touched];
      for (const d of list.view()) arr[d] = 0;
      list.clear();
    }
    this.chapterAskedRows.fill(0);
  }
}

/** The documents of `docs` (ids below `size`) that `scope` keeps (`docs` itself when it keeps all). */
function inScope(docs: Int32Array, scope: RankScope, size: number): Int32Array {
  const { from = 0, to = Number.POSITIVE_INFINITY, accept } = scope;
  if (from <= 0 && to >= size && !accept) return docs;
  return docs.filter((d) => d >= from && d < to && (!accept || accept(d)));
}
