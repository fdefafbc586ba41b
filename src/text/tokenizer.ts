/**
 * Chinese word segmentation behind one small interface, so the engine does not care which
 * jieba it runs on. `node-rs` (@node-rs/jieba, prebuilt, loads its dictionary in about 0.2 s)
 * is the default; `nodejieba` (built from source, about 2.5 s to load) is the named alternative.
 *
 * Both see only runs of Chinese text: ASCII words and numbers are cut out beforehand and kept
 * whole, because nodejieba splits "APP" into A/P/P and the two backends must agree.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TiaowenError } from "../errors.js";
import { ByteBoundedMemo, bytesOfWords } from "./memo.js";

/** The segmentation backends tiaowen knows. */
export type TokenizerBackend = "node-rs" | "nodejieba";

/** Word segmentation of normalised text. */
export interface Tokenizer {
  readonly backend: TokenizerBackend;
  /** Exact mode: each character belongs to one word. */
  cut(text: string): string[];
  /** Search mode: the exact words plus the shorter dictionary words inside long ones. */
  cutForSearch(text: string): string[];
}

/** A user-dictionary entry: a term jieba must keep whole. */
export interface DictionaryWord {
  word: string;
  /** jieba frequency; higher wins over the built-in dictionary's splits. */
  freq?: number;
  /** Part-of-speech tag, e.g. "n". */
  tag?: string;
}

/** Options for {@link createTokenizer}. */
export interface TokenizerOptions {
  backend?: TokenizerBackend;
  /** Terms to keep whole (statutory names, 一网通办, 一卡通…). */
  userWords?: DictionaryWord[];
}

interface Segmenter {
  cut(text: string): string[];
  cutForSearch(text: string): string[];
}

// Frequency given to user words without one: high enough to beat the built-in splits of
// multi-word statutory names, as jieba's own docs suggest for domain dictionaries.
const DEFAULT_USER_FREQ = 50_000;

const require = createRequire(import.meta.url);

/** jieba's user-dictionary format: `word freq tag` per line. */
function dictionaryLines(words: DictionaryWord[]): string {
  return words.map((w) => `${w.word} ${w.freq ?? DEFAULT_USER_FREQ} ${w.tag ?? "n"}\n`).join("");
}

async function loadNodeRs(userWords: DictionaryWord[]): Promise<Segmenter> {
  const { Jieba } = await import("@node-rs/jieba");
  const { dict } = await import("@node-rs/jieba/dict.js");
  const jieba = Jieba.withDict(dict);
  if (userWords.length > 0) {
    jieba.loadDict(Buffer.from(dictionaryLines(userWords), "utf8"));
  }
  return {
    cut: (t) => jieba.cut(t, false),
    cutForSearch: (t) => jieba.cutForSearch(t, false),
  };
}

