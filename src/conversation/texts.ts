/**
 * The words every channel says that are not answers from the law: the rating prompt and what a
 * rating becomes, apologies, "not ready", the flood notice, the "您是不是想问" prompt. One place, in
 * both languages, so the widget, Telegram and WeChat cannot drift apart (the widget receives the
 * rating reply in the API's response).
 */
import type { RatingOutcome } from "../feedback/recorder.js";
import type { Rating } from "../feedback/records.js";

/** A language the bot answers in. */
export type Lang = "zh" | "en";

/** The citizen hotline when none is configured (HOTLINE). */
export const DEFAULT_HOTLINE = "12345";

/** The texts of one deployment (they name its hotline). */
export interface ConversationTexts {
  readonly hotline: string;
  /** "这条答复有帮助吗？" */
  ratingPrompt(lang: Lang): string;
  /** The label of a rating button ("有帮助" / "没帮助"). */
  ratingLabel(rating: Rating, lang: Lang): string;
  /** What a resident is told after pressing 👍/👎 (or replying 1/2). */
  ratingReply(outcome: RatingOutcome, rating: Rating, lang: Lang): string;
  /** Something failed while answering. */
  apology(lang: Lang): string;
  /** The index is still being built (or failed to build). */
  notReady(lang: Lang): string;
  /** A resident sends faster than the flood limit allows: said once per time frame. */
  tooFast(lang: Lang): string;
  /** Stickers, photos, voice without text. */
  textOnly(lang: Lang, example: string): string;
  /** A button from an older answer that no longer leads anywhere. */
  staleButton(lang: Lang): string;
  /** The heading of the closest provisions when the bot is unsure. */
  candidatesPrompt(lang: Lang): string;
  /** Under an answer on a channel without buttons: how to rate it by replying a number. */
  numberedRatingHint(lang: Lang): string;
  /** Under offered provisions on a channel without buttons: "回复1/2/3查看对应条文". */
  numberedChoiceHint(count: number, lang: Lang): string;
}

/** The texts for a deployment with this hotline. */
export function createTexts(hotline: string = DEFAULT_HOTLINE): ConversationTexts {
  const en = (lang: Lang) => lang === "en";
  return {
    hotline,
    ratingPrompt: (lang) => (en(lang) ? "Did this answer help?" : "这条答复有帮助吗？"),
    ratingLabel: (rating, lang) =>
      rating === "up" ? (en(lang) ? "Helpful" : "有帮助") : en(lang) ? "Not helpful" : "没帮助",
    ratingReply(outcome, rating, lang) {
      if (outcome === "repeated")
        return en(lang) ? "You have rated this answer already. Thank you." : "您已经评价过这条答复了，谢谢。";
      if (outcome === "unknown")
        return en(lang) ? "This answer can no longer be rated." : "这条答复已无法评价，请重新提问。";
      if (rating === "up") return en(lang) ? "Thank you for your feedback!" : "感谢您的反馈！";
      return en(lang)
        ? `Thank you: we will use this to improve our answers. For help from a person, call the ${hotline} hotline.`
        : `感谢反馈，我们会据此完善答复。如需人工帮助，请拨打${hotline}市民服务热线。`;
    },
    apology: (lang) =>
      en(lang)
        ? `Sorry, something went wrong while answering. Please try again later, or call the ${hotline} hotline.`
        : `抱歉，处理您的消息时出了点问题，请稍后再试；急事请拨打${hotline}市民服务热线。`,
    notReady: (lang) =>
      en(lang) ? "The service is starting. Please try again in a moment." : "系统正在启动，请稍后再试。",
    tooFast: (lang) =>
      en(lang) ? "You are sending too fast: please wait a few seconds." : "您发得太快了，请稍等几秒再问。",
    textOnly: (lang, example) =>
      en(lang)
        ? `Please send your question as text, for example: ${example}`
        : `请用文字发送您的问题，例如：${example}`,
    staleButton: (lang) =>
      en(lang) ? "This button has expired: please ask again." : "这个按钮已失效，请重新提问。",
    candidatesPrompt: (lang) => (en(lang) ? "Did you mean:" : "您是不是想问："),
    numberedRatingHint: (lang) =>
      en(lang) ? "Reply 1 if this helped, 2 if it did not." : "回复1表示有帮助，回复2表示没帮助",
    numberedChoiceHint(count, lang) {
      const numbers = Array.from({ length: count }, (_, i) => String(i + 1)).join("/");
      return en(lang) ? `Reply ${numbers} to read that provision.` : `回复${numbers}查看对应条文`;
    },
  };
}
