/**
 * The history note of a law ("2017年10月31日…通过 2018年1月22日…批准 根据…修正"): dated events,
 * the dates they give, and the body that passed the law.
 */
import type { HistoryEvent, LawDates } from "./types.js";

const HISTORY_DATE = /(?:根据)?(\d{4})年(\d{1,2})月(\d{1,2})日/g;
const ACTIONS: Array<HistoryEvent["action"]> = ["修正", "修订", "批准", "通过", "公布", "施行"];

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
}

/**
 * Splits a history note into dated events.
 * Each event runs from one date to the next; its action is the last action word in it.
 */
export function parseHistory(lines: string[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^[（(]|[）)]$/g, "");
    const starts = [...line.matchAll(HISTORY_DATE)];
    starts.forEach((m, i) => {
      const end = starts[i + 1]?.index ?? line.length;
      const text = line.slice(m.index, end).trim();
      const afterDate = line.slice(m.index + m[0].length, end).trim();
      let action: HistoryEvent["action"] = "其他";
      let at = -1;
      for (const a of ACTIONS) {
        const k = afterDate.lastIndexOf(a);
        if (k > at) {
          at = k;
          action = a;
        }
      }
      const body = (at >= 0 ? afterDate.slice(0, at) : afterDate).replace(/《.*》$/, "").trim();
      events.push({ date: isoDate(m[1] as string, m[2] as string, m[3] as string), action, body, text });
    });
  }
  return events;
}

/** The dates the history gives: first passed and approved, every amendment. */
export function datesFromHistory(history: HistoryEvent[]): LawDates {
  const dates: LawDates = { amended: [] };
  for (const e of history) {
    if (e.action === "通过" && !dates.passed) dates.passed = e.date;
    else if (e.action === "批准" && !dates.approved) dates.approved = e.date;
    else if (e.action === "修正" || e.action === "修订") dates.amended.push(e.date);
  }
  return dates;
}

/** "上海市第十五届人民代表大会常务委员会第三十七次会议" → "上海市人民代表大会常务委员会". */
export function authorFromHistory(history: HistoryEvent[]): string | null {
  const body = history.find((e) => e.action === "通过")?.body;
  if (!body) return null;
  return body.replace(/第[^第]*?次(?:全体)?会议$/, "").replace(/第[^第届]*届/, "") || null;
}
