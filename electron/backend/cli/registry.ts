/**
 * The CLI's command registry. Each domain adds a file under ./commands exporting
 * `commands: CliCommand[]`; main.ts discovers the folder, so adding `ciclo data ...` or
 * `ciclo serve` never edits another domain's file.
 */
import type { ParseArgsConfig } from 'node:util';
import type { MethodArgs, MethodName, MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/errors.js';
import type { Backend } from '../api/backend.js';

/** Exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** What a command's `run` receives. */
export interface CliContext {
  /** Parsed option values (`--json` included). */
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
  /** True with `--json`: print one JSON envelope on stdout and nothing else there. */
  json: boolean;
  /** The backend (created on first use, disposed by main after `run`). */
  backend(): Backend;
  /** Calls a contract method through dispatch; throws {@link CliApiError} on failure. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodOutput<M>>;
  /** Writes a line to stdout. */
  out(line: string): void;
  /** Writes a line to stderr. */
  err(line: string): void;
}

/** One command, e.g. `ciclo project create`. */
export interface CliCommand {
  /** Words after `ciclo`, e.g. ['project', 'create']. */
  path: string[];
  /** One line for `ciclo --help`. */
  summary: string;
  /** Full usage, e.g. `ciclo project create NAME [--dir DIR] [--json]`. */
  usage: string;
  /** node:util parseArgs options (`--json` and `--help` are added for every command). */
  options?: ParseArgsConfig['options'];
  /** How many positional arguments it takes. */
  positionals?: { min: number; max: number };
  /** Runs the command; returns the exit code (default 0). */
  run(ctx: CliContext): Promise<number | void>;
}

/** A contract call that came back with an error. */
export class CliApiError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'CliApiError';
  }
}

/** A wrong command line (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
