import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines } from "../../../src/channels/cli/lines.js";

async function setup(chunks: Array<string | Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(Readable.from(chunks))) out.push(line);
  return out;
}

describe("readLines", () => {
  it("gives one line per \\n, a trailing \\r dropped, a bare \\r kept inside its line", async () => {
    expect(await setup(["你好\r\n\r\n工资\r怎么算\n最后一行"])).toEqual([
      "你好",
      "",
      "工资\r怎么算",
      "最后一行",
    ]);
  });

  it("joins lines cut across chunks, even inside a character", async () => {
    const bytes = Buffer.from("劳动合同\n解除\n", "utf8");
    expect(await setup([bytes.subarray(0, 5), bytes.subarray(5, 14), bytes.subarray(14)])).toEqual([
      "劳动合同",
      "解除",
    ]);
  });

  it("gives nothing for empty input and no empty line after a final \\n", async () => {
    expect(await setup([])).toEqual([]);
    expect(await setup(["a\n"])).toEqual(["a"]);
  });
});
