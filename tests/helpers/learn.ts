/**
 * The learner's fixture: three real national texts (tests/fixtures/national: the labour contract
 * law, the property management regulation, the first labour-dispute interpretation) and 24
 * questions written for the tests in the way residents ask (tests/fixtures/learn/questions.jsonl).
 */
import { join } from "node:path";
import { type LearnSetup, loadSetup } from "../../src/learn/setup.js";
import { FIXTURES_DIR, ROOT } from "./fixtures.js";

/** The fixture's corpus folder and question file. */
export const LEARN_FIXTURE = {
  corpus: join(FIXTURES_DIR, "national"),
  questions: join(FIXTURES_DIR, "learn", "questions.jsonl"),
};

let cached: Promise<LearnSetup> | undefined;

/** Corpus, fields and analysed questions of the fixture (loaded once per test file). */
export function fixtureSetup(): Promise<LearnSetup> {
  cached ??= loadSetup({
    corpusDirs: [LEARN_FIXTURE.corpus],
    questions: LEARN_FIXTURE.questions,
    root: ROOT,
  });
  return cached;
}
