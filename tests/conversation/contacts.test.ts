import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContactsError, loadContacts } from "../../src/conversation/contacts.js";
import { DEFAULT_INTENTS_DIR } from "../../src/mod.js";

function file(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "tiaowen-contacts-")), "contacts.yaml");
  writeFileSync(path, text);
  return path;
}

describe("loadContacts", () => {
  it("ships empty: the project's own file holds no office", () => {
    expect(loadContacts(join(DEFAULT_INTENTS_DIR, "contacts.yaml")).size).toBe(0);
  });

  it("matches a department as the law writes it, with its level, and by an alias", () => {
    const directory = loadContacts(
      file(`contacts:
  - department: 公安机关
    aliases: [公安部门]
    office: 示例市公安局（虚构）
    phone: "000-0000001"
`),
    );
    expect(directory.contactsFor(["市、县（区）公安机关"]).map((c) => c.office)).toEqual([
      "示例市公安局（虚构）",
    ]);
    // One office once, whatever the names it was found by.
    expect(directory.contactsFor(["市公安部门", "县公安机关"])).toHaveLength(1);
    expect(directory.contactsFor(["市场监督管理部门"])).toEqual([]);
  });

  it("is empty for a missing optional file, and an error for a named one", () => {
    expect(loadContacts("/nonexistent/contacts.yaml", { optional: true }).size).toBe(0);
    expect(() => loadContacts("/nonexistent/contacts.yaml")).toThrow(
      "/nonexistent/contacts.yaml: no such file: create it, or unset CONTACTS_FILE",
    );
  });

  it("names the entry that is wrong", () => {
    const noOffice = file("contacts:\n  - department: 市场监督管理部门\n");
    expect(() => loadContacts(noOffice)).toThrow(ContactsError);
    expect(() => loadContacts(noOffice)).toThrow(/contacts\.0\.office/);
    expect(() => loadContacts(file("contacts:\n  - department: 部门\n    office: 某局\n"))).toThrow(
      /"部门": name the department in full/,
    );
    expect(() =>
      loadContacts(file("contacts:\n  - department: 公安机关\n    office: 某局\n    web: javascript:x\n")),
    ).toThrow(/contacts\.0\.web/);
    expect(() => loadContacts(file("contacts: [\n"))).toThrow(/not readable YAML/);
  });
});
