import { describe, expect, it } from "vitest";
import { asksForAmount, statesAmount } from "../../src/understand/amounts.js";

describe("asksForAmount", () => {
  it.each([
    "补贴多少钱",
    "专项资金拨了多少个亿",
    "视频能保存多长时间",
    "审批要几个工作日",
    "有没有截止期限",
    "is there a deadline for it",
    "how much does it cost",
    "how long do they keep it",
    "how many days does it take",
    "无人机打药补贴每亩多少",
  ])("reads %s as asking for a figure", (q) => {
    expect(asksForAmount(q)).toBe(true);
  });

  it.each([
    "谁负责食品安全监管",
    "智慧城市有几个重点领域",
    "条例一共多少条",
    "how much pollution do factories discharge",
    "who handles food safety",
  ])("reads %s as asking for no figure", (q) => {
    expect(asksForAmount(q)).toBe(false);
  });
});

describe("statesAmount", () => {
  it("finds figures, Chinese numerals with a unit and shares", () => {
    expect(statesAmount("本条例自2018年5月1日起施行。")).toBe(true);
    expect(statesAmount("试用期最长不得超过六个月。")).toBe(true);
    expect(statesAmount("处五千元以上五万元以下的罚款")).toBe(true);
    expect(statesAmount("不低于百分之八十")).toBe(true);
  });

  it("counts an article that leaves the figure to other laws: it says where the figure is set", () => {
    expect(statesAmount("违反本条例规定，法律、法规已经规定法律责任的，从其规定。")).toBe(true);
    expect(statesAmount("依照《中华人民共和国治安管理处罚法》的规定处罚")).toBe(true);
  });

  it("finds none in an article that sets duties only", () => {
    expect(statesAmount("市、县（区）人民政府应当推进视频监控系统建设，实现一窗受理、一网通办。")).toBe(
      false,
    );
  });
});
