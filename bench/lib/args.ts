/** A small `--key value` / `--flag` argument parser for the benchmark scripts. */

/** Parsed arguments: flags are `true`, options their string value. */
export type Args = Record<string, string | true>;

/** Parses argv (after the script path). `flags` lists options that take no value. */
export function parseArgs(argv: readonly string[], flags: readonly string[]): Args {
  const out: Args = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`Unexpected argument "${a}".`);
    const key = a.slice(2);
    if (flags.includes(key)) out[key] = true;
    else {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`Option --${key} needs a value.`);
      out[key] = v;
      i++;
    }
  }
  return out;
}

/** A string option, or `fallback`. */
export function option(args: Args, key: string, fallback?: string): string | undefined {
  const v = args[key];
  return typeof v === 'string' ? v : fallback;
}
