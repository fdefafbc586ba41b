/**
 * Whether characters are Han (\p{Script=Han}), without a Unicode-class regexp: what a question's
 * words are tested for several times each, and a regexp over Unicode classes is slow to enter on a
 * busy server. Each BMP character is tested once with the regexp and its answer kept in a table.
 */

const HAN_CHAR = /^\p{Script=Han}$/u;
// 0 not yet known, 1 Han, 2 not Han.
const bmp = new Uint8Array(0x10000);

/** Whether a code point is a Han character. */
export function isHan(cp: number): boolean {
  if (cp > 0xffff) return HAN_CHAR.test(String.fromCodePoint(cp));
  let known = bmp[cp] as number;
  if (known === 0) {
    known = HAN_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
    bmp[cp] = known;
  }
  return known === 1;
}

/**
 * The number of code points of a text made only of Han characters, or −1 when it holds anything
 * else (0 for the empty text): `/^\p{Script=Han}+$/u` is `hanLength(t) > 0`, `/^\p{Script=Han}{2}$/u`
 * is `hanLength(t) === 2`.
 */
export function hanLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) as number;
    if (!isHan(cp)) return -1;
    n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}
