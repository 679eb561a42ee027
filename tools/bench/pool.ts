/**
 * `BENCH_ONLY=pool npm run bench`: printing at scale.
 *
 *   a. The full build of the shipped project (`build --force`: editions,
 *      letters, review proofs) against raw Chromium (rawPrint.ts) printing
 *      the same HTML files with the same parallelism: the floor.
 *   b. 200 letters on one browser (the local one) against two (the local
 *      one and a second Chromium started here on 127.0.0.1 with
 *      `--remote-debugging-port`), with the default pages per browser and
 *      with the same number of pages in all.
 *
 * Rounds alternate the commands; medians, and the median of the per-round ratios.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measure, median, type Run } from './measure.js';
import { startChromium } from './chromiumServer.js';

interface Context {
  cli: string;
  node: string;
  rawPrint: string;
  rounds: number;
  project: () => string;
  letterProject: (count: number) => string;
}

interface ManifestLite {
  editions: Array<{ locale: string; pdf: string | null }>;
  letters: Array<{ html: string }>;
  proofs: Array<{ html: string }>;
  printing?: { browsers: Array<{ name: string; printed: number }> };
}

const fmt = (s: number) => `${s.toFixed(2)} s`;
const manifestOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8')) as ManifestLite;

function ok(r: Run, what: string): Run {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr.slice(-2000)}`);
  return r;
}

/** `label  median  ratio× against (per round r×)`. */
function row(label: string, runs: Run[], against?: { label: string; runs: Run[] }, docs?: number): void {
  const m = median(runs.map((r) => r.seconds));
  let tail = docs ? `  ${((1000 * m) / docs).toFixed(0)} ms/PDF` : '';
  if (against) {
    const paired = median(runs.map((r, i) => r.seconds / against.runs[i]!.seconds));
    tail += `  ${(m / median(against.runs.map((r) => r.seconds))).toFixed(2)}× ${against.label} (per round ${paired.toFixed(2)}×)`;
  }
  console.log(`  ${label.padEnd(62)} ${fmt(m).padStart(9)}${tail}`);
}

/** The HTML files a full build printed, as the floor is to print them (the editions' .print.html kept for it). */
function printedHtml(dir: string): string[] {
  const m = manifestOf(dir);
  const dist = path.join(dir, 'dist');
  return [
    ...m.editions.filter((e) => e.pdf).map((e) => path.join(dist, 'site', e.locale, '.print.html')),
    ...m.letters.map((l) => path.join(dist, l.html)),
    ...m.proofs.map((p) => path.join(dist, p.html)),
  ];
}

async function fullBuild(c: Context, parallel: number): Promise<void> {
  const dir = c.project();
  const n = Math.min(c.rounds, 3);
  const ours: Run[] = [];
  const raw: Run[] = [];
  let files: string[] = [];
  for (let i = 0; i < n; i++) {
    ours.push(
      ok(await measure(c.cli, ['build', '--force'], { cwd: dir, env: { STATEMENT_KEEP_PRINT_HTML: '1' } }), 'build'),
    );
    if (files.length === 0) files = printedHtml(dir);
    raw.push(ok(await measure(c.node, [c.rawPrint, String(parallel), ...files], { cwd: dir }), 'raw print'));
  }
  console.log(
    `\n5a. Full build of the shipped project (${files.length} PDFs), ${n} round${n > 1 ? 's' : ''}, ${parallel} pages on one browser`,
  );
  const floor = { label: 'raw', runs: raw };
  row('raw Chromium, the same HTML files, same parallelism', raw, undefined, files.length);
  row('statement build --force (read-back check included)', ours, floor, files.length);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function twoBrowsers(c: Context, parallel: number, count: number): Promise<void> {
  const dir = c.letterProject(count);
  const server = await startChromium();
  const n = Math.min(c.rounds, 3);
  const variants: Array<{ label: string; args: string[] }> = [
    { label: `one browser: local (${parallel} pages)`, args: [] },
    {
      label: `two: local + 127.0.0.1 Chromium (${parallel} + 2 pages)`,
      args: ['--browser', 'local', '--browser', server.address],
    },
    {
      label: `two, same pages in all: local + 127.0.0.1 (${Math.max(1, parallel - 1)} + 1)`,
      args: ['--browser', `local#pages=${Math.max(1, parallel - 1)}`, '--browser', `${server.address}#pages=1`],
    },
  ];
  const runs = variants.map(() => [] as Run[]);
  const shares = variants.map(() => '');
  const readback = variants.map(() => [] as number[]);
  try {
    for (let i = 0; i < n; i++) {
      for (const [v, variant] of variants.entries()) {
        runs[v]?.push(
          ok(
            await measure(c.cli, ['build', '--only', 'letters', '--force', ...variant.args], { cwd: dir }),
            variant.label,
          ),
        );
        const read = /read back (\d+) PDF\(s\) with pdf\.js: ([\d.]+) s in the worker/.exec(runs[v]?.[i]?.stderr ?? '');
        if (read) readback[v]?.push(Number(read[2]) / Number(read[1]));
        const printing = manifestOf(dir).printing;
        shares[v] = printing
          ? printing.browsers.map((b) => `${b.name === 'local' ? 'local' : 'remote'} ${b.printed}`).join(', ')
          : '';
      }
    }
  } finally {
    await server.stop();
  }
  console.log(
    `\n5b. ${count} letters (PDF) on one browser and on two, ${n} round${n > 1 ? 's' : ''} (the second Chromium runs on this machine too)`,
  );
  const one = { label: 'one browser', runs: runs[0] ?? [] };
  variants.forEach((variant, v) => {
    const got = readback[v] ?? [];
    row(variant.label, runs[v] ?? [], v === 0 ? undefined : one, count);
    if (v > 0) console.log(`    printed: ${shares[v]}`);
    if (got.length)
      console.log(`    read-back check on this machine: ${(1000 * median(got)).toFixed(0)} ms of worker time a PDF`);
  });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Runs the pool bench and prints its figures. */
export async function poolBench(c: Context): Promise<void> {
  const parallel = os.availableParallelism?.() ?? os.cpus().length;
  // BENCH_POOL=letters runs only part b (part a alone: BENCH_POOL=full).
  if (process.env.BENCH_POOL !== 'letters') await fullBuild(c, parallel);
  if (process.env.BENCH_POOL === 'full') return;
  for (const count of (process.env.BENCH_POOL_LETTERS ?? '200').split(',').map(Number))
    await twoBrowsers(c, parallel, count);
}
