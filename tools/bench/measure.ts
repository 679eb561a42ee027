/**
 * Measuring whole processes: wall time, and peak proportional set size
 * (PSS) of the process and all its descendants, sampled from /proc.
 */
import fs from 'node:fs';
import { spawn } from 'node:child_process';

/** One measured run. */
export interface Run {
  seconds: number;
  peakPssMiB: number;
  code: number;
  stderr: string;
}

function children(): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = out.get(ppid) ?? [];
      list.push(Number(entry));
      out.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  return out;
}

function treePssKiB(root: number): number {
  const kids = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const m = /Pss:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) total += Number(m[1]);
    } catch {
      /* gone */
    }
    stack.push(...(kids.get(pid) ?? []));
  }
  return total;
}

/** Runs a command to its end, sampling the memory of its process tree every `every` ms. */
export function measure(
  cmd: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; memory?: boolean; every?: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let peak = 0;
    const timer = options.memory
      ? setInterval(() => (peak = Math.max(peak, treePssKiB(child.pid!))), options.every ?? 50)
      : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      if (timer) clearInterval(timer);
      resolve({
        seconds: Number(process.hrtime.bigint() - start) / 1e9,
        peakPssMiB: peak / 1024,
        code: code ?? -1,
        stderr,
      });
    });
  });
}

/** The median of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  // NaN for no numbers; otherwise m and m - 1 are indexes of s.
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Whether a command exists on PATH. */
export function have(cmd: string): boolean {
  return (process.env.PATH ?? '').split(':').some((d) => fs.existsSync(`${d}/${cmd}`));
}
