/**
 * The build: plan the outputs, render them, write them into a staging
 * folder, and swap it in for `dist/` only when everything succeeded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { loadProject, layout, type Project } from './project.js';
import { createTranslator } from './localize.js';
import { renderEdition, renderIndex, type Edition } from './edition.js';
import { planAssets } from './assets.js';
import { createStaging, swapIn, discard, writeFile, rel } from './fsio.js';
import { InputError } from './errors.js';

/** Options of a build; every field says its default. */
export interface BuildOptions {
  /** Project root; default: the working directory. */
  root?: string;
  /** Locales to build; default: every publish locale. */
  locales?: string[];
  /** What to build; default: both. */
  only?: 'editions' | 'letters';
  /** Formats; default: both. */
  format?: 'html' | 'pdf';
  /** Output folder; default `dist` under the root. */
  out?: string;
  /** Rebuild even what is current; default false. */
  force?: boolean;
  /** Print the plan and write nothing; default false. */
  dryRun?: boolean;
  /** Progress and logs (stderr in the CLI); default: silent. */
  log?: (line: string) => void;
}

/** One planned output. */
export interface PlannedOutput {
  path: string;
  kind: 'edition-html' | 'index' | 'asset' | 'manifest';
  locale?: string;
}

/** What a build did. */
export interface BuildResult {
  out: string;
  plan: PlannedOutput[];
  editions: Edition[];
  failed: Array<{ path: string; error: string }>;
  written: boolean;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Runs a build. Throws InputError on bad input before anything is written. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const log = options.log ?? (() => {});
  const project = loadProject(root, { locales: options.locales });
  const out = path.resolve(root, options.out ?? layout.dist);
  const locales = options.locales ?? project.parsed.config.locales;
  const wantEditions = options.only !== 'letters';
  const wantHtml = options.format !== 'pdf';

  const plan: PlannedOutput[] = [];
  if (wantEditions && wantHtml) for (const l of locales) plan.push({ path: `${l}/index.html`, kind: 'edition-html', locale: l });
  plan.push({ path: 'index.html', kind: 'index' }, { path: 'assets/', kind: 'asset' }, { path: 'manifest.json', kind: 'manifest' });

  if (options.dryRun) {
    for (const p of plan) log(`plan: ${p.path}${p.locale ? ` (${p.locale})` : ''}`);
    return { out, plan, editions: [], failed: [], written: false };
  }

  const editions = renderEditions(project, wantEditions && wantHtml ? locales : [], log);
  const assets = planAssets(project.templates.css);
  const staging = createStaging(out);
  try {
    cloneTree(out, staging);
    for (const [name, text] of Object.entries(assets.texts)) writeFile(path.join(staging, 'assets', name), text);
    for (const font of assets.fonts) linkOrCopy(font.path, path.join(staging, 'assets', 'fonts', font.name));
    for (const e of editions) writeFile(path.join(staging, e.locale, 'index.html'), e.html);
    const all = project.parsed.config.locales.map((l) => editions.find((e) => e.locale === l) ?? previousEdition(out, l) ?? { locale: l, pending: 0, total: 0 });
    writeFile(path.join(staging, 'index.html'), renderIndex(project.parsed, all, project.templates));
    writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest(project, staging), null, 2)}\n`);
    swapIn(staging, out);
  } catch (error) {
    discard(staging);
    throw error;
  }
  log(`built ${editions.length} edition(s) into ${rel(out)}/`);
  return { out, plan, editions, failed: [], written: true };
}

/** Renders the HTML editions of the given locales. */
export function renderEditions(project: Project, locales: string[], log: (line: string) => void = () => {}): Edition[] {
  const { parsed, segments, templates } = project;
  return locales.map((locale, i) => {
    const catalogs = project.catalogs.get(locale);
    if (!catalogs) throw new InputError(`no catalogs loaded for "${locale}"`);
    const t = createTranslator(locale, parsed.config.sourceLocale, catalogs, templates.strings);
    const edition = renderEdition(parsed, segments, t, templates);
    log(`[${i + 1}/${locales.length}] ${locale}/index.html${edition.pending ? ` (${edition.pending} of ${edition.total} passages pending)` : ''}`);
    return edition;
  });
}

function previousEdition(out: string, locale: string): { locale: string; pending: number; total: number } | undefined {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { editions?: Array<{ locale: string; pending?: number; total?: number }> };
    const e = m.editions?.find((x) => x.locale === locale);
    return e ? { locale, pending: e.pending ?? 0, total: e.total ?? 0 } : undefined;
  } catch {
    return undefined;
  }
}

function manifest(project: Project, staging: string) {
  const editions = project.parsed.config.locales
    .filter((l) => fs.existsSync(path.join(staging, l, 'index.html')))
    .map((l) => {
      const html = fs.readFileSync(path.join(staging, l, 'index.html'), 'utf8');
      const pending = (html.match(/class="pending"/g) ?? []).length;
      return { locale: l, html: `${l}/index.html`, pdf: null, sha256: null, bytes: null, pages: null, pending, total: null as number | null };
    });
  return {
    source: { file: layout.source, sha256: sha256(project.parsed.text) },
    catalogs: {},
    editions,
    letters: [],
    failed: [],
  };
}

/** Hard-links the previous output into the staging folder (files are replaced, never written through). */
function cloneTree(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(b, { recursive: true });
      cloneTree(a, b);
    } else if (entry.isFile()) {
      linkOrCopy(a, b);
    }
  }
}

function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
