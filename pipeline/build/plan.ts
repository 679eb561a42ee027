/**
 * Plan stage: which documents a build makes, and for each letter the
 * language it goes out in and why. A document is ready in a language when
 * every key it renders is usable there (and approved, with
 * `requireApproval`); a letter goes out in its first working language
 * that is ready for that letter. Pure: key sets and statuses in, plan out.
 */
import type { Recipient } from '../source/addressees.js';
import type { Namespace } from '../catalog/catalog.js';
import { isAddressKey, type KeyRef } from '../render/localize.js';
import { reportKey, type KeyStatus } from '../catalog/status.js';

/** Why a key holds a document back in a locale. */
export type BlockingStatus = 'missing' | 'stale' | 'error' | 'draft';

/** One key that holds a document back in one locale. */
export interface BlockingKey {
  locale: string;
  ns: Namespace;
  key: string;
  /** missing, stale, an unwaived check error, or (with requireApproval) not approved. */
  status: BlockingStatus;
}

/** Whether a document can go out in a locale. */
export interface DocumentReadiness {
  ready: boolean;
  /** The keys that hold it back, in render order. */
  blocking: BlockingKey[];
  /** Every text it shows as a translation is approved: it carries no "unofficial translation" notice. */
  official: boolean;
  /** `blocking` part by part; the statement part's list is shared by every document of the locale (for counting). */
  parts?: BlockingKey[][];
}

/** A planned edition. */
export interface PlannedEdition {
  locale: string;
  html: string;
  pdf?: string;
  readiness: DocumentReadiness;
}

/** A planned letter. */
export interface PlannedLetter {
  recipient: Recipient;
  locale: string;
  reason: string;
  /** The keys that held back the working languages passed over. */
  blocking: BlockingKey[];
  /** No "unofficial translation" notice in the language chosen. */
  official: boolean;
  html: string;
  pdf?: string;
}

/** Strings shown only because some passage is pending: a ready document never shows them. */
const derived = new Set(['pending-label', 'pending-notice']);
/** Shown only while some text of the document is not approved. */
const notice = 'unofficial-notice';

/** The part of readiness one key set gives, before the notice rule. */
interface PartReadiness {
  blocking: BlockingKey[];
  approved: boolean;
  notice: boolean;
}

/**
 * Evaluates the keys of one part of a document in a locale.
 * @param statusOf the status of a key in the locale
 */
export function evaluatePart(
  keys: KeyRef[],
  locale: string,
  statusOf: (ns: Namespace, key: string) => KeyStatus | undefined,
  requireApproval: boolean,
): PartReadiness {
  const out: PartReadiness = { blocking: [], approved: true, notice: false };
  for (const { ns, key } of keys) {
    if (ns === 'letter' && derived.has(key)) continue;
    if (ns === 'letter' && key === notice) {
      out.notice = true;
      continue;
    }
    const s = statusOf(ns, key);
    if (isAddressKey(ns, key)) {
      // An address shown as the registry writes it is no translation; an override shown is one.
      if (s?.usable && s.status !== 'approved') out.approved = false;
      continue;
    }
    if (s?.status !== 'approved') out.approved = false;
    const status = blockingStatus(s, requireApproval);
    if (status) out.blocking.push({ locale, ns, key, status });
  }
  return out;
}

function blockingStatus(s: KeyStatus | undefined, requireApproval: boolean): BlockingStatus | undefined {
  if (!s || s.status === 'missing') return 'missing';
  if (s.status === 'stale') return 'stale';
  if (!s.usable) return 'error';
  if (requireApproval && s.status !== 'approved') return 'draft';
  return undefined;
}

/**
 * Combines the parts of a document (statement part, its own texts) into
 * its readiness. The unofficial notice is rendered only while some text is
 * not approved, so it counts only then.
 */
export function combineParts(
  parts: PartReadiness[],
  locale: string,
  statusOf: (ns: Namespace, key: string) => KeyStatus | undefined,
  requireApproval: boolean,
): DocumentReadiness {
  const lists = parts.map((p) => p.blocking);
  const official = parts.every((p) => p.approved);
  if (!official && parts.some((p) => p.notice)) {
    const status = blockingStatus(statusOf('letter', notice), requireApproval);
    if (status) lists.push([{ locale, ns: 'letter', key: notice, status }]);
  }
  const blocking = ([] as BlockingKey[]).concat(...lists);
  return { ready: blocking.length === 0, blocking, official, parts: lists };
}

