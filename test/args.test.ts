/**
 * The commands' typed argument schemas (pipeline/cli/args.ts): a bad or
 * missing value is one line naming the option, exit 2, whatever the folder.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './helpers.js';
import { typedValues, oneOf, commaList, numberIn } from '../pipeline/cli/args.js';
import { InputError } from '../pipeline/core/errors.js';

describe('a command given a bad value', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'args-'));
  it.each([
    [['serve', '--port', 'x'], '--port takes a port number, got "x"'],
    [['serve', '--port', '70000'], '--port takes a port number, got "70000"'],
    [['status', '--min-coverage', '101'], '--min-coverage takes a number from 0 to 100, got "101"'],
    [['build', '--only', 'proofs'], '--only must be one of editions, letters, got "proofs"'],
    [['build', '--format', 'docx'], '--format must be one of html, pdf, got "docx"'],
    [['export', '--locale', 'fr'], '--format is required: one of xliff, xliff12, po'],
    [['export', '--format', 'xml', '--locale', 'fr'], '--format must be one of xliff, xliff12, po, got "xml"'],
    [['export', '--format', 'po'], '--locale L is required'],
    [
      ['export', '--format', 'po', '--locale', 'fr', '--only', 'stale,old'],
      '--only takes statuses among missing, stale, draft, approved, got "old"',
    ],
    [['approve', '--all'], '--locale L is required'],
    [
      ['waive', '--locale', 'fr', '--key', 'title', '--check', 'figures'],
      '--locale, --key, --check and --reason are all required',
    ],
  ])('statement %j: exit 2, one line', async (args, message) => {
    const r = await runCli(args, dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.stdout).toBe('');
  });

  it("still refuses an unknown flag with parseArgs' message and the help, exit 2", async () => {
    const r = await runCli(['status', '--colour'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^statement status: Unknown option '--colour'[\s\S]*Usage: statement status/);
  });
});

describe('typedValues', () => {
  const options = {
    list: { type: 'string', help: '', parse: commaList },
    kind: { type: 'string', help: '', parse: oneOf('kind', ['a', 'b']) },
    n: { type: 'string', help: '', parse: numberIn(1, 3, (t) => `bad n ${t}`, true) },
    name: { type: 'string', help: '', required: 'name is required' },
    flag: { type: 'boolean', help: '' },
  } as const;

  it('gives typed values: lists, words, numbers, false for an absent flag', () => {
    expect(typedValues(options, { list: ' fr, de,,', kind: 'b', n: '2', name: 'x' })).toEqual({
      list: ['fr', 'de'],
      kind: 'b',
      n: 2,
      name: 'x',
      flag: false,
    });
  });

  it("throws the option's own InputError, first missing or bad one first", () => {
    expect(() => typedValues(options, { n: '2.5', name: 'x' })).toThrow(new InputError('bad n 2.5'));
    expect(() => typedValues(options, { kind: 'c' })).toThrow('--kind must be one of a, b, got "c"');
    expect(() => typedValues(options, {})).toThrow('name is required');
  });
});
