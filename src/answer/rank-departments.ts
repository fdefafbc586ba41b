/**
 * Which of an article's departments to name first: the one the question names, the one right
 * before the asked verb, the one whose duty holds the matched words, an acting body before a
 * mentioned one.
 */
import type { DepartmentMention } from "../understand/departments.js";

/** Departments to name for an article, the ones the question names or whose duty matches first. */
export function rankDepartments(
  mentions: DepartmentMention[],
  question: string,
  matched: string[],
): DepartmentMention[] {
  // "经本级人民政府常务会议审议通过": the body right before the asked verb (审议) is the one that does it.
  const actsOnMatch = (d: DepartmentMention) => {
    const at = d.duty.indexOf(d.name);
    if (at < 0) return false;
    const after = d.duty.slice(at + d.name.length, at + d.name.length + 4);
    return matched.some((m) => m.length >= 2 && after.includes(m));
  };
  const score = (d: DepartmentMention) =>
    (question.includes(d.canonical) ? 10 : 0) +
    (actsOnMatch(d) ? 3 : 0) +
    matched.filter((m) => d.duty.includes(m)).length +
    (d.role === "actor" ? 0.5 : 0);
  return [...mentions].sort((a, b) => score(b) - score(a));
}
