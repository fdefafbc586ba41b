/**
 * The terms of one index field, sorted, in one string: looked up by binary search. At 55,000
 * articles the bigram field has some 600,000 distinct terms; as a Map they cost tens of megabytes
 * and a noticeable part of a warm start to rebuild, as one string and one offset array they load
 * from the cache as they were written.
 */

/** The serialisable form of a {@link TermDictionary}. */
export interface TermDictionaryData {
  /** Every term, sorted by UTF-16 code units, concatenated. */
  joined: string;
  /** starts[i] .. starts[i+1] is term i in `joined`; one more entry than terms. */
  starts: Uint32Array;
}

// Terms looked up lately, with their ids: a question's words come again in later questions, and
// a binary search reads a dozen or twenty places of a string up to megabytes long (on a busy
// server, a cache miss each). Bounded; emptied when full.
const RECENT_TERMS = 4_096;

/** Sorted terms with ids 0..size−1 in sort order. */
export class TermDictionary {
  readonly data: TermDictionaryData;
  private readonly recent = new Map<string, number>();

  constructor(data: TermDictionaryData) {
    this.data = data;
  }

  /** A dictionary of the given distinct terms; their ids are their positions after sorting. */
  static from(terms: Iterable<string>): TermDictionary {
    return TermDictionary.sorted([...terms].sort(compare));
  }

  /** A dictionary of terms already sorted by {@link compare} and distinct. */
  static sorted(sorted: readonly string[]): TermDictionary {
    const starts = new Uint32Array(sorted.length + 1);
    let at = 0;
    sorted.forEach((t, i) => {
      starts[i] = at;
      at += t.length;
    });
    starts[sorted.length] = at;
    return new TermDictionary({ joined: sorted.join(""), starts });
  }

  /** Number of terms. */
  get size(): number {
    return this.data.starts.length - 1;
  }

  /** The term with id `i`. */
  term(i: number): string {
    const { joined, starts } = this.data;
    return joined.slice(starts[i] as number, starts[i + 1] as number);
  }

  /** The id of `term`, or −1 when it is not in the dictionary. */
  id(term: string): number {
    let id = this.recent.get(term);
    if (id === undefined) {
      id = this.search(term);
      if (this.recent.size >= RECENT_TERMS) this.recent.clear();
      this.recent.set(term, id);
    }
    return id;
  }

  private search(term: string): number {
    const { joined, starts } = this.data;
    let lo = 0;
    let hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      // Compared in place, code unit by code unit: no substring is made per step.
      const c = compareAt(joined, starts[mid] as number, starts[mid + 1] as number, term);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** `joined.slice(from, to)` compared with `term`, as {@link compare} would, without the slice. */
function compareAt(joined: string, from: number, to: number, term: string): number {
  const n = Math.min(to - from, term.length);
  for (let i = 0; i < n; i++) {
    const d = joined.charCodeAt(from + i) - term.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const a = to - from;
  return a < term.length ? -1 : a > term.length ? 1 : 0;
}

/** The order of the dictionary: UTF-16 code units, as `<` compares strings. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
