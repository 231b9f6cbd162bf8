// `burndown rules --file <slos.yaml> [--out rules.yaml] [--interval 1m]`: Prometheus recording and alerting rules for every
// SLO with alerting enabled (docs/alerting.md).
import { writeFileSync } from 'node:fs';

import { prometheusRules, rulesYaml } from '../../rules';
import { formatSloError, parseDuration, parseSloDocument } from '../../slo';
import { parseArgs, UsageError } from '../args';

export const RULES_USAGE = `  rules --file <slos.yaml> [--out <rules.yaml>] [--interval <duration>]
                                     Prometheus burn-rate recording and alert rules (stdout without --out)`;

/** The part of the CLI's Io this command uses; writeFile defaults to the file system. */
export interface RulesIo {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => string;
  writeFile?: (path: string, text: string) => void;
}

/** Exit codes as the CLI's: 0 written, 1 invalid SLO file; usage problems throw UsageError (2). */
export function rulesCommand(io: RulesIo, argv: readonly string[]): number {
  const { positionals, flags } = parseArgs(argv, ['file', 'out', 'interval']);
  if (positionals.length > 0) {
    throw new UsageError(`unexpected argument ${positionals[0]}`);
  }
  const path = flags.get('file');
  if (!path) {
    throw new UsageError('rules needs --file <slos.yaml>');
  }
  const interval = flags.get('interval');
  if (interval !== undefined && !parseDuration(interval)) {
    throw new UsageError(`--interval must be a positive duration such as 1m, got ${interval}`);
  }
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as Error).message}`);
  }
  const { file, errors } = parseSloDocument(text, { file: path });
  if (!file) {
    errors.forEach((e) => io.err(formatSloError(e)));
    io.err(`burndown: ${path}: ${errors.length} problem${errors.length === 1 ? '' : 's'}`);
    return 1;
  }
  const groups = prometheusRules(file.slos, interval ? { interval } : {});
  const yaml = rulesYaml(groups);
  const out = flags.get('out');
  if (out === undefined) {
    io.out(yaml.trimEnd());
    return 0;
  }
  try {
    (io.writeFile ?? ((p, t) => writeFileSync(p, t)))(out, yaml);
  } catch (e) {
    throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
  }
  const skipped = file.slos.length - groups.length;
  io.err(
    `${out}: ${groups.length} rule group${groups.length === 1 ? '' : 's'}` +
      (skipped > 0 ? ` (${skipped} SLO${skipped === 1 ? '' : 's'} without alerting.page or alerting.ticket)` : '')
  );
  return 0;
}
