/**
 * The shape of the parts of an update the channel reads. Telegram sends well-formed updates, but
 * a webhook is an HTTP endpoint and the Bot API may change: an update whose message has no chat
 * (`{"update_id":1,"message":{}}`), entities that are not a list or a text that is not a string
 * would otherwise throw a TypeError deep in a handler and be logged as a crash. The bot drops
 * such an update before any handler sees it, naming the field.
 *
 * Only what the handlers read is checked, loosely (unknown fields pass), so new Bot API fields
 * never make a good update look malformed.
 */
import type { Update } from "grammy/types";
import { z } from "zod";

const User = z.object({ id: z.number().int() });
const Chat = z.object({ id: z.number().int(), type: z.string() });
const Entity = z
  .object({ type: z.string(), offset: z.number().int(), length: z.number().int(), user: User.optional() })
  // mentionsOf reads the user of a text mention.
  .refine((e) => e.type !== "text_mention" || e.user !== undefined, {
    message: "a text_mention without user",
  });
const Message = z.object({
  message_id: z.number().int(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  entities: z.array(Entity).optional(),
  caption_entities: z.array(Entity).optional(),
  reply_to_message: z.object({ from: User.optional() }).optional(),
});
const CallbackQuery = z.object({
  id: z.string(),
  from: User,
  data: z.string().optional(),
  message: z.object({ message_id: z.number().int(), chat: Chat }).optional(),
});
const Shape = z.object({
  update_id: z.number().int(),
  message: Message.optional(),
  edited_message: Message.optional(),
  callback_query: CallbackQuery.optional(),
});

/**
 * Where an update is malformed ("message.chat: …"), or undefined for one the handlers can read.
 * Updates of kinds the bot ignores (channel posts, polls…) are not examined.
 */
export function malformedPart(update: Update | unknown): string | undefined {
  const checked = Shape.safeParse(update);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0];
  return issue ? `${issue.path.join(".") || "update"}: ${issue.message}` : "update";
}
