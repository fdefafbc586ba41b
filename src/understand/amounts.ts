/**
 * Questions that ask for a number — how much money, how long, by which date — and articles that
 * state one. An article without any amount, period or date cannot answer "补贴多少钱", "视频保存
 * 多长时间" or "is there a deadline": whatever its topic, the law does not set the number, and saying
 * so is the honest answer. One rule for every such question, measured on the resident sets (see
 * route/search.ts), instead of a phrasing per amount.
 */

// Money, time spans and dates asked for. "几个部门" and "多少条" are not here: a list of bodies
// answers the one, the structure of the law the other.
const ASKS_AMOUNT = new RegExp(
  [
    "多少(钱|元|块|个?亿|万|个?工作日|天|年|个月|小时|分钟|期|回)",
    "(罚|罚款|收费|收|补贴|补助|奖励|资助|拨|投|投入|花|交|缴|报销?|赔|赔偿)(了)?多少",
    // 补贴每亩多少, 每人能领多少: a rate per unit
    "每(亩|人|户|个|家|月|年|次|天|平方米?)[^，。？?]{0,4}多少",
    "几(块钱|毛钱|天|年|个月|小时|个工作日|号|点钟)",
    "多久|多长时间|多长的时间|多少时间",
    "(哪|哪一)(年|天)(之前|以前|前|底)?(完成|建成|建好|实现|覆盖|开通|上线)",
    "截止|期限|时限|最后期限|时间表|时间节点",
    // "how much pollution do factories discharge" asks about pollution, not for a figure.
    "\\bhow much(?! (?!(money|is|are|was|does|do|did|will|would|can|could|should|for|to|of|in|it)\\b)[a-z])",
    "\\b(how long|by when|what year|which year|what date|deadline|deadlines|timeline|timetable)\\b",
    "\\bhow many (days|weeks|months|years|hours|yuan|rmb|dollars)\\b",
  ].join("|"),
  "u",
);

// A number in figures, or in Chinese numerals with a unit of money, time or share.
const STATES_AMOUNT =
  /[0-9]|[零〇一二两三四五六七八九十百千万亿]+个?(日|天|小时|周|个月|月|年|元|万元|亿元|倍|次|岁|个工作日|工作日)|百分之/u;

/** Whether a normalised question asks for an amount of money, a time span or a date. */
export function asksForAmount(normalized: string): boolean {
  return ASKS_AMOUNT.test(normalized);
}

// An article that leaves the figure to other laws answers where it is set ("违反本条例规定，法律、
// 法规已经规定法律责任的，从其规定" for "违反条例罚多少钱").
const DEFERS = /从其规定|依照[^，。；]{0,30}规定/u;

/** Whether an article's text states an amount, a time span or a date, or defers it to other laws. */
export function statesAmount(text: string): boolean {
  return STATES_AMOUNT.test(text) || DEFERS.test(text);
}
