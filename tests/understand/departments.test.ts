import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Law } from "../../src/law/types.js";
import {
  buildDirectory,
  canonicalDepartment,
  type DepartmentMention,
  extractDepartments,
} from "../../src/understand/departments.js";
import { articleOf, CORPUS_DIR, LAWREFBOOK, parseFile, seedLaw } from "../helpers/fixtures.js";

function setup() {
  const law = seedLaw();
  const of = (n: number) => extractDepartments(articleOf(law, n));
  const actors = (n: number) => of(n).filter((d) => d.role === "actor");
  return { law, of, actors };
}

const summary = (ds: DepartmentMention[]) => ds.map((d) => [d.canonical, d.role]);

describe("extractDepartments", () => {
  it.each([
    [30, "市场监督管理部门", "市、县（区）人民政府市场监督管理部门"],
    [25, "公安机关", "市、县（区）公安机关"],
    [28, "生态环境主管部门", "市、县（区）人民政府生态环境主管部门"],
    [29, "应急管理部门", "市、县（区）人民政府应急管理部门"],
    [38, "文化和旅游主管部门", "市、县（区）人民政府文化和旅游主管部门"],
    [27, "城市管理相关部门", "市、县（区）人民政府城市管理相关部门"],
  ])("finds the actor of article %i: %s, named with its level", (n, canonical, name) => {
    const { of } = setup();
    const found = of(n);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ canonical, name, role: "actor" });
    expect(found[0]?.duty.startsWith(name)).toBe(true);
  });

  it("finds the 智慧城市主管部门 of article 6 as actor and the 开发区管委会 as mentioned", () => {
    const { of } = setup();
    const found = of(6);
    expect(summary(found)).toEqual([
      ["智慧城市主管部门", "actor"],
      ["开发区管委会", "mentioned"],
    ]);
    expect(found[0]?.name).toBe("市、县（区）智慧城市主管部门");
    expect(found[1]?.duty).toBe(
      "市、县（区）人民政府其他有关部门和单位、开发区管委会，应当按照各自职责做好智慧城市建设和管理的相关工作。",
    );
  });

  it("lists each department of article 7's enumeration, and no 常务会议 (a meeting, not a body)", () => {
    const { of } = setup();
    const found = of(7);
    expect(found[0]).toMatchObject({ name: "市、县（区）人民政府", role: "actor" });
    expect(found.map((d) => d.name)).toEqual(
      expect.arrayContaining([
        "发展改革部门",
        "规划和自然资源部门",
        "工业和信息化部门",
        "住房城乡建设部门",
        "公安部门",
        "市智慧城市主管部门",
      ]),
    );
    expect(found.some((d) => d.name.endsWith("会议"))).toBe(false);
    expect(found.find((d) => d.name === "公安部门")?.canonical).toBe("公安机关");
    expect(found.filter((d) => d.role === "actor")).toHaveLength(1);
  });

  it("keeps the level of a government: article 34 names 市人民政府 alone", () => {
    const { of } = setup();
    expect(of(34)).toEqual([
      {
        name: "市人民政府",
        canonical: "市人民政府",
        role: "actor",
        duty: articleOf(seedLaw(), 34).text,
      },
    ]);
  });

  it("falls back to the government that opens an article naming no department", () => {
    const { actors } = setup();
    expect(actors(17).map((d) => d.name)).toEqual(["市、县（区）人民政府"]);
    expect(actors(4).map((d) => d.name)).toEqual(["市、县（区）人民政府"]);
  });

  it.each([1, 2, 3, 8, 14, 16, 19, 43, 45])("finds nobody in article %i, which names no body", (n) => {
    const { of } = setup();
    expect(of(n)).toEqual([]);
  });

  it("puts actors before bodies that are only mentioned, in every article", () => {
    const { law } = setup();
    for (const article of law.articles) {
      const roles = extractDepartments(article).map((d) => d.role);
      expect(roles).toEqual([...roles].sort((a, b) => (a === b ? 0 : a === "actor" ? -1 : 1)));
    }
  });

  it("quotes the sentence that names the body", () => {
    const { of } = setup();
    const stateCommittee = of(9).find((d) => d.canonical === "人民代表大会常务委员会");
    expect(stateCommittee).toMatchObject({ name: "本级人民代表大会常务委员会", role: "mentioned" });
    expect(stateCommittee?.duty).toBe(
      "智慧城市建设的推进情况，应当定期向本级人民代表大会常务委员会报告，并向社会公布。",
    );
  });

  it("reads another city's law: 北京's 经济和信息化部门 leads, the departments it lists are mentioned", () => {
    const beijing = parseFile(LAWREFBOOK.beijing);
    const found = extractDepartments(articleOf(beijing, 5));
    expect(found[0]).toMatchObject({
      name: "市经济和信息化部门",
      canonical: "经济和信息化部门",
      role: "actor",
    });
    expect(found.filter((d) => d.role === "mentioned").map((d) => d.name)).toEqual(
      expect.arrayContaining(["发展改革部门", "公安部门", "市场监管部门", "文化和旅游部门"]),
    );
  });
});