/** The readiness of a document with key set `keys` in `locale` (the source locale: always ready and official). */
export function documentReadiness(
  keys: KeyRef[],
  locale: string,
  sourceLocale: string,
  statusOf: (ns: Namespace, key: string) => KeyStatus | undefined,
  requireApproval: boolean,
): DocumentReadiness {
  if (locale === sourceLocale) return { ready: true, blocking: [], official: true };
  return combineParts([evaluatePart(keys, locale, statusOf, requireApproval)], locale, statusOf, requireApproval);
}

/** The blocking keys as a reason says them: `addressees:unesco missing`, more than three as the first three and a count. */
export function describeBlocking(blocking: BlockingKey[]): string {
  const named = blocking
    .slice(0, 3)
    .map((b) => `${reportKey(b.ns, b.key)} ${b.status}`)
    .join(', ');
  return blocking.length > 3 ? `${named} and ${blocking.length - 3} more` : named;
}

/**
 * Chooses a letter's language: the first working language in which this
 * letter is ready, falling back down the list and then to the source language.
 * @param readiness the letter's readiness in a locale
 */
export function chooseLanguage(
  recipient: Recipient,
  readiness: (locale: string) => DocumentReadiness,
  sourceLocale: string,
): { locale: string; reason: string; blocking: BlockingKey[]; official: boolean } {
  const passed: string[] = [];
  const blocking: BlockingKey[] = [];
  for (const l of recipient.languages) {
    const r = readiness(l);
    if (r.ready) {
      const reason =
        passed.length === 0
          ? `first working language (${l}) is ready`
          : `${passed.join('; ')}; next working language ${l} is ready`;
      return { locale: l, reason, blocking, official: r.official };
    }
    passed.push(`${l} not ready: ${describeBlocking(r.blocking)}`);
    blocking.push(...r.blocking);
  }
  return {
    locale: sourceLocale,
    reason: `${passed.join('; ')}; no working language ready, sent in the source language (${sourceLocale})`,
    blocking,
    official: true,
  };
}

/** The file of a letter, relative to `dist/`: `letters/<id>.<lng>.<ext>` (a member: `letters/<group>/<member>.<lng>.<ext>`). */
export function letterPath(recipient: Recipient, locale: string, ext: 'html' | 'pdf'): string {
  return `letters/${recipient.id}.${locale}.${ext}`;
}

/** Plans one edition a locale, HTML and (with `pdf`) PDF under the site folder `siteDir`. */
export function planEditions(
  locales: string[],
  readiness: (locale: string) => DocumentReadiness,
  siteDir: string,
  pdf: boolean,
): PlannedEdition[] {
  return locales.map((l) => ({
    locale: l,
    html: `${siteDir}/${l}/index.html`,
    pdf: pdf ? `${siteDir}/${l}/statement.pdf` : undefined,
    readiness: readiness(l),
  }));
}

/** Plans the letters of the given recipients. */
export function planLetters(
  recipients: Recipient[],
  readiness: (recipient: Recipient, locale: string) => DocumentReadiness,
  sourceLocale: string,
  pdf: boolean,
): PlannedLetter[] {
  return recipients.map((recipient) => {
    const chosen = chooseLanguage(recipient, (l) => readiness(recipient, l), sourceLocale);
    return {
      recipient,
      ...chosen,
      html: letterPath(recipient, chosen.locale, 'html'),
      pdf: pdf ? letterPath(recipient, chosen.locale, 'pdf') : undefined,
    };
  });
}

/** The plan as `build --dry-run` prints it: one line an output, each letter's language and why. */
export function planText(editions: PlannedEdition[], letters: PlannedLetter[], html: boolean): string[] {
  const plan: string[] = [];
  for (const e of editions)
    plan.push(
      `edition ${e.locale}: ${[html && e.html, e.pdf].filter(Boolean).join(', ')}${e.readiness.ready ? '' : ` (not ready: ${describeBlocking(e.readiness.blocking)}; pending passages shown in the source language)`}`,
    );
  for (const letter of letters)
    plan.push(`letter ${letter.recipient.id}: ${letter.locale} (${letter.reason}) → ${letter.pdf ?? letter.html}`);
  plan.push('index.html, status/index.html, send-list.csv, manifest.json, assets/');
  return plan;
}

