// Rendering SLO statuses for people (an aligned table) and for programs (JSON with fractions and RFC3339). The figures'
// words and numbers come from the one formatting module, src/shared/format.ts.
import type { SloStatus } from '../query';
import {
  exhaustionJson,
  exhaustionText,
  formatBurnRate,
  formatPercent,
  formatRfc3339Utc,
  groupName,
  NO_DATA_TEXT,
  policyText,
  policyState,
} from '../shared/format';
import type { PolicyLevel } from '../slo/types';

export { exhaustionJson, isoDuration } from '../shared/format';

export function statusJson(s: SloStatus): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: s.id,
    window: { start: formatRfc3339Utc(s.window.start), end: formatRfc3339Utc(s.window.end) },
    good: s.good,
    bad: s.bad,
    total: s.total,
    sli: s.sli,
    remaining: s.remaining,
    consumed: s.consumed,
    burnRates: s.burnRates,
    timeToExhaustion: exhaustionJson(s.timeToExhaustion),
    policy: s.policy?.name ?? null,
  };
  if (Object.keys(s.group).length > 0) {
    out.group = s.group;
  }
  return out;
}

const cell = (text: string) => (text === NO_DATA_TEXT ? '-' : text);

/**
 * One row per status. `levels` gives each SLO's policy levels by id, so an SLO without any reads "No policy" rather
 * than "OK".
 */
export function statusTable(
  statuses: readonly SloStatus[],
  levels: ReadonlyMap<string, readonly PolicyLevel[]>
): string {
  const header = ['SLO', 'WINDOW', 'SLI', 'REMAINING', 'CONSUMED', 'BURN 1h', '6h', '1d', '3d', 'EXHAUSTION', 'POLICY'];
  const rows = statuses.map((s) => {
    const group = groupName(s.group, ',');
    const id = group ? `${s.id}{${group}}` : s.id;
    const window = `${formatRfc3339Utc(s.window.start)} .. ${formatRfc3339Utc(s.window.end)}`;
    const policy = policyText(policyState(levels.get(s.id) ?? [], s.policy));
    if (s.noData) {
      return [id, window, NO_DATA_TEXT, NO_DATA_TEXT, '-', '-', '-', '-', '-', '-', policy];
    }
    const rate = (name: string) => cell(formatBurnRate(s.burnRates[name] ?? null, 2, true));
    return [
      id,
      window,
      cell(formatPercent(s.sli, 3)),
      formatPercent(s.remaining, 2),
      cell(formatPercent(s.consumed, 2)),
      rate('1h'),
      rate('6h'),
      rate('1d'),
      rate('3d'),
      cell(exhaustionText(s.timeToExhaustion).text),
      policy + (s.partial ? ' (partial data)' : ''),
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const numeric = new Set([2, 3, 4, 5, 6, 7, 8]);
  return all
    .map((r) =>
      r
        .map((text, c) => (numeric.has(c) ? text.padStart(widths[c]) : text.padEnd(widths[c])))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}
