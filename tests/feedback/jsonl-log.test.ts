import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createJsonlLog } from "../../src/feedback/jsonl-log.js";
import { captureLog } from "../helpers/capture-log.js";
import { rating, unanswered } from "../helpers/feedback.js";

const DAY = { from: new Date("2024-05-01T00:00:00Z"), to: new Date("2024-05-02T00:00:00Z") };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "tiaowen-feedback-"));
  const file = join(dir, "data", "feedback.jsonl");
  const log = captureLog();
  return { dir, file, log: createJsonlLog({ file, logger: log.logger }), lines: log.lines };
}

describe("createJsonlLog", () => {
  it("creates its folder and appends one JSON line per record", async () => {
    const { file, log } = setup();
    const a = unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T02:00:00.000Z");
    const b = rating("城市大脑是什么", "城市大脑是什么", "2024-05-01T03:00:00.000Z", "down");
    log.append(a);
    log.append(b);
    await log.flush();
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(JSON.parse(lines[0] ?? "")).toEqual(a);
    expect(JSON.parse(lines[1] ?? "")).toEqual(b);
  });

  it("reads the records of a range, skipping a torn line and lines of other shapes", async () => {
    const { file, log } = setup();
    log.append(unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-04-30T23:59:59.000Z"));
    log.append(unanswered("网约车归谁管", "网约车归谁管", "2024-05-01T08:00:00.000Z"));
    await log.flush();
    writeFileSync(file, `${readFileSync(file, "utf8")}{"note":"other"}\n{"kind":"unanswe`);
    const again = createJsonlLog({ file });
    expect((await again.read(DAY)).map((r) => r.question)).toEqual(["网约车归谁管"]);
  });

  it("reads nothing before the first record", async () => {
    const { log } = setup();
    expect(await log.read(DAY)).toEqual([]);
  });

  it("keeps records through a failed write and writes them once it can", async () => {
    const { file, log, lines } = setup();
    // A folder where the file should be: every append fails (even for root) until it is gone.
    mkdirSync(file, { recursive: true });
    log.append(unanswered("谁负责舌尖安全", "谁负责舌尖安全", "2024-05-01T02:00:00.000Z"));
    await expect(log.flush()).rejects.toThrow(/EISDIR/);
    log.append(unanswered("网约车归谁管", "网约车归谁管", "2024-05-01T03:00:00.000Z"));
    await expect(log.flush()).rejects.toThrow(/EISDIR/);
    expect(lines.filter((l) => l.msg === "could not write the feedback log; will retry")).toHaveLength(1);
    rmSync(file, { recursive: true });
    await log.flush();
    expect((await log.read(DAY)).map((r) => r.question)).toEqual(["谁负责舌尖安全", "网约车归谁管"]);
  });
});