/** The plan as `build --dry-run --json` prints it. */
export function planJson(
  editions: PlannedEdition[],
  letters: PlannedLetter[],
): { editions: unknown[]; letters: unknown[] } {
  return {
    editions: editions.map((e) => ({
      locale: e.locale,
      html: e.html,
      ...(e.pdf ? { pdf: e.pdf } : {}),
      ready: e.readiness.ready,
      official: e.readiness.official,
      blocking: e.readiness.blocking,
    })),
    letters: letters.map((l) => ({
      addressee: l.recipient.id,
      locale: l.locale,
      reason: l.reason,
      blocking: l.blocking,
      official: l.official,
      html: l.html,
      ...(l.pdf ? { pdf: l.pdf } : {}),
    })),
  };
}

/** One key holding documents back in a locale, as `status --json` reports it. */
export interface BlockingSummary {
  ns: Namespace;
  key: string;
  status: BlockingStatus;
  /** Letters held back from this locale by this key. */
  letters: number;
  /** It holds back the locale's edition too. */
  edition: boolean;
}

/** Per locale: how many planned documents are ready in it, and what holds the others back. */
export interface DocumentsSummary {
  /** Documents that go out in this locale: its edition if ready, and the letters sent in it. */
  ready: number;
  /** Its edition, and every letter that would go out in it were it ready (no earlier working language ready). */
  planned: number;
  /** The keys holding back the most letters first (at most ten). */
  blocking: BlockingSummary[];
  /** How many distinct keys hold documents back in all. */
  blockingKeys: number;
  /** Letters held back from this locale: translating the keys that hold them back sends them in it. */
  heldBack: number;
  /** How many distinct keys hold those letters back. */
  heldBackBy: number;
}

/**
 * Sums the documents of every locale: the letters walk their working
 * languages as the build does, each language passed counting its blocking keys.
 */
export function documentsSummary(
  locales: string[],
  sourceLocale: string,
  recipients: Recipient[],
  letterReadiness: (recipient: Recipient, locale: string) => DocumentReadiness,
  editionReadiness: (locale: string) => DocumentReadiness,
): Record<string, DocumentsSummary> {
  const out: Record<string, DocumentsSummary> = {};
  // Counted list by list: the statement part's list is the same array in every letter of a locale,
  // so a long statement costs one pass over its keys per locale, not one per letter.
  const counts = new Map<string, Map<BlockingKey[], { letters: number; edition: boolean }>>();
  for (const l of locales) {
    out[l] = { ready: 0, planned: 0, blocking: [], blockingKeys: 0, heldBack: 0, heldBackBy: 0 };
    counts.set(l, new Map());
  }
  const count = (l: string, r: DocumentReadiness, letter: boolean) => {
    const byList = counts.get(l)!;
    for (const list of r.parts ?? [r.blocking]) {
      if (list.length === 0) continue;
      let entry = byList.get(list);
      if (!entry) byList.set(list, (entry = { letters: 0, edition: false }));
      if (letter) entry.letters++;
      else entry.edition = true;
    }
  };
  for (const l of locales) {
    const r = editionReadiness(l);
    const o = out[l]!; // made above for every locale
    o.planned++;
    if (r.ready) o.ready++;
    count(l, r, false);
  }
  for (const recipient of recipients) {
    let sent = false;
    for (const l of recipient.languages) {
      if (!out[l]) continue;
      out[l].planned++;
      const r = letterReadiness(recipient, l);
      if (r.ready) {
        out[l].ready++;
        sent = true;
        break;
      }
      out[l].heldBack++;
      count(l, r, true);
    }
    if (!sent && out[sourceLocale]) {
      out[sourceLocale].planned++;
      out[sourceLocale].ready++;
    }
  }
  for (const l of locales) {
    const byKey = new Map<string, BlockingSummary>();
    for (const [list, c] of counts.get(l)!) {
      for (const b of list) {
        const id = `${b.ns}:${b.key}`;
        const entry = byKey.get(id) ?? { ns: b.ns, key: b.key, status: b.status, letters: 0, edition: false };
        entry.letters += c.letters;
        entry.edition ||= c.edition;
        byKey.set(id, entry);
      }
    }
    const all = [...byKey.values()];
    // Most letters first; a stable sort keeps render order among equals.
    all.sort((a, b) => b.letters - a.letters);
    Object.assign(out[l]!, {
      blocking: all.slice(0, 10),
      blockingKeys: all.length,
      heldBackBy: all.filter((b) => b.letters > 0).length,
    });
  }
  return out;
}
