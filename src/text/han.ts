/**
 * Character classes without Unicode-class regexps: whether characters are Han
 * (\p{Script=Han}), whether a word is all punctuation, symbols and space ([\p{P}\p{S}\s]). A
 * question's words are tested several times each, and a regexp over Unicode classes is slow to
 * enter on a busy server. Each BMP character is tested once with the regexp and its answer kept.
 */

/** One character class, learnt character by character from a one-character regexp. */
class CharClass {
  // 0 not yet known, 1 in the class, 2 not.
  private readonly bmp = new Uint8Array(0x10000);

  constructor(private readonly one: RegExp) {}

  has(cp: number): boolean {
    if (cp > 0xffff) return this.one.test(String.fromCodePoint(cp));
    let known = this.bmp[cp] as number;
    if (known === 0) {
      known = this.one.test(String.fromCharCode(cp)) ? 1 : 2;
      this.bmp[cp] = known;
    }
    return known === 1;
  }

  /** The number of code points of a text made only of the class, or −1 (0 for the empty text). */
  length(text: string): number {
    let n = 0;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i) as number;
      if (!this.has(cp)) return -1;
      n++;
      i += cp > 0xffff ? 2 : 1;
    }
    return n;
  }
}

const HAN = new CharClass(/^\p{Script=Han}$/u);
const PUNCTUATION = new CharClass(/^[\p{P}\p{S}\s]$/u);

/** Whether a code point is a Han character. */
export function isHan(cp: number): boolean {
  return HAN.has(cp);
}

/**
 * The number of code points of a text made only of Han characters, or −1 when it holds anything
 * else (0 for the empty text): `/^\p{Script=Han}+$/u` is `hanLength(t) > 0`, `/^\p{Script=Han}{2}$/u`
 * is `hanLength(t) === 2`.
 */
export function hanLength(text: string): number {
  return HAN.length(text);
}

/** Whether a text is punctuation, symbols and space only, and not empty: `/^[\p{P}\p{S}\s]+$/u`. */
export function isPunctuation(text: string): boolean {
  return PUNCTUATION.length(text) > 0;
}
