/**
 * Lines of a text stream, split on "\n" only: a bare "\r" inside a line stays part of it (readline
 * would split there and shift every later answer against its question); a "\r" before the "\n" is
 * dropped, so files written on Windows read the same.
 */
import { StringDecoder } from "node:string_decoder";

/** Yields each "\n"-terminated line (and a last unterminated one), without "\n" or a trailing "\r". */
export async function* readLines(input: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  for await (const chunk of input) {
    pending += typeof chunk === "string" ? chunk : decoder.write(chunk);
    let at = pending.indexOf("\n");
    while (at >= 0) {
      yield stripCr(pending.slice(0, at));
      pending = pending.slice(at + 1);
      at = pending.indexOf("\n");
    }
  }
  pending += decoder.end();
  if (pending !== "") yield stripCr(pending);
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}
