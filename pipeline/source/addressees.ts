/**
 * The addressee registry (`source/addressees.yaml` and member lists):
 * parsed, validated against its schema, and expanded into one recipient
 * per letter. Pure: texts come in with their file names.
 */
import { parseDocument, isMap, isSeq, LineCounter, type Node } from 'yaml';
import { InputError, type Place } from '../core/errors.js';
import { notPublishLocale } from '../core/locales.js';
import { parseCsv } from './csv.js';
import { yamlErrorOffset } from './yamlPlace.js';

/** Forms of address; each has a salutation and a close in `letter.json`. */
export const forms = ['excellency', 'formal'] as const;
export type Form = (typeof forms)[number];

/** One addressee of the registry. */
export interface Addressee {
  id: string;
  name: string;
  languages: string[];
  form: Form;
  address: string[];
  contact?: string;
  /** Member list, relative to `source/`. */
  members?: string;
  line: number;
}

/** One letter's recipient: an addressee, or a member of a group addressee. */
export interface Recipient {
  /** `id`, or `group/member`. */
  id: string;
  name: string;
  languages: string[];
  form: Form;
  address: string[];
  contact?: string;
  group?: string;
  /** Where it is defined, for messages. */
  place: Place;
}

/** A safe id: lower-case ASCII letters, digits and inner hyphens; never a path, nor a device name on Windows. */
export const safeId = /^(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$)[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const fields = new Set(['id', 'name', 'languages', 'form', 'address', 'contact', 'members']);

/**
 * Parses the registry.
 * @param locales the publish locales (every working language must be one)
 */
export function parseAddressees(text: string, file: string, locales: string[]): Addressee[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const at = (node: Node | undefined | null): Place => {
    const p = counter.linePos(node?.range?.[0] ?? 0);
    return { file, line: p.line, column: p.col };
  };
  const e = doc.errors[0];
  if (e) {
    const p = counter.linePos(yamlErrorOffset(text, e));
    throw new InputError(`not valid YAML: ${e.message.split('\n')[0]}`, { file, line: p.line, column: p.col });
  }
  const top = doc.contents;
  const list = isMap(top) ? top.get('addressees', true) : undefined;
  if (!isSeq(list)) throw new InputError('expected a top-level "addressees:" list', at(top as Node));
  const seen = new Map<string, number>();
  return list.items.map((item) => {
    if (!isMap(item))
      throw new InputError('each addressee must be a mapping with id, name and languages', at(item as Node));
    for (const pair of item.items) {
      const key = String((pair.key as { value?: unknown }).value);
      if (!fields.has(key))
        throw new InputError(`unknown field "${key}" (known: ${[...fields].join(', ')})`, at(pair.key as Node));
    }
    const node = (key: string) => (item.get(key, true) as Node | undefined) ?? (item as unknown as Node);
    const data = item.toJSON() as Record<string, unknown>;
    const line = at(item as unknown as Node).line!;
    const id = data.id;
    if (typeof id !== 'string' || !safeId.test(id)) {
      throw new InputError(
        `addressee id ${JSON.stringify(id)} is not a safe file name: use lower-case letters, digits and "-" (e.g. "council-of-europe")`,
        at(node('id')),
      );
    }
    if (seen.has(id))
      throw new InputError(`duplicate addressee id "${id}" (first on line ${seen.get(id)})`, at(node('id')));
    seen.set(id, line);
    if (typeof data.name !== 'string' || data.name.trim() === '')
      throw new InputError(`addressee "${id}" needs a name`, at(node('name')));
    const languages = data.languages;
    if (!Array.isArray(languages) || languages.length === 0 || languages.some((l) => typeof l !== 'string')) {
      throw new InputError(
        `addressee "${id}" needs "languages", a list of publish locales in order of preference`,
        at(node('languages')),
      );
    }
    for (const l of languages as string[]) {
      if (!locales.includes(l))
        throw new InputError(`addressee "${id}": ${notPublishLocale(l, locales)}`, at(node('languages')));
    }
    const form = data.form ?? 'formal';
    if (!forms.includes(form as Form))
      throw new InputError(`addressee "${id}": form must be one of ${forms.join(', ')}`, at(node('form')));
    const address = data.address ?? [];
    if (!Array.isArray(address) || address.some((l) => typeof l !== 'string' && typeof l !== 'number')) {
      throw new InputError(`addressee "${id}": address must be a list of lines`, at(node('address')));
    }
    if (data.contact !== undefined && typeof data.contact !== 'string')
      throw new InputError(`addressee "${id}": contact must be a string`, at(node('contact')));
    if (
      data.members !== undefined &&
      (typeof data.members !== 'string' ||
        !/^[\w./-]+\.csv$/.test(data.members) ||
        data.members.split('/').includes('..'))
    ) {
      throw new InputError(
        `addressee "${id}": members must be a CSV path inside source/, e.g. members/${id}.csv`,
        at(node('members')),
      );
    }
    return {
      id,
      name: data.name.trim(),
      languages: languages as string[],
      form: form as Form,
      address: (address as Array<string | number>).map(String),
      contact: data.contact as string | undefined,
      members: data.members as string | undefined,
      line,
    };
  });
}

/**
 * Expands the registry into recipients: an addressee with a member list
 * becomes one recipient per member (`group/member`), inheriting the
 * group's languages and form unless the row gives its own.
 * @param readMembers reads a member list (path relative to `source/`) and returns its text and display name
 */
export function expandRecipients(
  addressees: Addressee[],
  file: string,
  locales: string[],
  readMembers: (relative: string) => { text: string; file: string },
): Recipient[] {
  const out: Recipient[] = [];
  for (const a of addressees) {
    const place = { file, line: a.line, column: 1 };
    if (!a.members) {
      out.push({
        id: a.id,
        name: a.name,
        languages: a.languages,
        form: a.form,
        address: a.address,
        contact: a.contact,
        place,
      });
      continue;
    }
    const { text, file: csvFile } = readMembers(a.members);
    const seen = new Set<string>();
    for (const { line, record } of parseCsv(text, csvFile)) {
      const where = { file: csvFile, line, column: 1 };
      if (!safeId.test(record.id))
        throw new InputError(
          `member id ${JSON.stringify(record.id)} is not a safe file name: use lower-case letters, digits and "-"`,
          where,
        );
      if (seen.has(record.id)) throw new InputError(`duplicate member id "${record.id}"`, where);
      seen.add(record.id);
      if (!record.name) throw new InputError(`member "${record.id}" needs a name`, where);
      // Several languages: `de|fr` (the separator the address column uses), `de fr` or `de;fr`.
      const languages = record.languages ? record.languages.split(/[\s;|]+/).filter(Boolean) : a.languages;
      for (const l of languages)
        if (!locales.includes(l)) throw new InputError(`member "${record.id}": ${notPublishLocale(l, locales)}`, where);
      const form = (record.form || a.form) as Form;
      if (!forms.includes(form))
        throw new InputError(`member "${record.id}": form must be one of ${forms.join(', ')}`, where);
      out.push({
        id: `${a.id}/${record.id}`,
        name: record.name,
        languages,
        form,
        address: record.address ? record.address.split('|').map((s) => s.trim()) : [],
        contact: record.contact || undefined,
        group: a.id,
        place: where,
      });
    }
  }
  return out;
}
