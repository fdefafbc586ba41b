import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ButtonAction,
  CALLBACK_DATA_MAX_BYTES,
  decodeButton,
  encodeButton,
  lawKeyOf,
} from "../../../src/channels/telegram/buttons.js";

describe("lawKeyOf", () => {
  it("is short, stable and fit for callback data", () => {
    const id = "ff808081736bb19d01744e08caa80dd3";
    expect(lawKeyOf(id)).toBe(lawKeyOf(id));
    expect(lawKeyOf(id)).toMatch(/^[\w-]{10}$/);
    expect(lawKeyOf("大同市智慧城市促进条例~大同市智慧城市促进条例（2019年修正）.md")).toMatch(/^[\w-]{10}$/);
    expect(lawKeyOf("a")).not.toBe(lawKeyOf("b"));
  });
});

describe("encodeButton", () => {
  it("writes each action in a few bytes", () => {
    expect(encodeButton({ kind: "article", lawKey: "5YNfdVvnmG", article: 30 })).toBe("art:5YNfdVvnmG:30");
    expect(encodeButton({ kind: "directory", page: 2 })).toBe("dir:2");
    expect(encodeButton({ kind: "ask", question: "第三十条讲什么" })).toBe("ask:第三十条讲什么");
    expect(encodeButton({ kind: "feedback", answerId: "Xk3_9aQ-2LmP", rating: "down" })).toBe(
      "fb:Xk3_9aQ-2LmP:d",
    );
  });

  it("refuses what would not fit in Telegram's 64 bytes", () => {
    expect(encodeButton({ kind: "ask", question: "谁".repeat(20) })).toBe(`ask:${"谁".repeat(20)}`);
    expect(encodeButton({ kind: "ask", question: "谁".repeat(21) })).toBeUndefined();
  });
});

describe("decodeButton", () => {
  it("reads back what encodeButton wrote", () => {
    const action: fc.Arbitrary<ButtonAction> = fc.oneof(
      fc.record({
        kind: fc.constant("article" as const),
        lawKey: fc.string({ unit: fc.constantFrom("a", "Z", "0", "_", "-"), minLength: 10, maxLength: 10 }),
        article: fc.integer({ min: 1, max: 99_999 }),
      }),
      fc.record({ kind: fc.constant("directory" as const), page: fc.integer({ min: 0, max: 9999 }) }),
      fc.record({ kind: fc.constant("ask" as const), question: fc.string({ minLength: 1, maxLength: 20 }) }),
      fc.record({
        kind: fc.constant("feedback" as const),
        answerId: fc.string({ unit: fc.constantFrom("a", "Z", "0", "_", "-"), minLength: 12, maxLength: 12 }),
        rating: fc.constantFrom("up" as const, "down" as const),
      }),
    );
    fc.assert(
      fc.property(action, (a) => {
        const data = encodeButton(a);
        if (data === undefined) return;
        expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(decodeButton(data)).toEqual(a);
      }),
    );
  });

  it("does not recognise data this bot did not make", () => {
    for (const data of [
      "",
      "art:",
      "art:x:y",
      "dir:-1",
      "dir:abc",
      "vote:yes",
      "ask:",
      "fb:short:u",
      "fb:Xk3_9aQ-2LmP:x",
    ]) {
      expect(decodeButton(data)).toBeUndefined();
    }
  });
});
