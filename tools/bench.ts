/**
 * `npm run bench`: the speed and memory targets, measured side by side in
 * one run on this machine, each command as one whole process, medians of
 * several rounds. Prints its figures; asserts nothing.
 *
 *   1. A 100× statement (the body repeated 100 times, every paragraph of
 *      copy N ending in its own marker: no two alike, ~680 KB):
 *      `build --only editions --format html --force` (7 locales) against
 *      `pandoc big.md -s -o big.html`; `extract` and `status --json`
 *      against the floor of this stack (a Node process that only reads and
 *      parses the file with unified + remark-parse + remark-frontmatter and
 *      the pipeline's own GFM table and footnote plugin, source/gfm.ts),
 *      and against `po4a-updatepo`.
 *   2. 200 letters from a member list against raw Chromium printing the same
 *      200 HTML files (one browser, same parallelism); peak PSS of the whole
 *      process tree at 200 and 1,000 letters; a no-change rebuild.
 *   3. A 10 MB statement: its HTML editions, and the peak PSS of the build.
 *   4. `import` of an XLIFF 2.0 and a PO file of 1, 2, 4 and 20 MB (an
 *      export padded with notes; 20 MB holds about 100,000 notes): wall
 *      and CPU time, max RSS, and the CPU time per MB above the unpadded
 *      export's, which a linear import keeps about constant.
 *   5. The read-back check's share of a full build of the shipped project
 *      (`build --force`): the worker's time reading the PDFs back, and the
 *      time the build waited for it after the last PDF was printed.
 *   6. (`BENCH_ONLY=pool`, bench/pool.ts) the full build against raw
 *      Chromium printing the same files, and 200 letters on one browser
 *      against two (a second Chromium started on 127.0.0.1).
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, median, have, type Run } from './bench/measure.js';
import { padXliff, padPo } from './bench/importFiles.js';
import { poolBench } from './bench/pool.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const cli = path.join(repo, 'bin', 'statement.js');
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
const letterCounts = (process.env.BENCH_LETTERS ?? '200,1000').split(',').map(Number);
const node = process.execPath;

function project(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-bench-'));
  for (const part of ['source', 'templates', 'locales'])
    fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
  return dir;
}

/** The 100× statement: front matter, then the body 100 times, each paragraph ending in its own marker. */
export function bigStatement(source: string, copies = 100): string {
  const end = source.indexOf('\n---\n', 4) + 5;
  const paragraphs = source
    .slice(end)
    .trim()
    .split(/\n\s*\n/);
  const body: string[] = [];
  for (let n = 1; n <= copies; n++) for (const [i, p] of paragraphs.entries()) body.push(`${p} [copy ${n}.${i + 1}]`);
  return `${source.slice(0, end)}\n${body.join('\n\n')}\n`;
}

const fmt = (s: number) => `${s.toFixed(3)} s`;
/**
 * A result line: the median time, and against a reference the ratio of the
 * medians and, in brackets, the median of the ratios within each round
 * (each round runs the commands one after the other, so that ratio is the
 * one least moved by the machine's speed drifting during the run).
 */
const line = (label: string, runs: Run[], against?: { label: string; runs: Run[] }) => {
  const m = median(runs.map((r) => r.seconds));
  let ratio = '';
  if (against) {
    const paired = median(runs.map((r, i) => r.seconds / against.runs[i]!.seconds)); // one run each per round
    ratio = `  ${(m / median(against.runs.map((r) => r.seconds))).toFixed(2)}× ${against.label} (per round ${paired.toFixed(2)}×)`;
  }
  console.log(`  ${label.padEnd(58)} ${fmt(m).padStart(9)}${ratio}`);
};

