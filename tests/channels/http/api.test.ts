import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ConversationContext } from "../../../src/answer/types.js";
import { SESSION_PATTERN } from "../../../src/channels/http/api.js";
import { createMemoryStore } from "../../../src/state/store.js";
import { post, seedBot, startTestServer } from "../../helpers/http-server.js";

describe("SESSION_PATTERN", () => {
  it("accepts UUIDs and opaque tokens, not spaces or markup", () => {
    expect(SESSION_PATTERN.test("0d7f3c4e-1a2b-4c3d-9e8f-001122334455")).toBe(true);
    expect(SESSION_PATTERN.test("a".repeat(129))).toBe(false);
    expect(SESSION_PATTERN.test("<script>")).toBe(false);
  });
});

describe("POST /api/ask sessions under a flood", () => {
  it("keeps a resident's context while another client invents sessions by the dozen", async () => {
    // A store as small as the flood, so that without a per-client cap the resident's session goes.
    const server = await startTestServer({
      bot: await seedBot(),
      env: { TRUST_PROXY: "true", RATE_LIMIT_PER_MINUTE: "1000" },
      store: createMemoryStore<ConversationContext>({ maxEntries: 55 }),
    });
    try {
      const ask = async (from: string, q: string, session: string) =>
        (await (await post(`${server.url}/api/ask`, { q, session }, { "X-Forwarded-For": from })).json()) as {
          answered: boolean;
          citations: Array<{ article: number }>;
        };
      await ask("198.51.100.2", "第三十条", "resident-0d7f3c4e");
      for (let i = 0; i < 60; i++) await ask("203.0.113.7", "第三十条", `flood-${i}`);
      const next = await ask("198.51.100.2", "下一条", "resident-0d7f3c4e");
      expect(next.citations[0]?.article).toBe(31);
      // The flooder's own oldest sessions went instead.
      expect((await ask("203.0.113.7", "下一条", "flood-0")).answered).toBe(false);
      expect((await ask("203.0.113.7", "下一条", "flood-59")).citations[0]?.article).toBe(31);
    } finally {
      await server.close();
    }
  });
});

describe("POST /api/ask conversations in residents' words", () => {
  // Conversations written by residents' stand-ins (bench/residents/conversations.jsonl): follow-ups in
  // Chinese and English, topic switches, a follow-up after a question the law does not answer.
  const conversations = readFileSync(new URL("../../fixtures/conversations.jsonl", import.meta.url), "utf8")
    .split("\n")
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as {
          id: string;
          turns: Array<{
            q: string;
            expect: { answered: boolean; articles?: number[]; department?: string };
          }>;
        },
    );

  it("holds every turn of every conversation through one session each", async () => {
    const server = await startTestServer({ bot: await seedBot(), env: { RATE_LIMIT_PER_MINUTE: "1000" } });
    try {
      const wrong: string[] = [];
      for (const c of conversations) {
        for (const t of c.turns) {
          const res = await post(`${server.url}/api/ask`, { q: t.q, session: `conversation-${c.id}` });
          const a = (await res.json()) as {
            answered: boolean;
            text: string;
            departments: string[];
            citations: Array<{ article: number }>;
          };
          const article = a.citations[0]?.article;
          const ok =
            a.answered === t.expect.answered &&
            (!t.expect.articles?.length || t.expect.articles.includes(article ?? -1)) &&
            (!t.expect.department || `${a.departments.join()} ${a.text}`.includes(t.expect.department));
          if (!ok) wrong.push(`${c.id} ${t.q} → answered ${a.answered}, article ${article ?? "-"}`);
        }
      }
      expect(conversations.length).toBeGreaterThanOrEqual(24);
      expect(wrong).toEqual([]);
    } finally {
      await server.close();
    }
  }, 60_000);
});
