/**
 * The article fields of the learned ranking, served by the engine's own index: the words of the
 * article text (the segment's `text` field), its character bigrams (`grams`) and its chapter and
 * section titles (`chapter`). The learner scores with these same postings (src/learn/setup.ts),
 * so the fitted weights are weights of what runs.
 */
import type { PostingsIndex, ScoreSink } from "../postings.js";
import type { Segment } from "../segment.js";
import type { Bm25Params } from "../settings.js";
import type { TouchedSink } from "./doc-list.js";
import type { FieldScorer } from "./ranker.js";

/** A sink that adds scores into a dense array and lists the documents that were 0. */
class DenseSink implements ScoreSink {
  out: Float64Array = new Float64Array(0);
  touched: TouchedSink = [];

  add(doc: number, score: number): void {
    if (this.out[doc] === 0) this.touched.push(doc);
    this.out[doc] = (this.out[doc] as number) + score;
  }
}

/** Scores one field of the engine's index with the given BM25 parameters, over all its documents. */
export function postingsScorer(field: PostingsIndex, bm25: Bm25Params): FieldScorer {
  const sink = new DenseSink();
  const size = field.size;
  return {
    accumulate(weights, out, touched) {
      sink.out = out;
      sink.touched = touched;
      for (const [term, weight] of weights) {
        if (weight === 0) continue;
        const id = field.termId(term);
        if (id >= 0) field.score(id, weight, bm25, 0, size, sink);
      }
    },
    df(term) {
      const id = field.termId(term);
      return id < 0 ? 0 : field.documentFrequency(id);
    },
  };
}

/** The words, bigrams and heading fields of a segment as the learned ranking scores them. */
export function segmentFields(
  segment: Segment,
  bm25: Bm25Params,
): { words: FieldScorer; bigrams: FieldScorer; heading: FieldScorer } {
  return {
    words: postingsScorer(segment.fields.text, bm25),
    bigrams: postingsScorer(segment.fields.grams, bm25),
    heading: postingsScorer(segment.fields.chapter, bm25),
  };
}
