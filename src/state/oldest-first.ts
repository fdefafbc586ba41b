/**
 * Forgetting the oldest entries of a Map kept in insertion order (a bounded memo, an LRU that
 * re-inserts what it touches). `map.keys().next()` starts at the beginning of V8's table every
 * time and walks over every entry deleted since the table was last compacted: on the 20,000
 * answers awaiting a rating, evicting one per request that way cost 8 µs a request (`npm run
 * bench`, README "HTTP server"). A cursor that stays where the last eviction stopped walks over
 * each deleted entry once.
 *
 * Correct because every entry before the cursor has been deleted: the cursor only passes entries
 * it returned (and the caller deleted) or ones already deleted, and new entries are appended at
 * the end. So the first entry after it is the oldest one alive.
 */
export class OldestFirst<K> {
  private cursor: Iterator<K> | undefined;

  constructor(private readonly map: Map<K, unknown>) {}

  /** Deletes the oldest entries until the map holds at most `max`. */
  trimTo(max: number): void {
    while (this.map.size > max) {
      let next = this.cursor?.next();
      // A finished iterator stays finished, even when entries are added later: start again.
      if (!next || next.done) {
        this.cursor = this.map.keys();
        next = this.cursor.next();
      }
      if (next.done) return;
      this.map.delete(next.value);
    }
  }
}
