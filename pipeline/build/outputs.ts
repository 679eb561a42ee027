/**
 * The build's write step: the pages that sum the build up (status page,
 * the public site's index and sitemap, the office's index, the send list),
 * written once the PDFs are known, and last the manifest and SHA256SUMS
 * over the bytes as written.
 */
import type { Locale } from '../core/locales.js';
import path from 'node:path';
import { localeReport } from '../catalog/localeSet.js';
import { coverage, publishable } from '../catalog/status.js';
import { renderStatusPage } from '../render/statusPage.js';
import { writeFile } from '../core/fsio.js';
import { sha256 } from '../core/hash.js';
import { renderSiteIndex, renderOfficeIndex, renderSitemap, standingOf, SITE_DIR } from './site.js';
import { sendListCsv } from './sendList.js';
import { hashFiles, inputFileHashes, sha256sums } from './checksums.js';
import { renderEditionPage, type BuildSession, type Rendered } from './documents.js';
import type { Manifest } from './manifest.js';

/** Writes the status page, the site's and the office's indexes and the send list. */
export function writePages(s: BuildSession, rendered: Rendered, options: { csvBom?: boolean }): void {
  const { manifest } = rendered;
  const { config } = s.ws.project.parsed;
  writeStatusPage(s);
  manifest.editions.sort(
    (a, b) => config.locales.indexOf(a.locale as Locale) - config.locales.indexOf(b.locale as Locale),
  );
  // An edition whose PDF failed to print must not link it.
  for (const e of manifest.editions) {
    if (!e.pdf && rendered.jobs.some((j) => j.doc === e))
      writeFile(path.join(s.staging, e.html), renderEditionPage(s, e.locale, undefined).html);
  }
  writeSiteIndex(s, manifest);
  writeFile(
    path.join(s.staging, 'index.html'),
    renderOfficeIndex(
      s.ws.project.parsed,
      { letters: manifest.letters, proofs: manifest.proofs, sitemap: Boolean(config.baseUrl) },
      s.ws.project.templates,
    ),
  );
  writeFile(path.join(s.staging, 'send-list.csv'), sendListCsv(manifest.letters, { bom: options.csvBom }));
}

function writeStatusPage(s: BuildSession): void {
  const { ws, localeSet } = s;
  const { config } = ws.project.parsed;
  const report = Object.fromEntries(
    Object.entries(localeReport(ws, localeSet)).map(([l, st]) => {
      const keys = localeSet.statuses.get(l)!;
      return [l, { ...st, coverage: coverage(keys), publishable: publishable(keys, config.requireApproval) }];
    }),
  );
  writeFile(
    path.join(s.staging, 'status', 'index.html'),
    renderStatusPage(config.title, config.sourceLocale, report, ws.project.templates.status),
  );
}

/** The public site's index (each edition's standing and PDF) and, with a base URL, its sitemap. */
function writeSiteIndex(s: BuildSession, manifest: Manifest): void {
  const { parsed, templates } = s.ws.project;
  const { config } = parsed;
  const siteEditions = manifest.editions.map((e) => {
    const keys = s.localeSet.statuses.get(e.locale)!.filter((k) => k.ns === 'statement');
    const pending = keys.filter((k) => !k.usable).length;
    return {
      locale: e.locale,
      standing: standingOf(
        e.locale,
        config.sourceLocale,
        pending,
        keys.length,
        keys.every((k) => k.status === 'approved'),
      ),
      ...(e.pdf ? { pdf: { pages: e.pages, bytes: e.bytes } } : {}),
      ...(s.carry.withdrawn.includes(`${SITE_DIR}/${e.locale}/statement.pdf`) ? { pdfState: 'outdated' as const } : {}),
    };
  });
  writeFile(
    path.join(s.staging, SITE_DIR, 'index.html'),
    renderSiteIndex(parsed, siteEditions, templates, (l) => s.localeSet.translator(l)),
  );
  if (config.baseUrl)
    writeFile(
      path.join(s.staging, SITE_DIR, 'sitemap.xml'),
      renderSitemap(
        config.baseUrl,
        manifest.editions.map((e) => e.locale),
        config.date,
      ),
    );
}

/** Last, over the bytes as written: the manifest names every other file, SHA256SUMS every file (for sha256sum -c). */
export function writeManifest(s: BuildSession, manifest: Manifest): void {
  manifest.inputs = inputFileHashes(s.ws.project.root);
  manifest.files = hashFiles(s.staging, ['manifest.json', 'SHA256SUMS']);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFile(path.join(s.staging, 'manifest.json'), manifestText);
  const sums = { ...manifest.files, 'manifest.json': sha256(manifestText) };
  writeFile(
    path.join(s.staging, 'SHA256SUMS'),
    sha256sums(Object.fromEntries(Object.entries(sums).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
  );
}
