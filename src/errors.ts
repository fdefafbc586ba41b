/**
 * Errors that tiaowen raises on purpose. Each carries a stable `code` that callers
 * (channels, tests) can branch on, and a message that says how to fix the cause.
 * "Not found" and "low confidence" are answers, not errors.
 */
export class TiaowenError extends Error {
  override name = "TiaowenError";
  /** A stable, machine-readable identifier of the failure. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** A law file that cannot be read as an ordinance; names the file and line. */
export class LawParseError extends TiaowenError {
  override name = "LawParseError";
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string) {
    super("LAW_PARSE", `${file}:${line}: ${problem}`);
    this.file = file;
    this.line = line;
  }
}

/** Data under intents/ that is malformed; names the file and what is wrong. */
export class VocabularyError extends TiaowenError {
  override name = "VocabularyError";
  constructor(file: string, problem: string) {
    super("VOCABULARY", `${file}: ${problem}`);
  }
}
