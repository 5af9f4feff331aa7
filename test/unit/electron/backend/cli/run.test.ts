import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadCommands, runCli } from '../../../../../electron/backend/cli/run.js';
import { tempDir, type TempDir } from '../../../../helpers/project.js';

let tmp: TempDir;
let out: string[];
let err: string[];
const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
let savedHome: string | undefined;

beforeEach(() => {
  tmp = tempDir();
  out = [];
  err = [];
  savedHome = process.env.CICLO_HOME;
  process.env.CICLO_HOME = join(tmp.path, 'home');
});
afterEach(() => {
  if (savedHome === undefined) delete process.env.CICLO_HOME;
  else process.env.CICLO_HOME = savedHome;
  tmp.cleanup();
});

describe('the CLI runner', () => {
  it('discovers command files in cli/commands', async () => {
    const paths = (await loadCommands()).map((c) => c.path.join(' '));
    expect(paths).toEqual(expect.arrayContaining(['studio', 'project create', 'project info']));
  });

  it('prints exactly one JSON envelope on stdout with --json', async () => {
    const code = await runCli(['project', 'create', 'Json', '--dir', tmp.path, '--json'], io);
    expect(code).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0])).toMatchObject({ ok: true, data: { name: 'Json' } });
  });

  it('maps API errors to exit 1 with `error [CODE]: message`', async () => {
    const code = await runCli(['project', 'info', join(tmp.path, 'missing.ciclo')], io);
    expect(code).toBe(1);
    expect(err[0]).toMatch(/^error \[NOT_FOUND\]: /);
  });

  it('maps usage problems to exit 2 with the usage line', async () => {
    expect(await runCli(['studio', '--port', 'eighty'], io)).toBe(2);
    expect(err.join('\n')).toContain('--port must be a number');
    expect(err.join('\n')).toContain('usage: ciclo studio');
    expect(await runCli([], io)).toBe(2);
  });
});