interface NodeJieba {
  load(options?: object): void;
  cut(text: string, strict?: boolean): string[];
  cutForSearch(text: string, strict?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
}

// nodejieba is one native instance per process, and load() replaces its dictionary. So it is
// loaded with the union of every tokenizer's user words, and loaded again only when a tokenizer
// brings words the loaded dictionary lacks (tests; a deployment has one dictionary).
let nodejiebaWords = new Map<string, DictionaryWord>();
let nodejiebaLoaded: NodeJieba | undefined;

function loadNodeJieba(userWords: DictionaryWord[]): Segmenter {
  let jieba: NodeJieba;
  try {
    jieba = nodejiebaLoaded ?? (require("nodejieba") as NodeJieba);
  } catch (error) {
    throw new TiaowenError(
      "TOKENIZER_UNAVAILABLE",
      'the nodejieba backend is not installed: run `npm install nodejieba` (it builds from source and needs "yes=true" in .npmrc), or use the default backend "node-rs"',
      { cause: error },
    );
  }
  const fresh = userWords.filter((w) => !nodejiebaWords.has(w.word));
  if (!nodejiebaLoaded || fresh.length > 0) {
    nodejiebaWords = new Map([...nodejiebaWords, ...fresh.map((w): [string, DictionaryWord] => [w.word, w])]);
    // The user dictionary goes in as a file with frequencies: insertWord would give each word
    // the dictionary's median weight, too low to keep 安全生产 whole and lower than the weight
    // of words jieba already knows (人民政府, 大数据).
    const dir = mkdtempSync(join(tmpdir(), "tiaowen-jieba-"));
    const file = join(dir, "user.dict.utf8");
    writeFileSync(file, dictionaryLines([...nodejiebaWords.values()]));
    try {
      jieba.load({ userDict: file });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    nodejiebaLoaded = jieba;
  }
  // nodejieba's second argument is "strict" (HMM off when true): both backends run without HMM,
  // so unknown strings are not glued into invented words and the two agree.
  return {
    cut: (t) => jieba.cut(t, true),
    cutForSearch: (t) => jieba.cutForSearch(t, true),
  };
}

// Runs that jieba must not see: ASCII letters/digits (with . _ - + inside, e.g. "5g", "ipv6", "12345").
const ASCII_RUN = /[a-z0-9][a-z0-9._+-]*[a-z0-9]|[a-z0-9]/gi;
// The longest piece handed to jieba at once. jieba cuts at punctuation on its own, so pieces cut
// after punctuation segment exactly as the whole would; a bound keeps one 50 MB article from
// becoming one native call and one array of millions of words built in a single step.
const MAX_PIECE = 4096;
// Where a long text may be cut without changing how jieba segments it: jieba cuts its input into
// blocks at punctuation and spaces and segments each block alone (letters, digits and . + # & _ % -
// stay inside a block, so those are not cut points).
const PIECE_END = /[。；！？，、：\n ]/g;

/** Appends `words` to `out` one by one: a spread of a huge array overflows the call stack. */
function append(out: string[], words: readonly string[]): void {
  for (const w of words) if (w.trim() !== "") out.push(w);
}

/** Cuts a long text into pieces of at most MAX_PIECE characters, after punctuation where it can. */
export function pieces(text: string, max = MAX_PIECE): string[] {
  if (text.length <= max) return [text];
  const out: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let cut = -1;
    PIECE_END.lastIndex = start;
    for (let m = PIECE_END.exec(text); m && m.index < start + max; m = PIECE_END.exec(text))
      cut = m.index + 1;
    // No punctuation in the window: cut where the window ends (at worst one word is split).
    if (cut <= start) cut = start + max;
    out.push(text.slice(start, cut));
    start = cut;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function splitRuns(text: string, segment: (chinese: string) => string[]): string[] {
  const out: string[] = [];
  const chinese = (from: number, to: number) => {
    for (const piece of pieces(text.slice(from, to))) append(out, segment(piece));
  };
  let last = 0;
  for (const m of text.matchAll(ASCII_RUN)) {
    if (m.index > last) chinese(last, m.index);
    out.push(m[0]);
    last = m.index + m[0].length;
  }
  if (last < text.length) chinese(last, text.length);
  return out;
}

/**
 * Creates a tokenizer on the chosen backend with the user dictionary loaded.
 * @throws TiaowenError TOKENIZER_UNAVAILABLE when the nodejieba backend is asked for but not installed.
 */
export async function createTokenizer(options: TokenizerOptions = {}): Promise<Tokenizer> {
  const backend = options.backend ?? "node-rs";
  const userWords = options.userWords ?? [];
  let seg: Segmenter;
  if (backend === "node-rs") seg = await loadNodeRs(userWords);
  else if (backend === "nodejieba") seg = loadNodeJieba(userWords);
  else
    throw new TiaowenError(
      "TOKENIZER_UNKNOWN",
      `unknown tokenizer backend "${backend}": use "node-rs" or "nodejieba"`,
    );
  return {
    backend,
    cut: memoize((text) => splitRuns(text, seg.cut)),
    cutForSearch: memoize((text) => splitRuns(text, seg.cutForSearch)),
  };
}

// Questions are cut into the same short words again and again (synonyms, glossary terms); a
// call into the native segmenter costs more than a map lookup. Only short strings are kept, in a
// memo bounded in bytes: 2 MB holds the words of some 10,000 distinct short strings, more than a
// day of questions asks, and cannot grow whatever the traffic.
const MEMO_MAX_LENGTH = 16;
const MEMO_BYTES = 2 * 2 ** 20;

function memoize(cut: (text: string) => string[]): (text: string) => string[] {
  const memo = new ByteBoundedMemo<readonly string[]>(MEMO_BYTES, bytesOfWords);
  return (text) => {
    if (text.length > MEMO_MAX_LENGTH) return cut(text);
    let words = memo.get(text);
    if (!words) {
      words = Object.freeze(cut(text));
      memo.set(text, words);
    }
    return [...words];
  };
}
