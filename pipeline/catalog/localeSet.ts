/**
 * Every publish locale of a loaded workspace, prepared once: the status of
 * each key, each document's readiness in each locale (from the keys the
 * document renders), and each locale's translator, which shows a
 * translation only where its status makes it usable. The build, status,
 * release and diff all see the locales through this.
 */
import path from 'node:path';
import { sha256 } from '../core/hash.js';
import { layout } from '../core/project.js';
import { statusesOf, parentOf, localeSourcesOf, type Workspace } from './workspace.js';
import { createTranslator, type Translator } from '../render/localize.js';
import { summarize, type KeyStatus, type LocaleStatus } from './status.js';
import {
  evaluatePart,
  combineParts,
  documentsSummary,
  type DocumentReadiness,
  type DocumentsSummary,
} from '../build/plan.js';
import { documentKeys, type DocumentKeys } from '../render/documentKeys.js';
import type { Namespace } from './catalog.js';
import type { Recipient } from '../source/addressees.js';

/** The prepared locales. */
export interface LocaleSet {
  statuses: Map<string, KeyStatus[]>;
  /** The keys each document renders (worked out on first use). */
  documents(): DocumentKeys;
  /** Whether one recipient's letter can go out in a locale, and what holds it back. */
  letterReadiness(recipient: Recipient, locale: string): DocumentReadiness;
  /** Whether a locale's edition is ready, and what holds it back. */
  editionReadiness(locale: string): DocumentReadiness;
  /** The translator of a publish locale (made on first use). */
  translator(locale: string): Translator;
  /** The status of one key of one locale. */
  keyStatus(locale: string, ns: Namespace, key: string): KeyStatus | undefined;
}

/** Prepares every publish locale of a workspace. */
export function prepareLocales(ws: Workspace): LocaleSet {
  const { parsed, segments, templates } = ws.project;
  const { config } = parsed;
  const statuses = new Map(config.locales.map((l) => [l, statusesOf(ws, l)]));
  const byKey = new Map<string, Map<string, KeyStatus>>();
  for (const [l, keys] of statuses) byKey.set(l, new Map(keys.map((k) => [`${k.ns}\u0000${k.key}`, k])));
  const translators = new Map<string, Translator>();
  const keyStatus = (l: string, ns: Namespace, key: string) => byKey.get(l)?.get(`${ns}\u0000${key}`);
  let docs: DocumentKeys | undefined;
  const documents = () =>
    (docs ??= documentKeys(
      parsed,
      segments,
      templates.strings,
      config.locales.find((l) => l !== config.sourceLocale) ?? config.sourceLocale,
    ));
  // The statement part is shared by every document of a locale: evaluated once per locale.
  const statementPart = new Map<string, ReturnType<typeof evaluatePart>>();
  const readiness = (l: string, own: () => Parameters<typeof evaluatePart>[0]): DocumentReadiness => {
    if (l === config.sourceLocale) return { ready: true, blocking: [], official: true };
    const statusOf = (ns: Namespace, key: string) => keyStatus(l, ns, key);
    let part = statementPart.get(l);
    if (!part) statementPart.set(l, (part = evaluatePart(documents().statement, l, statusOf, config.requireApproval)));
    return combineParts(
      [part, evaluatePart(own(), l, statusOf, config.requireApproval)],
      l,
      statusOf,
      config.requireApproval,
    );
  };
  const ownKeys = new Map<string, ReturnType<DocumentKeys['letterOwn']>>();
  return {
    statuses,
    documents,
    keyStatus,
    letterReadiness(recipient, l) {
      return readiness(l, () => {
        let keys = ownKeys.get(recipient.id);
        if (!keys) ownKeys.set(recipient.id, (keys = documents().letterOwn(recipient)));
        return keys;
      });
    },
    editionReadiness: (l) => readiness(l, () => documents().editionOwn),
    translator(l) {
      let t = translators.get(l);
      if (!t) {
        t = createTranslator(
          l,
          config.sourceLocale,
          ws.locales.get(l)!.catalogs,
          templates.strings,
          (ns, key) => keyStatus(l, ns, key)?.usable ?? false,
          parentOf(ws, l),
        );
        translators.set(l, t);
      }
      return t;
    },
  };
}

/** Each locale's figures as `status --json` reports them: key counts, findings, and its documents. */
export function localeReport(
  ws: Workspace,
  set: LocaleSet,
  locales = ws.project.parsed.config.locales,
): Record<string, LocaleStatus & { documents: DocumentsSummary }> {
  const { config } = ws.project.parsed;
  const documents = documentsSummary(
    config.locales,
    config.sourceLocale,
    ws.registry?.recipients ?? [],
    set.letterReadiness,
    set.editionReadiness,
  );
  return Object.fromEntries(
    locales.map((l) => [
      l,
      {
        ...summarize(
          localeSourcesOf(ws, l),
          set.statuses.get(l)!,
          ws.locales.get(l)!.catalogs,
          config.sourceLocale,
          l,
          parentOf(ws, l),
        ),
        documents: documents[l]!,
      },
    ]),
  ); // summed over every configured locale
}

/**
 * The hashes a manifest records of the inputs: the source, and every
 * locale's catalogs and state, of the files' bytes as they are on disk
 * (what `sha256sum` says); a file that does not exist (the source locale
 * has no state.json) is not named.
 * @param hashOf sha256 of a file's bytes, undefined when it is absent
 */
export function inputHashes(
  ws: Workspace,
  hashOf: (file: string) => string | undefined,
): { source: string; catalogs: Record<string, string> } {
  const catalogs: Record<string, string> = {};
  const root = ws.project.root;
  for (const [l, files] of ws.locales) {
    for (const name of [...Object.keys(files.catalogs).map((ns) => `${ns}.json`), 'state.json']) {
      const h = hashOf(path.join(root, layout.locales, l, name));
      if (h !== undefined) catalogs[`${l}/${name}`] = h;
    }
  }
  return { source: hashOf(ws.project.sourceFile) ?? sha256(ws.project.parsed.text), catalogs };
}