describe("canonicalDepartment", () => {
  it.each([
    ["市、县（区）人民政府市场监督管理部门", "市场监督管理部门"],
    ["市场监督管理部门", "市场监督管理部门"],
    ["市、县（区）公安机关", "公安机关"],
    ["市智慧城市主管部门", "智慧城市主管部门"],
    ["县级以上人民政府生态环境主管部门", "生态环境主管部门"],
    ["公安部门", "公安机关"],
    ["市公安部门", "公安机关"],
    ["本级人民代表大会常务委员会", "人民代表大会常务委员会"],
    ["开发区管委会", "开发区管委会"],
    ["市政设施管理部门", "市政设施管理部门"],
  ])("%s → %s", (name, canonical) => {
    expect(canonicalDepartment(name)).toBe(canonical);
  });

  it("keeps a government's level: 市人民政府 and 县（区）人民政府 are different bodies", () => {
    expect(canonicalDepartment("市人民政府")).toBe("市人民政府");
    expect(canonicalDepartment("县（区）人民政府")).toBe("县（区）人民政府");
    expect(canonicalDepartment("市、县（区）人民政府")).toBe("市、县（区）人民政府");
  });
});

describe("buildDirectory", () => {
  function directoryOf(laws: Law[]) {
    return buildDirectory(laws, (_law, article) => extractDepartments(article));
  }

  it("lists 市场监督管理部门 with article 30 and its duty sentence", () => {
    const { law } = setup();
    const entry = directoryOf([law]).find((e) => e.department === "市场监督管理部门");
    expect(entry).toEqual({
      department: "市场监督管理部门",
      names: ["市、县（区）人民政府市场监督管理部门"],
      duties: [
        {
          lawId: "ff808081736bb19d01744e08caa80dd3",
          lawTitle: "大同市智慧城市促进条例",
          article: 30,
          label: "第三十条",
          duty: "市、县（区）人民政府市场监督管理部门应当建设统一信息网络和智能移动监管平台，实现食品药品安全监管信息共享与业务协同，推进电子监管，开展实时非现场监管，推进食品药品安全监管创新。",
          role: "actor",
        },
      ],
    });
  });

  it("puts the body with most duties first and keeps one entry per department", () => {
    const { law } = setup();
    const directory = directoryOf([law]);
    expect(directory[0]?.department).toBe("市、县（区）人民政府");
    const counts = directory.map((e) => e.duties.length);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const names = directory.map((e) => e.department);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gathers every mention the extractor finds, article by article", () => {
    const { law } = setup();
    const total = law.articles.reduce((n, a) => n + extractDepartments(a).length, 0);
    const directory = directoryOf([law]);
    expect(directory.reduce((n, e) => n + e.duties.length, 0)).toBe(total);
    const smart = directory.find((e) => e.department === "智慧城市主管部门");
    expect(smart?.duties.map((d) => [d.article, d.role])).toEqual([
      [6, "actor"],
      [7, "mentioned"],
    ]);
    expect(smart?.names).toEqual(["市、县（区）智慧城市主管部门", "市智慧城市主管部门"]);
  });

  it("keeps the law of each duty apart when several laws are loaded", () => {
    const { law } = setup();
    const beijing = parseFile(LAWREFBOOK.beijing);
    // 公安部门 (the seed) and 公安机关 (Beijing) are one body, one entry.
    const police = directoryOf([law, beijing]).find((e) => e.department === "公安机关");
    const lawIds = new Set(police?.duties.map((d) => d.lawId));
    expect(lawIds).toEqual(new Set([law.id, beijing.id]));
  });

  it("lists no meeting and no verb as a department, with the ten laws of the corpus", () => {
    const laws = [setup().law, ...readdirSync(CORPUS_DIR).map((f) => parseFile(join(CORPUS_DIR, f)))];
    const names = directoryOf(laws).flatMap((e) => [e.department, ...e.names]);
    expect(names.filter((n) => /会议$|^(?:由|向|并会同|会同|提交)/.test(n))).toEqual([]);
  });

  it("returns an empty directory for no laws", () => {
    expect(directoryOf([])).toEqual([]);
  });
});

describe("regressions: department names", () => {
  it("经济和信息化部门", () => {
    const bj = parseFile(LAWREFBOOK.beijing);
    expect(extractDepartments(articleOf(bj, 7)).map((d) => d.name)).toContain("经济和信息化部门");
  });
  it("济南 art 4 办公厅", () => {
    const jn = parseFile(LAWREFBOOK.jinan);
    expect(extractDepartments(articleOf(jn, 4)).map((d) => d.canonical)).toContain("市人民政府办公厅");
  });
});
