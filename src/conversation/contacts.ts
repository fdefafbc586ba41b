/**
 * The contact directory: the real offices of this city for the departments the ordinances name
 * ("市场监督管理部门" → 某市市场监督管理局, its phone, address, hours). A city keeps it in
 * `intents/contacts.yaml` (or the file CONTACTS_FILE names); the answers then end with
 * "联系（市场监督管理部门）：…". The file shipped is empty: a phone number is never made up.
 *
 * ```yaml
 * contacts:
 *   - department: 市场监督管理部门      # as the law names it, without the level (市、县（区）…)
 *     aliases: [市场监管部门]          # other names of the same body, optional
 *     office: 示例市市场监督管理局
 *     phone: "0000-0000000"
 *     address: 示例市示例路1号
 *     web: https://example.invalid/
 *     hours: 工作日 9:00–17:00
 * ```
 */
import { existsSync, readFileSync } from "node:fs";
import { load } from "js-yaml";
import { z } from "zod";
import { type Contact, TiaowenError } from "../mod.js";

/** The offices of one deployment, by the department names they answer for. */
export interface ContactDirectory {
  /** How many offices the directory holds. */
  readonly size: number;
  /** The offices for the departments an answer names (as written in the law), each office once. */
  contactsFor(departments: readonly string[]): Contact[];
}

/** A contact file that cannot be used; the message names the file and the entry. */
export class ContactsError extends TiaowenError {
  override name = "ContactsError";
  constructor(file: string, problem: string) {
    super("CONTACTS", `${file}: ${problem}`);
  }
}

const text = z.string().trim().min(1);
const Entry = z.strictObject({
  department: text,
  aliases: z.array(text).optional(),
  office: text,
  phone: text.optional(),
  address: text.optional(),
  web: z.url({ protocol: /^https?$/ }).optional(),
  hours: text.optional(),
});
const File = z.strictObject({ contacts: z.array(Entry).nullish() });

// A name shorter than this ("部门", "机关") would match nearly every department.
const MIN_NAME = 3;

/** A directory from entries (already validated). */
export function createContactDirectory(entries: readonly z.infer<typeof Entry>[]): ContactDirectory {
  const byName = entries.flatMap((e) =>
    [e.department, ...(e.aliases ?? [])].map((name) => ({
      name,
      contact: {
        department: e.department,
        office: e.office,
        phone: e.phone ?? null,
        address: e.address ?? null,
        web: e.web ?? null,
        hours: e.hours ?? null,
      } satisfies Contact,
    })),
  );
  return {
    size: entries.length,
    contactsFor(departments) {
      if (byName.length === 0) return [];
      const out: Contact[] = [];
      for (const written of departments) {
        // The law writes the level in front ("市、县（区）人民政府市场监督管理部门"): the name the
        // city lists is the end of it.
        const hit = byName.find((c) => written === c.name || written.endsWith(c.name));
        if (hit && !out.some((c) => c.office === hit.contact.office)) out.push(hit.contact);
      }
      return out;
    },
  };
}

/** An empty directory: answers carry no contacts. */
export const NO_CONTACTS: ContactDirectory = createContactDirectory([]);

/**
 * Reads a contact file. A missing file is an empty directory when `optional` (the default
 * intents/contacts.yaml), an error when the file was named in the configuration.
 * @throws ContactsError naming the file and the entry that is wrong.
 */
export function loadContacts(file: string, options: { optional?: boolean } = {}): ContactDirectory {
  if (!existsSync(file)) {
    if (options.optional) return NO_CONTACTS;
    throw new ContactsError(file, "no such file: create it, or unset CONTACTS_FILE");
  }
  let data: unknown;
  try {
    data = load(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ContactsError(file, `not readable YAML: ${(error as Error).message}`);
  }
  const parsed = File.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the file";
    throw new ContactsError(
      file,
      `${where}: ${issue?.message ?? "invalid"} — each contact needs department and office; phone, address, web (http/https), hours are optional`,
    );
  }
  const entries = parsed.data.contacts ?? [];
  const short = entries.find((e) => [e.department, ...(e.aliases ?? [])].some((n) => n.length < MIN_NAME));
  if (short)
    throw new ContactsError(
      file,
      `"${short.department}": name the department in full (at least ${MIN_NAME} characters)`,
    );
  return createContactDirectory(entries);
}