async function textBench(): Promise<void> {
  const dir = project();
  const big = bigStatement(fs.readFileSync(path.join(repo, 'source/statement.md'), 'utf8'));
  fs.writeFileSync(path.join(dir, 'source/statement.md'), big);
  const body = path.join(dir, 'big.md');
  fs.writeFileSync(body, big.slice(big.indexOf('\n---\n', 4) + 5));
  const floorScript = path.join(dir, 'floor.mjs');
  fs.writeFileSync(
    floorScript,
    [
      `import { unified } from ${JSON.stringify(path.join(repo, 'node_modules/unified/index.js'))};`,
      `import remarkParse from ${JSON.stringify(path.join(repo, 'node_modules/remark-parse/index.js'))};`,
      `import remarkFrontmatter from ${JSON.stringify(path.join(repo, 'node_modules/remark-frontmatter/index.js'))};`,
      // The same extensions as the statement's parser (tables and footnotes): the floor is the parse the pipeline needs.
      `import { remarkTablesAndFootnotes } from ${JSON.stringify(path.join(repo, 'lib/pipeline/source/gfm.js'))};`,
      `import fs from 'node:fs';`,
      `unified().use(remarkParse).use(remarkFrontmatter).use(remarkTablesAndFootnotes).parse(fs.readFileSync(process.argv[2], 'utf8'));`,
    ].join('\n'),
  );
  console.log(`\n1. 100× statement: ${(Buffer.byteLength(big) / 1024).toFixed(0)} KB, ${rounds} rounds, medians`);
  const runs: Record<'floor' | 'extract' | 'status' | 'build' | 'pandoc' | 'po4a', Run[]> = {
    floor: [],
    extract: [],
    status: [],
    build: [],
    pandoc: [],
    po4a: [],
  };
  const locales = path.join(dir, 'locales');
  const pristine = path.join(dir, 'locales-pristine');
  fs.cpSync(locales, pristine, { recursive: true });
  const check = (r: Run, what: string) => {
    if (r.code !== 0) throw new Error(`${what} exited ${r.code}: ${r.stderr}`);
    return r;
  };
  for (let i = 0; i < rounds; i++) {
    runs.floor.push(
      check(await measure(node, [floorScript, path.join(dir, 'source/statement.md')], { cwd: dir }), 'floor'),
    );
    fs.rmSync(locales, { recursive: true, force: true });
    fs.cpSync(pristine, locales, { recursive: true });
    runs.extract.push(check(await measure(cli, ['extract'], { cwd: dir }), 'extract'));
    runs.status.push(check(await measure(cli, ['status', '--json'], { cwd: dir }), 'status'));
    runs.build.push(
      check(await measure(cli, ['build', '--only', 'editions', '--format', 'html', '--force'], { cwd: dir }), 'build'),
    );
    if (have('pandoc'))
      runs.pandoc.push(
        check(await measure('pandoc', [body, '-s', '-o', path.join(dir, 'big.html')], { cwd: dir }), 'pandoc'),
      );
    if (have('po4a-updatepo'))
      runs.po4a.push(
        check(
          await measure(
            'po4a-updatepo',
            ['-f', 'text', '-o', 'markdown', '-m', body, '-p', path.join(dir, 'big.pot')],
            { cwd: dir },
          ),
          'po4a',
        ),
      );
  }
  const floor = { label: 'floor', runs: runs.floor };
  line('floor: node + unified + remark-parse + frontmatter + tables/footnotes', runs.floor);
  if (runs.pandoc.length) line('pandoc big.md -s -o big.html', runs.pandoc, floor);
  if (runs.po4a.length) line('po4a-updatepo -f text -o markdown', runs.po4a, floor);
  line(
    'statement build --only editions --format html --force (7)',
    runs.build,
    runs.pandoc.length ? { label: 'pandoc', runs: runs.pandoc } : floor,
  );
  line('statement extract (7 locales, first run)', runs.extract, floor);
  if (runs.po4a.length) line('  the same, against po4a-updatepo', runs.extract, { label: 'po4a', runs: runs.po4a });
  line('statement status --json', runs.status, floor);
  fs.rmSync(dir, { recursive: true, force: true });
}

