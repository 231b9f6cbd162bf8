// Command-line argument parsing: `--flag value`, `--flag=value`, repeatable flags, boolean flags and positionals;
// unknown flags are usage errors. `-` alone is a positional (standard input).
import { parseRfc3339 } from '../slo/rfc3339';
import { escapeControl } from '../slo/limits';

export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  positionals: string[];
  /** The last value of each flag given (boolean flags hold 'true'). */
  flags: Map<string, string>;
  /** Every value of each flag, in order (for repeatable flags such as --header). */
  all: Map<string, string[]>;
}

export function parseArgs(
  argv: readonly string[],
  valueFlags: readonly string[],
  boolFlags: readonly string[] = []
): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string>();
  const all = new Map<string, string[]>();
  const set = (name: string, value: string) => {
    flags.set(name, value);
    all.set(name, [...(all.get(name) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h') {
      set('help', 'true');
      continue;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (boolFlags.includes(name) || name === 'help') {
      set(name, 'true');
      continue;
    }
    if (!valueFlags.includes(name)) {
      throw new UsageError(`unknown option --${name}`);
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) {
      throw new UsageError(`--${name} needs a value`);
    }
    set(name, value);
  }
  return { positionals, flags, all };
}

/** `--at <RFC3339>`: the instant a command evaluates at (default `now`). */
export function atFlag(flags: ReadonlyMap<string, string>, now: number, command: string): number {
  const text = flags.get('at');
  if (text === undefined) {
    return now;
  }
  const parsed = parseRfc3339(text);
  if (parsed === undefined) {
    throw new UsageError(
      `--at must be an RFC3339 time such as 2026-10-01T00:00:00Z, got ${escapeControl(text)}`,
      command
    );
  }
  return parsed;
}
