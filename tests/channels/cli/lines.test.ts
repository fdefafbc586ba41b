import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines } from "../../../src/channels/cli/lines.js";

async function setup(...chunks: Array<string | Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(Readable.from(chunks))) out.push(line);
  return out;
}

describe("readLines", () => {
  it("splits on \\n only: a bare \\r stays inside its line", async () => {
    expect(await setup("你好\r第三十条\n第二条\n")).toEqual(["你好\r第三十条", "第二条"]);
  });

  it("drops the \\r of CRLF, keeps blank lines and a last line without \\n", async () => {
    expect(await setup("你好\r\n\r\n\nWho handles food safety?")).toEqual([
      "你好",
      "",
      "",
      "Who handles food safety?",
    ]);
  });

  it("yields nothing for an empty input and one line for a lone \\n", async () => {
    expect(await setup()).toEqual([]);
    expect(await setup("\n")).toEqual([""]);
  });

  it("joins lines and characters split across chunks", async () => {
    const bytes = Buffer.from("第三十条\r\n谁负责\n", "utf8");
    // Cut inside 十 (3 bytes) and between \r and \n.
    expect(await setup(bytes.subarray(0, 4), bytes.subarray(4, 13), bytes.subarray(13))).toEqual([
      "第三十条",
      "谁负责",
    ]);
  });
});
