import { describe, expect, it } from "vitest";
import { createAnswerCache } from "../../src/conversation/answer-cache.js";
import type { Answer } from "../../src/mod.js";

function answer(text: string, context: Answer["context"] = {}): Answer {
  return {
    intent: "topic",
    answered: true,
    lang: "zh",
    text,
    lead: text,
    quote: null,
    source: null,
    notes: [],
    citations: [],
    departments: [],
    confidence: 1,
    related: [],
    candidates: [],
    elsewhere: [],
    contacts: [],
    context,
  };
}

function setup(maxEntries?: number) {
  const cache = createAnswerCache(maxEntries === undefined ? {} : { maxEntries });
  let computed = 0;
  const get = (q: string, context: Answer["context"] = {}) =>
    cache.get(q, context, () => {
      computed++;
      return answer(`${q}@${context.article ?? "-"}`, { lawId: "L", article: 1 });
    });
  return { cache, get, computed: () => computed };
}

describe("createAnswerCache", () => {
  it("computes a question once and returns the same answer after", () => {
    const { get, computed } = setup();
    const first = get("第三十条");
    expect(get("第三十条")).toBe(first);
    expect(computed()).toBe(1);
    expect(first.text).toBe("第三十条@-");
  });

  it("keys by the conversation context as well as the question", () => {
    const { get, computed } = setup();
    expect(get("下一条", { lawId: "L", article: 30 }).text).toBe("下一条@30");
    expect(get("下一条", { lawId: "L", article: 31 }).text).toBe("下一条@31");
    expect(computed()).toBe(2);
  });

  it("drops the least recently used answers beyond maxEntries", () => {
    const { cache, get, computed } = setup(2);
    get("a");
    get("b");
    get("a");
    get("c");
    expect(cache.size).toBe(2);
    get("a");
    expect(computed()).toBe(3);
    get("b");
    expect(computed()).toBe(4);
  });

  it("caches nothing with maxEntries 0", () => {
    const { cache, get, computed } = setup(0);
    get("a");
    get("a");
    expect(computed()).toBe(2);
    expect(cache.size).toBe(0);
  });
});
