// `burndown rules --file <slos.yaml> [--out rules.yaml] [--interval 1m]`: Prometheus recording and alerting rules for every
// SLO with alerting enabled (docs/alerting.md).
import { writeFileSync } from 'node:fs';

import { prometheusRules, rulesYaml } from '../../rules';
import { parseDuration } from '../../slo';
import { escapeControl } from '../../slo/limits';
import { parseArgs, UsageError } from '../args';
import { EXIT_OK, type Io } from '../io';
import type { Command } from './command';
import { loadSloFile } from './load';

/** The CLI's Io plus where rule files go; writeFile defaults to the file system. */
export type RulesIo = Io & { writeFile?: (path: string, text: string) => void };

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'Prometheus burn-rate recording and alert rules for the SLOs with alerting (stdout without --out)',
  help: `usage: burndown rules --file <slos.yaml> [--out <rules.yaml>] [--interval <duration>]

Writes Prometheus rule groups for every SLO whose alerting enables page or ticket alerts: recording rules
for the error ratio over each burn-rate window, multi-window multi-burn-rate alerts, and an absent-data
alert. SLOs with mode: recorded or auto also get a group of 5-minute event tiles (docs/recorded-mode.md).
The output passes 'promtool check rules'; docs/alerting.md explains loading and backfilling.

options:
  --file <path>          the SLO file (burndown/v1)
  --out <path>           write the rules there instead of standard output
  --interval <duration>  evaluation interval of the rule groups (default 1m)

exit codes: 0 written, 1 invalid SLO file, 2 usage error

example:
  burndown rules --file slos.yaml --out /etc/prometheus/rules/burndown.yaml
  promtool check rules /etc/prometheus/rules/burndown.yaml`,

  async run(io: RulesIo, argv: string[]): Promise<number> {
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
    const file = await loadSloFile(io, path);
    const groups = prometheusRules(file.slos, interval ? { interval } : {});
    const yaml = rulesYaml(groups);
    const out = flags.get('out');
    if (out === undefined) {
      io.out(yaml.trimEnd());
      return EXIT_OK;
    }
    try {
      (io.writeFile ?? ((p, t) => writeFileSync(p, t)))(out, yaml);
    } catch (e) {
      throw new UsageError(`cannot write ${out}: ${(e as Error).message}`);
    }
    // recorded-mode groups (docs/recorded-mode.md) come on top of the alerting ones
    const skipped = file.slos.length - groups.filter((g) => !g.group.name.endsWith('-recorded')).length;
    io.err(
      `${escapeControl(out)}: ${groups.length} rule group${groups.length === 1 ? '' : 's'}` +
        (skipped > 0 ? ` (${skipped} SLO${skipped === 1 ? '' : 's'} without alerting.page or alerting.ticket)` : '')
    );
    return EXIT_OK;
  },
};
