/**
 * One-off check for changes to the law loader: dumps every law's article texts from a corpus with
 * a given loader, and compares two dumps. Run the dump with the old loader (another checkout) and
 * the new one, then compare:
 *
 *   npx tsx bench/law-text-diff.ts dump OUT.json LOADER.ts DIR…   (LOADER: a src/law/load.ts)
 *   npx tsx bench/law-text-diff.ts compare BEFORE.json AFTER.json
 *
 * "compare" reports, for the laws read before, how many kept every article text, and lists the
 * laws whose articles changed (label, before, after), so that each change can be judged.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

interface Dumped {
  laws: Record<string, { title: string; articles: Array<[label: string, text: string]> }>;
  problems: string[];
}

async function dump(out: string, loader: string, dirs: string[]): Promise<void> {
  const mod = (await import(pathToFileURL(resolve(loader)).href)) as {
    loadLaws(dirs: string[]): {
      laws: Array<{ file: string; title: string; articles: Array<{ label: string; text: string }> }>;
      problems: Array<{ file: string; message: string }>;
    };
  };
  const corpus = mod.loadLaws(dirs);
  const result: Dumped = { laws: {}, problems: corpus.problems.map((p) => p.file) };
  for (const law of corpus.laws) {
    result.laws[law.file] = { title: law.title, articles: law.articles.map((a) => [a.label, a.text]) };
  }
  writeFileSync(out, JSON.stringify(result));
  console.log(`${Object.keys(result.laws).length} laws, ${result.problems.length} unreadable → ${out}`);
}

function compare(beforeFile: string, afterFile: string): void {
  const before = JSON.parse(readFileSync(beforeFile, "utf8")) as Dumped;
  const after = JSON.parse(readFileSync(afterFile, "utf8")) as Dumped;
  let same = 0;
  let articles = 0;
  const changed: string[] = [];
  for (const [file, old] of Object.entries(before.laws)) {
    articles += old.articles.length;
    const now = after.laws[file];
    if (!now) {
      changed.push(`${file}: no longer read`);
      continue;
    }
    const a = JSON.stringify(old.articles);
    const b = JSON.stringify(now.articles);
    if (a === b && old.title === now.title) {
      same++;
      continue;
    }
    const lines = [`${file}: ${old.articles.length} → ${now.articles.length} articles`];
    if (old.title !== now.title) lines.push(`  title: ${old.title} → ${now.title}`);
    const n = Math.max(old.articles.length, now.articles.length);
    for (let i = 0; i < n; i++) {
      const x = old.articles[i];
      const y = now.articles[i];
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      lines.push(`  [${i}] before ${x ? `${x[0]} ${JSON.stringify(x[1].slice(-80))}` : "—"}`);
      lines.push(`  [${i}] after  ${y ? `${y[0]} ${JSON.stringify(y[1].slice(-80))}` : "—"}`);
    }
    changed.push(lines.join("\n"));
  }
  const newly = Object.keys(after.laws).filter((f) => !before.laws[f]).length;
  console.log(changed.join("\n"));
  console.log(
    `\n${Object.keys(before.laws).length} laws read before (${articles} articles): ${same} unchanged, ${changed.length} changed; ` +
      `${newly} laws read now that were not before; unreadable ${before.problems.length} → ${after.problems.length}`,
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === "dump" && args.length >= 3) {
  await dump(args[0] as string, args[1] as string, args.slice(2));
} else if (command === "compare" && args.length === 2) {
  compare(args[0] as string, args[1] as string);
} else {
  console.error("usage: law-text-diff.ts dump OUT.json LOADER.ts DIR… | compare BEFORE.json AFTER.json");
  process.exitCode = 2;
}
