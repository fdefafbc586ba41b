/**
 * Which words of an article to quote: the whole article when it is short, else the sentences
 * (and list items) that hold the question's matched words — never a silent splice.
 */
import type { Article } from "../law/types.js";

/** Articles up to this length are quoted whole; longer ones by their matching sentences. */
export const QUOTE_WHOLE_BELOW = 170;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[。；])|\n/)
    .map((s) => s.trim())
    .filter(Boolean);
}

interface Piece {
  text: string;
  para: number;
  item: boolean;
}

/**
 * The clause to quote: the whole article when short, else the sentences that contain the most
 * of the matched words (and, for a sentence that introduces a list, the list items that match).
 */
export function pickQuote(article: Article, matched: string[]): string {
  if (article.text.length <= QUOTE_WHOLE_BELOW || matched.length === 0) return article.text;
  // Pieces in reading order: each sentence of a paragraph, then each of its items.
  const pieces: Piece[] = [];
  article.paragraphs.forEach((p, para) => {
    for (const s of sentences(p.text)) pieces.push({ text: s, para, item: false });
    for (const it of p.items) pieces.push({ text: `${it.label}${it.text}`, para, item: true });
  });
  const scores = pieces.map((p) => matched.filter((m) => p.text.includes(m)).length);
  const best = Math.max(...scores);
  if (best === 0) return article.text;
  const keep = new Set(pieces.flatMap((_, i) => (scores[i] === best ? [i] : [])));
  // A quoted item keeps the sentence that introduces its list: it says who must do it.
  for (const i of [...keep]) {
    const piece = pieces[i] as Piece;
    if (!piece.item) continue;
    let k = i - 1;
    while (k >= 0 && (pieces[k] as Piece).item) k--;
    if (k >= 0 && (pieces[k] as Piece).para === piece.para) keep.add(k);
  }
  const quote = joinPieces(
    pieces,
    [...keep].sort((a, b) => a - b),
  );
  return quote.length < 30 ? article.text : quote;
}

/** The kept pieces in order; left-out pieces between two quoted ones are marked "……". */
function joinPieces(pieces: Piece[], order: number[]): string {
  let quote = "";
  order.forEach((i, n) => {
    const piece = pieces[i] as Piece;
    if (n > 0 && i !== (order[n - 1] as number) + 1) quote += "……";
    const previous = n > 0 ? (pieces[order[n - 1] as number] as Piece) : undefined;
    if (previous && (piece.item || piece.para !== previous.para)) quote += "\n";
    quote += piece.text;
  });
  return quote;
}
