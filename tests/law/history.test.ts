import { describe, expect, it } from "vitest";
import { authorFromHistory, datesFromHistory, parseHistory } from "../../src/law/history.js";
import type { Law } from "../../src/law/types.js";
import { seedLaw } from "../helpers/fixtures.js";

describe("parseHistory", () => {
  it("splits one note into events running from one date to the next", () => {
    const events = parseHistory([
      "（2016年7月28日广东省第十二届人民代表大会常务委员会第二十七次会议通过 根据2021年9月29日广东省第十三届人民代表大会常务委员会第三十五次会议《关于修改〈广东省市场监管条例〉的决定》修正）",
    ]);
    expect(events).toEqual([
      {
        date: "2016-07-28",
        action: "通过",
        body: "广东省第十二届人民代表大会常务委员会第二十七次会议",
        text: "2016年7月28日广东省第十二届人民代表大会常务委员会第二十七次会议通过",
      },
      {
        date: "2021-09-29",
        action: "修正",
        body: "广东省第十三届人民代表大会常务委员会第三十五次会议",
        text: "根据2021年9月29日广东省第十三届人民代表大会常务委员会第三十五次会议《关于修改〈广东省市场监管条例〉的决定》修正",
      },
    ]);
  });

  it("reads one event per line, with or without a space after the date", () => {
    const events = parseHistory([
      "2018年6月28日 济南市第十六届人民代表大会常务委员会第十六次会议通过",
      "2018年7月27日山东省第十三届人民代表大会常务委员会第四次会议批准",
    ]);
    expect(events.map((e) => [e.date, e.action, e.body])).toEqual([
      ["2018-06-28", "通过", "济南市第十六届人民代表大会常务委员会第十六次会议"],
      ["2018-07-27", "批准", "山东省第十三届人民代表大会常务委员会第四次会议"],
    ]);
  });

  it("takes the last action word of an event, and 其他 when there is none", () => {
    const events = parseHistory([
      "2020年12月24日浙江省第十三届人民代表大会常务委员会第二十六次会议通过 2021年3月1日起施行 2022年1月1日备案",
    ]);
    expect(events.map((e) => e.action)).toEqual(["通过", "施行", "其他"]);
    expect(events[2]?.body).toBe("备案");
  });

  it("returns no events for lines without dates", () => {
    expect(parseHistory(["（根据有关决定修正）", ""])).toEqual([]);
    expect(parseHistory([])).toEqual([]);
  });

  it("gives the same events as parseOrdinance reads from the law", () => {
    const law: Law = seedLaw();
    expect(parseHistory(law.historyText)).toEqual(law.history);
  });
});
describe("datesFromHistory", () => {
  it("takes the first passing and approval, and every amendment", () => {
    const events = parseHistory([
      "2016年7月28日某省人大常委会通过 2016年9月1日某省人大常委会批准 2019年1月1日某省人大常委会修正 2021年9月29日某省人大常委会修订",
    ]);
    expect(datesFromHistory(events)).toEqual({
      passed: "2016-07-28",
      approved: "2016-09-01",
      amended: ["2019-01-01", "2021-09-29"],
    });
  });
});

describe("authorFromHistory", () => {
  it("names the body that passed the law, without its term and session", () => {
    const events = parseHistory(["2018年6月28日 济南市第十六届人民代表大会常务委员会第十六次会议通过"]);
    expect(authorFromHistory(events)).toBe("济南市人民代表大会常务委员会");
    expect(authorFromHistory([])).toBeNull();
  });
});
