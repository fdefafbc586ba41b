import { beforeAll, describe, expect, it } from "vitest";
import { rankDepartments } from "../../src/answer/rank-departments.js";
import { type AnswerFixture, answerFixture } from "../helpers/answer.js";

let f: AnswerFixture;
beforeAll(async () => {
  f = await answerFixture();
});

describe("rankDepartments", () => {
  it("puts the department the question names first", () => {
    const ranked = rankDepartments(f.entry(6).departments, "开发区管委会负责什么", []);
    expect(ranked.map((d) => d.canonical)).toEqual(["开发区管委会", "智慧城市主管部门"]);
  });

  it("otherwise puts the actor first", () => {
    expect(rankDepartments(f.entry(6).departments, "谁负责智慧城市建设", [])[0]?.canonical).toBe(
      "智慧城市主管部门",
    );
  });
});
