import { describe, expect, it } from "vitest";
import { LawParseError, TiaowenError, VocabularyError } from "../src/errors.js";

function setup() {
  return {
    base: new TiaowenError("CORPUS_DIR", "corpus folder x does not exist", { cause: new Error("ENOENT") }),
    parse: new LawParseError("seeds/大同.md", 12, "第二条 has no text"),
    vocabulary: new VocabularyError("intents/synonyms.yaml", "groups.0: too small"),
  };
}

describe("TiaowenError", () => {
  it("carries a stable code, a name and the cause", () => {
    const { base } = setup();
    expect(base).toBeInstanceOf(Error);
    expect(base.name).toBe("TiaowenError");
    expect(base.code).toBe("CORPUS_DIR");
    expect(base.message).toBe("corpus folder x does not exist");
    expect((base.cause as Error).message).toBe("ENOENT");
  });
});

describe("LawParseError", () => {
  it("names the file and line in its message and fields", () => {
    const { parse } = setup();
    expect(parse).toBeInstanceOf(TiaowenError);
    expect(parse.name).toBe("LawParseError");
    expect(parse.code).toBe("LAW_PARSE");
    expect(parse.file).toBe("seeds/大同.md");
    expect(parse.line).toBe(12);
    expect(parse.message).toBe("seeds/大同.md:12: 第二条 has no text");
  });
});

describe("VocabularyError", () => {
  it("names the file in its message", () => {
    const { vocabulary } = setup();
    expect(vocabulary).toBeInstanceOf(TiaowenError);
    expect(vocabulary.name).toBe("VocabularyError");
    expect(vocabulary.code).toBe("VOCABULARY");
    expect(vocabulary.message).toBe("intents/synonyms.yaml: groups.0: too small");
  });
});
