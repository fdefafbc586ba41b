/**
 * The training questions (STARD train split, mapped onto the national corpus) and the fixed
 * cross-validation folds over them. Folds come from a hash of the question id, not from the file
 * order, so every run and every configuration sees the same split.
 */
import { readFileSync } from "node:fs";
import { TiaowenError } from "../errors.js";

/** One relevant article of a question: the law's title and the article number. */
export interface GoldPair {
  law: string;
  article: number;
}

/** A training question with its relevant articles. */
export interface TrainingQuestion {
  id: string;
  q: string;
  gold: GoldPair[];
}

/**
 * Reads a JSON-lines question file (fields `id`, `q`, `gold: [{law, article}]`); rows without gold
 * pairs are left out, since they teach nothing about relevance.
 * @throws TiaowenError LEARN_DATA when the file cannot be read or a line is not JSON or lacks `id`/`q`.
 */
export function readQuestions(path: string): TrainingQuestion[] {
  const out: TrainingQuestion[] = [];
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new TiaowenError(
      "LEARN_DATA",
      `cannot read the training questions ${path}: pass --questions FILE (JSON lines with id, q, gold)`,
      { cause: error },
    );
  }
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let row: { id?: unknown; q?: unknown; gold?: Array<{ law?: unknown; article?: unknown }> };
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new TiaowenError(
        "LEARN_DATA",
        `${path}:${i + 1}: not JSON; each line must be one question object`,
        {
          cause: error,
        },
      );
    }
    if (typeof row.id !== "string" || typeof row.q !== "string") {
      throw new TiaowenError("LEARN_DATA", `${path}:${i + 1}: a question needs a string "id" and "q"`);
    }
    const gold = (row.gold ?? [])
      .filter((g) => typeof g.law === "string" && Number.isInteger(Number(g.article)))
      .map((g) => ({ law: g.law as string, article: Number(g.article) }));
    if (gold.length > 0) out.push({ id: row.id, q: row.q, gold });
  });
  return out;
}

/** 32-bit FNV-1a of a string: a stable, platform-independent hash for fold assignment. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(text, "utf8")) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The fold (0 … k-1) of a question id. */
export function foldOf(id: string, k: number): number {
  return fnv1a(id) % k;
}
