// Rendering SLO statuses for people (an aligned table, diagnostics under it) and for programs (JSON with fractions,
// whole event counts and RFC3339). The figures' words and numbers come from the one formatting module,
// src/shared/format.ts.
import { budgetAsTime } from '../engine';
import type { SloStatus } from '../query';
import {
  budgetLeftShort,
  answeredByText,
  diagnosticText,
  exhaustionJson,
  exhaustionText,
  formatBurnRate,
  formatPercent,
  formatRfc3339Utc,
  groupName,
  NO_DATA_TEXT,
  policyText,
  policyState,
  sliDecimals,
  wholeEvents,
  windowLabel,
} from '../shared/format';
import type { SloSpec } from '../slo/types';

export { exhaustionJson, isoDuration } from '../shared/format';

/** The parts of an SLO the table shows besides its status. */
export type TableSpec = Pick<SloSpec, 'objective' | 'window' | 'policy'> & Partial<Pick<SloSpec, 'name'>>;

export function statusJson(s: SloStatus): Record<string, unknown> {
  const total = wholeEvents(s.total);
  const bad = wholeEvents(s.bad);
  const out: Record<string, unknown> = {
    id: s.id,
    window: { start: formatRfc3339Utc(s.window.start), end: formatRfc3339Utc(s.window.end) },
    good: total === null || bad === null ? null : total - bad,
    bad,
    total,
    sli: s.sli,
    remaining: s.remaining,
    consumed: s.consumed,
    burnRates: s.burnRates,
    timeToExhaustion: exhaustionJson(s.timeToExhaustion),
    policy: s.policy?.name ?? null,
    diagnostics: s.diagnostics.map((d) => ({
      kind: d.kind,
      ...(d.counter ? { counter: d.counter } : {}),
      message: d.message,
    })),
  };
  if (s.burndown) {
    out.burndown = {
      remaining: s.burndown.remaining,
      allowedBad: wholeEvents(s.burndown.allowedBad),
      usedBad: wholeEvents(s.burndown.usedBad),
      forecastTotal: wholeEvents(s.burndown.forecastTotal),
    };
  }
  if (Object.keys(s.group).length > 0) {
    out.group = s.group;
  }
  if (s.answeredBy) {
    out.mode = s.answeredBy.mode;
    out.modeReason = s.answeredBy.reason;
  }
  return out;
}

const cell = (text: string) => (text === NO_DATA_TEXT ? '-' : text);

/** The mark of a BUDGET LEFT cell that shows the burn-down, explained under the table. */
const BURNDOWN_MARK = '*';

export const STATUS_TABLE_FOOTNOTE =
  `${BURNDOWN_MARK} burn-down: the share of the period's estimated allowance of bad events left (calendar and fixed ` +
  `windows; "remaining" in JSON is the budget if the period ended now). Other rows: the budget over the window. ` +
  `BUDGET AS TIME: full outage the budget left allows.`;

/**
 * One row per status (labelled by the SLO's name), then a footnote and the diagnostics (by id). `specs` gives each
 * SLO's name, objective, window and policy levels by id (an SLO without policy levels reads "No policy" rather than "OK").
 */
export function statusTable(statuses: readonly SloStatus[], specs: ReadonlyMap<string, TableSpec>): string {
  const header = [
    'SLO',
    'OBJECTIVE',
    'WINDOW',
    'SLI',
    'BUDGET LEFT',
    'AS TIME',
    'BURN 1h',
    '6h',
    '1d',
    '3d',
    'EXHAUSTION',
    'POLICY',
  ];
  const names: string[] = [];
  const rows = statuses.map((s) => {
    const spec = specs.get(s.id);
    const group = groupName(s.group, ',');
    const braces = group ? `{${group}}` : '';
    // People read the SLO's name (its id where it has none); diagnostics under the table keep the id to grep for.
    const id = `${spec?.name || s.id}${braces}`;
    names.push(`${s.id}${braces}`);
    const objective = spec ? formatPercent(spec.objective, sliDecimals(spec.objective) - 1) : '-';
    const window = spec ? windowLabel(spec.window, s.windowMs) : '-';
    const stale = s.diagnostics.some((d) => d.kind === 'stale');
    const state = policyState(spec?.policy ?? [], s.policy, s.noData);
    // Stale data is never shown as healthy: "Stale" instead of "OK" or "Not burning" (the reason is under the table).
    const policy = stale && state.kind !== 'active' ? 'Stale' : policyText(state);
    if (s.noData) {
      return [id, objective, window, NO_DATA_TEXT, NO_DATA_TEXT, '-', '-', '-', '-', '-', '-', policy];
    }
    const rate = (name: string) => cell(formatBurnRate(s.burnRates[name] ?? null, 2, true));
    const bd = s.burndown;
    const left = bd ? `${formatPercent(bd.remaining, 2)}${BURNDOWN_MARK}` : formatPercent(s.remaining, 2);
    const asTime =
      bd && spec
        ? budgetLeftShort(budgetAsTime(spec.objective, s.windowMs, bd.remaining))
        : budgetLeftShort(s.budgetAsTime);
    return [
      id,
      objective,
      window,
      cell(formatPercent(s.sli, 3)),
      left,
      cell(asTime),
      rate('1h'),
      rate('6h'),
      rate('1d'),
      rate('3d'),
      stale ? 'Stale' : cell(exhaustionText(s.timeToExhaustion).text),
      policy + (s.partial ? ' (partial data)' : ''),
    ];
  });
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const numeric = new Set([1, 3, 4, 5, 6, 7, 8, 9]);
  const table = all.map((r) =>
    r
      .map((text, c) => (numeric.has(c) ? text.padStart(widths[c]) : text.padEnd(widths[c])))
      .join('  ')
      .trimEnd()
  );
  const out = [...table];
  if (statuses.some((s) => s.burndown && !s.noData)) {
    out.push('', STATUS_TABLE_FOOTNOTE);
  }
  const diagnostics = statuses.flatMap((s, i) => s.diagnostics.map((d) => `  ${names[i]}: ${diagnosticText(d)}`));
  if (diagnostics.length > 0) {
    out.push('', 'diagnostics:', ...diagnostics);
  }
  // Recorded mode (docs/recorded-mode.md): which data answered, once per SLO.
  const modes = [
    ...new Set(statuses.flatMap((s, i) => (s.answeredBy ? [`  ${names[i]}: ${answeredByText(s.answeredBy)}`] : []))),
  ];
  if (modes.length > 0) {
    out.push('', 'mode:', ...modes);
  }
  return out.join('\n');
}
