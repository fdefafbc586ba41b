import { describe, expect, it } from "vitest";
import { malformedPart } from "../../../src/channels/telegram/update-shape.js";
import { createUpdateFactory } from "../../helpers/telegram-updates.js";

const updates = createUpdateFactory();

describe("malformedPart", () => {
  it("passes real updates: text, edited, sticker, button, mention, reply", () => {
    const group = -100_777;
    const question = updates.text(group, "@tiaowen_test_bot 第三十条");
    const list = [
      updates.text(1001, "谁负责食品安全监管？"),
      question,
      updates.edited(question, "第三十一条"),
      updates.sticker(1001),
      updates.callback(1001, "dir:1"),
      updates.text(group, "下一条", { replyTo: updates.botMessage(group, "第三十条…") }),
      { update_id: 9, channel_post: { message_id: 1, date: 0, chat: { id: -1, type: "channel" } } },
    ];
    for (const u of list) expect(malformedPart(u)).toBeUndefined();
  });

  it("names the part of a malformed update", () => {
    expect(malformedPart({ update_id: 1, message: {} })).toMatch(/^message\.message_id: /);
    expect(malformedPart({ update_id: 1, message: { message_id: 1, chat: {} } })).toMatch(
      /^message\.chat\.id: /,
    );
    const base = { message_id: 1, date: 0, chat: { id: 5, type: "group" } };
    expect(malformedPart({ update_id: 1, message: { ...base, text: 42 } })).toMatch(/^message\.text: /);
    expect(malformedPart({ update_id: 1, message: { ...base, text: "/help", entities: "x" } })).toMatch(
      /^message\.entities: /,
    );
    expect(
      malformedPart({
        update_id: 1,
        edited_message: { ...base, text: "hi", entities: [{ type: "text_mention", offset: 0, length: 2 }] },
      }),
    ).toMatch(/^edited_message\.entities\.0: a text_mention without user/);
    expect(malformedPart({ update_id: 1, callback_query: { id: "1" } })).toMatch(/^callback_query\.from: /);
    expect(malformedPart({ message: base })).toMatch(/^update_id: /);
    expect(malformedPart(null)).toMatch(/^update: /);
  });
});
