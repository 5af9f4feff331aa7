/**
 * The `ciclo` command's runner (main.ts is the program). It finds its commands in ./commands (one file per domain), parses the
 * command line with node:util parseArgs, runs the command against the same backend and dispatch
 * the UI uses, and exits 0 (ok), 1 (the operation failed) or 2 (usage). Errors print as
 * `error [CODE]: message` on stderr; with `--json`, stdout carries exactly one ApiResult envelope.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBackend, defaultConfig, type Backend } from '../api/backend.js';
import { CliApiError, EXIT, UsageError, type CliCommand, type CliContext } from './registry.js';

/** Loads every command module of ./commands. */
export async function loadCommands(): Promise<CliCommand[]> {
  const dir = fileURLToPath(new URL('./commands/', import.meta.url));
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !f.endsWith(`.d${ext}`) && !f.endsWith(`.test${ext}`))
    .sort();
  const all: CliCommand[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { commands?: CliCommand[] };
    if (Array.isArray(mod.commands)) all.push(...mod.commands);
  }
  return all;
}

function helpText(commands: CliCommand[]): string {
  // Usage lines vary from 30 to 250 characters: each summary goes on its own indented line.
  return [
    'Ciclo: an offline studio for the whole life of a machine-learning project.',
    '',
    'Usage:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Every command accepts --json (machine-readable output) and --help.',
    'Exit codes: 0 ok, 1 failure, 2 wrong usage.',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function runCli(argv: string[], io: { out: (s: string) => void; err: (s: string) => void } = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
}): Promise<number> {
  const commands = await loadCommands();
  const wantsJson = argv.includes('--json');
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(helpText(commands));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  // The longest command path that prefixes argv wins (`project info` before `project`).
  const match = commands
    .filter((c) => c.path.every((w, i) => argv[i] === w))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!match) {
    io.err(`error [INVALID_ARGUMENT]: unknown command "${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}"`);
    io.err(helpText(commands));
    return EXIT.usage;
  }

  let backend: Backend | null = null;
  const reportUsage = (message: string): number => {
    io.err(`error [INVALID_ARGUMENT]: ${message}`);
    io.err(`usage: ${match.usage}`);
    if (wantsJson) io.out(JSON.stringify({ ok: false, error: { code: 'INVALID_ARGUMENT', messageKey: 'errors.INVALID_ARGUMENT', message } }));
    return EXIT.usage;
  };
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv.slice(match.path.length),
        options: { ...(match.options ?? {}), json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (err) {
      return reportUsage((err as Error).message);
    }
    if (parsed.values.help) {
      io.out(`usage: ${match.usage}\n\n${match.summary}`);
      return EXIT.ok;
    }
    const range = match.positionals ?? { min: 0, max: 0 };
    if (parsed.positionals.length < range.min || parsed.positionals.length > range.max) {
      return reportUsage(parsed.positionals.length < range.min ? 'missing argument' : `unexpected argument "${parsed.positionals[range.max]}"`);
    }
    const ctx: CliContext = {
      values: parsed.values,
      positionals: parsed.positionals,
      json: parsed.values.json === true,
      backend() {
        backend ??= createBackend(defaultConfig({ mode: 'headless' }));
        return backend;
      },
      async call(method, args) {
        const result = await ctx.backend().dispatch(method, args);
        if (!result.ok) throw new CliApiError(result.error);
        return result.data as never;
      },
      out: io.out,
      err: io.err,
    };
    const code = await match.run(ctx);
    return code ?? EXIT.ok;
  } catch (err) {
    if (err instanceof UsageError) return reportUsage(err.message);
    if (err instanceof CliApiError) {
      io.err(`error [${err.error.code}]: ${err.error.message}`);
      if (wantsJson) io.out(JSON.stringify({ ok: false, error: err.error }));
      return EXIT.failure;
    }
    io.err(`error [INTERNAL]: ${(err as Error)?.message ?? String(err)}`);
    if (wantsJson) io.out(JSON.stringify({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL', message: String((err as Error)?.message ?? err) } }));
    return EXIT.failure;
  } finally {
    const b = backend as Backend | null;
    if (b) await b.dispose();
  }
}
