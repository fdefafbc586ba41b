/**
 * A memo bounded in bytes, not in entries: what it may hold is a budget of memory, whatever the
 * size of each value (a memo of 20,000 entries is 2 MB of short words or 200 MB of long lists).
 * When an insert would pass the budget the memo is emptied and starts again — cheaper than
 * keeping recency order, and questions repeat the same words within minutes, so a fresh memo
 * fills again with what is asked now.
 */

/** A map from strings to values with a byte budget. */
export class ByteBoundedMemo<V> {
  private readonly map = new Map<string, V>();
  private used = 0;

  /**
   * @param budget bytes the keys and values may take together (estimated by `sizeOf`)
   * @param sizeOf estimated bytes of one value
   */
  constructor(
    readonly budget: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  /** The remembered value, if any. */
  get(key: string): V | undefined {
    return this.map.get(key);
  }

  /** Remembers a value; one larger than the whole budget is not kept. */
  set(key: string, value: V): void {
    const bytes = ENTRY_OVERHEAD + 2 * key.length + this.sizeOf(value);
    if (bytes > this.budget) return;
    if (this.used + bytes > this.budget) this.clear();
    const old = this.map.has(key);
    this.map.set(key, value);
    if (!old) this.used += bytes;
  }

  /** Estimated bytes held now. */
  get bytes(): number {
    return this.used;
  }

  /** Number of entries. */
  get size(): number {
    return this.map.size;
  }

  /** Forgets everything. */
  clear(): void {
    this.map.clear();
    this.used = 0;
  }
}

// A Map entry and its key's string header, roughly, on 64-bit V8.
const ENTRY_OVERHEAD = 64;

/** Estimated bytes of a list of short strings (header per string plus two bytes a character). */
export function bytesOfWords(words: readonly string[]): number {
  let n = 16 + 8 * words.length;
  for (const w of words) n += 16 + 2 * w.length;
  return n;
}
