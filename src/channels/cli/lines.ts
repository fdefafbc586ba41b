/**
 * Lines of a text stream as `ask --json` promises them: one per "\n", a trailing "\r" dropped
 * (CRLF files), and any other "\r" kept inside its line. node:readline also ends a line at a bare
 * "\r", which would turn one question into two answers and shift every later answer against its
 * question in the scorer's file.
 */

/**
 * Yields each "\n"-terminated line of `input` (UTF-8) without its terminator or a trailing "\r";
 * a last line without "\n" is yielded too, an empty input yields nothing. Lines are yielded as
 * they arrive, so a pipe gets its answers while it is still writing.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  // A streaming decoder: a character split across two chunks is decoded whole.
  const decoder = new TextDecoder("utf-8");
  let pending = "";
  for await (const chunk of input) {
    pending += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    let end = pending.indexOf("\n");
    while (end !== -1) {
      yield withoutCr(pending.slice(0, end));
      pending = pending.slice(end + 1);
      end = pending.indexOf("\n");
    }
  }
  pending += decoder.decode();
  if (pending !== "") yield withoutCr(pending);
}

function withoutCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
