import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cutText, splitText, utf8Length, utf16Length } from "../../src/answer/split-text.js";

describe("cutText", () => {
  it("cuts after a sentence end in the second half of the room", () => {
    expect(cutText("第一句。第二句。第三句很长很长。", 9, utf16Length)).toEqual({
      head: "第一句。第二句。",
      rest: "第三句很长很长。",
    });
  });

  it("falls back on a clause end, then on the last whole character", () => {
    expect(cutText("甲乙丙，丁戊己庚辛壬癸", 6, utf16Length).head).toBe("甲乙丙，");
    expect(cutText("甲乙丙丁戊己庚辛壬癸", 4, utf16Length).head).toBe("甲乙丙丁");
  });

  it("measures in the channel's unit: three UTF-8 bytes a Chinese character", () => {
    expect(cutText("甲乙丙丁", 7, utf8Length).head).toBe("甲乙");
  });

  it("never splits a surrogate pair", () => {
    expect(cutText("😀😀😀", 3, utf16Length).head).toBe("😀");
  });
});

describe("splitText", () => {
  it("gives pieces within the limit that concatenate back to the text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 400 }),
        fc.integer({ min: 4, max: 60 }),
        (text, max) => {
          const pieces = splitText(text, max, utf8Length);
          expect(pieces.join("")).toBe(text);
          for (const p of pieces) expect(utf8Length(p) <= max || [...p].length === 1).toBe(true);
        },
      ),
    );
  });

  it("refuses a limit that is not positive", () => {
    expect(() => splitText("甲", 0, utf16Length)).toThrow(RangeError);
  });
});
