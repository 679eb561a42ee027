/** The commands of `statement`, in the order `--help` lists them. */
import type { Command } from './types.js';
import { extractCommand } from './extract.js';
import { statusCommand } from './status.js';
import { approveCommand } from './approve.js';
import { waiveCommand } from './waive.js';
import { buildCommand } from './build.js';
import { lintCommand } from './lint.js';
import { serveCommand } from './serve.js';
import { exportCommand } from './export.js';
import { importCommand } from './importCmd.js';
import { releaseCommand, verifyCommand, diffCommand } from './release.js';

export type { Command } from './types.js';

export const commands: Command[] = [
  extractCommand,
  statusCommand,
  approveCommand,
  waiveCommand,
  exportCommand,
  importCommand,
  lintCommand,
  buildCommand,
  serveCommand,
  releaseCommand,
  verifyCommand,
  diffCommand,
];
