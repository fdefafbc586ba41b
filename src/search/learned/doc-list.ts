/**
 * A list of document ids in a typed array, emptied and refilled for every question. The ranker's
 * lists of touched documents run to tens of thousands of ids: as plain arrays, grown by push and
 * dropped after each question, they were large objects that only a full collection frees. Asking
 * STARD's 1,000 first training questions four times over (national corpus as home), RSS rose from
 * 450 to 680 MB before a full collection; with these lists, sized once for the corpus, it stays at
 * 375–380 MB and the heap near 155 MB.
 */
export class DocList {
  private ids: Int32Array;
  /** How many ids the list holds. */
  length = 0;

  /** @param capacity the most ids the list will hold (it grows past it, at a cost). */
  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(capacity, 1));
  }

  /** Appends an id. */
  push(doc: number): void {
    if (this.length === this.ids.length) {
      const grown = new Int32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.length++] = doc;
  }

  /** The ids, in the order pushed (a view: valid until the list is cleared or grows). */
  view(): Int32Array {
    return this.ids.subarray(0, this.length);
  }

  /** Empties the list (keeping its storage). */
  clear(): void {
    this.length = 0;
  }
}

/** Where a field scorer records the documents it touched: a plain array or a {@link DocList}. */
export interface TouchedSink {
  push(doc: number): void;
}