async function hugeBench(): Promise<void> {
  const dir = project();
  const source = fs.readFileSync(path.join(repo, 'source/statement.md'), 'utf8');
  const copies = Math.ceil((10 * 1024 * 1024) / Buffer.byteLength(source));
  const huge = bigStatement(source, copies);
  fs.writeFileSync(path.join(dir, 'source/statement.md'), huge);
  const r = await measure(cli, ['build', '--only', 'editions', '--format', 'html', '--force'], {
    cwd: dir,
    memory: true,
    every: 100,
  });
  console.log(
    `\n3. A ${(Buffer.byteLength(huge) / 1024 / 1024).toFixed(1)} MB statement (${copies} copies): build --only editions --format html, 7 locales`,
  );
  console.log(
    `  ${r.code === 0 ? 'built' : `FAILED (exit ${r.code})`} in ${fmt(r.seconds)}, peak PSS of the process tree ${r.peakPssMiB.toFixed(0)} MiB (target: under 1024 MiB)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

async function importBench(): Promise<void> {
  const dir = project();
  const sizes = (process.env.BENCH_IMPORT_MB ?? '1,2,4,20').split(',').map(Number);
  const times = Math.min(rounds, 3);
  console.log(`\n4. import of padded exports (fr), ${times} rounds, medians; peak PSS of the largest round`);
  for (const [format, pad, ext] of [
    ['xliff', padXliff, 'xlf'],
    ['po', padPo, 'po'],
  ] as const) {
    const exported = await measure(cli, ['export', '--format', format, '--locale', 'fr', '--out', `fr.${ext}`], {
      cwd: dir,
    });
    if (exported.code !== 0) throw new Error(`export exited ${exported.code}: ${exported.stderr}`);
    const base = fs.readFileSync(path.join(dir, `fr.${ext}`), 'utf8');
    // CPU time (user + system, from /usr/bin/time) beside the wall time: on a shared machine the wall time is mostly waiting.
    const timed = async (file: string) => {
      const runs: Array<{ wall: number; cpu: number; rss: number }> = [];
      for (let i = 0; i < times; i++) {
        const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', node, cli, 'import', file], {
          cwd: dir,
          encoding: 'utf8',
        });
        if (r.status !== 0) throw new Error(`import exited ${r.status}: ${r.stderr}`);
        // /usr/bin/time -f '%e %U %S %M': four figures on the last line.
        const [wall = NaN, user = NaN, sys = NaN, rss = NaN] = r.stderr
          .trim()
          .split('\n')
          .pop()!
          .split(' ')
          .map(Number);
        runs.push({ wall, cpu: user + sys, rss: rss / 1024 });
      }
      return {
        seconds: median(runs.map((r) => r.wall)),
        cpu: median(runs.map((r) => r.cpu)),
        peak: Math.max(...runs.map((r) => r.rss)),
      };
    };
    // The unpadded export: the command's fixed cost (start, loading the project), to take off the slope.
    const floor = await timed(`fr.${ext}`);
    console.log(
      `  import ${format} ${(Buffer.byteLength(base) / 1024).toFixed(0)} KB export (fixed cost)`.padEnd(50) +
        `${fmt(floor.seconds).padStart(9)}  cpu ${fmt(floor.cpu)}  max RSS ${floor.peak.toFixed(0)} MiB`,
    );
    for (const mb of sizes) {
      const { text, notes } = pad(base, mb * 1024 * 1024);
      const file = `big-${mb}.${ext}`;
      fs.writeFileSync(path.join(dir, file), text);
      const r = await timed(file);
      const perMb = (r.cpu - floor.cpu) / mb;
      const label = `import ${format} ${(Buffer.byteLength(text) / 1024 / 1024).toFixed(1)} MB, ${notes.toLocaleString('en')} notes`;
      console.log(
        `  ${label.padEnd(48)}${fmt(r.seconds).padStart(9)}  cpu ${fmt(r.cpu)}, ${(perMb * 1000).toFixed(0)} ms CPU/MB above the fixed cost  max RSS ${r.peak.toFixed(0)} MiB`,
      );
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

function letterProject(count: number): string {
  const dir = project();
  const rows = ['id,name,languages'];
  const langs = ['en', 'fr', 'ru', 'es', 'ar', 'zh', 'az'];
  for (let i = 1; i <= count; i++) rows.push(`member-${i},Member organization number ${i},${langs[i % langs.length]}`);
  fs.mkdirSync(path.join(dir, 'source/members'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'source/members/bench.csv'), `${rows.join('\n')}\n`);
  fs.writeFileSync(
    path.join(dir, 'source/addressees.yaml'),
    'addressees:\n  - id: bench\n    name: Benchmark group\n    languages: [en]\n    members: members/bench.csv\n',
  );
  return dir;
}

async function letterBench(): Promise<void> {
  const parallel = os.availableParallelism?.() ?? os.cpus().length;
  console.log(
    `\n2. Letters (PDF): one browser, ${parallel} pages in parallel; peak PSS of the whole process tree, Chromium included`,
  );
  for (const count of letterCounts) {
    const dir = letterProject(count);
    const ours: Run[] = [];
    const raw: Run[] = [];
    const n = count <= 200 ? Math.min(rounds, 3) : 1;
    let html: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await measure(cli, ['build', '--only', 'letters', '--force'], { cwd: dir, memory: true });
      if (r.code !== 0) throw new Error(`build exited ${r.code}: ${r.stderr.slice(-2000)}`);
      ours.push(r);
      if (html.length === 0) {
        const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'dist/manifest.json'), 'utf8')) as {
          letters: Array<{ html: string }>;
        };
        html = manifest.letters.map((l) => path.join(dir, 'dist', l.html));
      }
      raw.push(
        await measure(node, [path.join(here, 'bench/rawPrint.js'), String(parallel), ...html], {
          cwd: dir,
          memory: true,
        }),
      );
    }
    const rebuild = await measure(cli, ['build', '--only', 'letters'], { cwd: dir, memory: true });
    const ms = (runs: Run[]) => median(runs.map((r) => r.seconds));
    const mem = (runs: Run[]) => Math.max(...runs.map((r) => r.peakPssMiB));
    console.log(`  ${count} letters (${n} round${n > 1 ? 's' : ''}):`);
    console.log(
      `    raw Chromium, same HTML, same parallelism   ${fmt(ms(raw)).padStart(9)}  ${((1000 * ms(raw)) / count).toFixed(0)} ms/PDF  peak ${mem(raw).toFixed(0)} MiB`,
    );
    console.log(
      `    statement build --only letters --force     ${fmt(ms(ours)).padStart(9)}  ${((1000 * ms(ours)) / count).toFixed(0)} ms/PDF  peak ${mem(ours).toFixed(0)} MiB  ${(ms(ours) / ms(raw)).toFixed(2)}× raw`,
    );
    console.log(
      `    no-change rebuild                           ${fmt(rebuild.seconds).padStart(9)}  peak ${rebuild.peakPssMiB.toFixed(0)} MiB${/0 PDF\(s\) printed/.test(rebuild.stderr) ? ', no browser' : ''}`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function readbackBench(): Promise<void> {
  const dir = project();
  const n = Math.min(rounds, 3);
  console.log(
    `\n4. Read-back check (pdf.js, in a worker thread) in a full build of the shipped project, build --force, ${n} round${n > 1 ? 's' : ''}`,
  );
  const rows: Array<{ total: number; busy: number; wait: number; docs: number; without: number }> = [];
  for (let i = 0; i < n; i++) {
    const off = await measure(cli, ['build', '--force'], { cwd: dir, env: { STATEMENT_READBACK: 'off' } });
    if (off.code !== 0) throw new Error(`build exited ${off.code}: ${off.stderr.slice(-2000)}`);
    const r = await measure(cli, ['build', '--force'], { cwd: dir });
    const m =
      /read back (\d+) PDF\(s\) with pdf\.js: ([\d.]+) s in the worker, ([\d.]+) s waited for after printing/.exec(
        r.stderr,
      );
    if (r.code !== 0 || !m) throw new Error(`build exited ${r.code}: ${r.stderr.slice(-2000)}`);
    rows.push({ total: r.seconds, busy: Number(m[2]), wait: Number(m[3]), docs: Number(m[1]), without: off.seconds });
  }
  const med = (f: (x: (typeof rows)[number]) => number) => median(rows.map(f));
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(
    `  build ${fmt(med((x) => x.total))}; ${rows[0]!.docs} PDFs read back in ${fmt(med((x) => x.busy))} of worker time (${pct(med((x) => x.busy / x.total))} of the build, on the other core), waited for ${fmt(med((x) => x.wait))} after printing: ${pct(med((x) => x.wait / x.total))} of the build's time (budget 10 %)`,
  );
  console.log(
    `  the same build without the check (STATEMENT_READBACK=off) ${fmt(med((x) => x.without))}: the check adds ${pct(med((x) => (x.total - x.without) / x.total))} of the build's time (median of the rounds' differences)`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

// Run only as a program (`npm run bench`), not when imported.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(
    `statement-pipeline bench — ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'text') await textBench();
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'letters') await letterBench();
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'huge') await hugeBench();
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'import') await importBench();
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'readback') await readbackBench();
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'pool')
    await poolBench({ cli, node, rawPrint: path.join(here, 'bench/rawPrint.js'), rounds, project, letterProject });
}
