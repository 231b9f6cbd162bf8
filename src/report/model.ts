// The report as data (docs/reports.md): what `--output json` prints, and what the Markdown, CSV and HTML renderers
// read. Times are RFC3339, fractions are numbers (0.999, not 99.9), durations are seconds.
import type { Diagnostic } from '../engine/status';
import { formatRfc3339 } from '../slo/rfc3339';
import type { SloSpec } from '../slo/types';
import { describeWindow } from '../shared/format';
import type { GroupResult, SloPeriodResult } from './load';
import type { ReportPeriod } from './period';
import { recommend, type Recommendation } from './recommend';

/** How many of the worst episodes the Markdown and HTML reports list per SLO and period (JSON holds all). */
export const WORST_EPISODES = 5;

export interface ReportEpisode {
  start: string;
  end: string;
  durationSeconds: number;
  bad: number;
  /** Share of the period's allowance of bad events; null when the period had no allowance. */
  budgetShare: number | null;
  peakBurnRate: number;
  /** Label values of the group it happened in ({} for an ungrouped SLO). */
  group: Record<string, string>;
}

export interface ReportAlert {
  severity: 'page' | 'ticket';
  factor: number;
  longWindowSeconds: number;
  shortWindowSeconds: number;
  start: string;
  end: string;
  group: Record<string, string>;
}

export interface ReportGroup {
  labels: Record<string, string>;
  met: boolean | null;
  sli: number | null;
  budgetUsed: number | null;
}

export interface ReportSlo {
  id: string;
  name: string;
  service: string | null;
  labels: Record<string, string>;
  window: string;
  period: { label: string; start: string; end: string };
  /** False while the period is under way: figures up to `evaluatedAt`. */
  complete: boolean;
  evaluatedAt: string;
  objective: number;
  /** sli >= objective; null without data (never counted as met). */
  met: boolean | null;
  sli: number | null;
  /** Share of the period's allowance consumed (section 8 exact counts); above 1 once the budget ran out. */
  budgetUsed: number | null;
  budgetRemaining: number | null;
  /** The unspent budget as time of full outage it would still allow; null without data. */
  budgetAsTimeSeconds: number | null;
  /** Events (slices for timeslice SLOs) over the period. */
  good: number | null;
  bad: number | null;
  total: number | null;
  unit: 'events' | 'slices';
  episodeCount: number;
  episodeSeconds: number;
  /** Every episode, oldest first. */
  episodes: ReportEpisode[];
  /** The SLO's policy levels, mildest first, and the time each was active in the period. */
  policyLevels: string[];
  policy: Array<{ level: string; activeSeconds: number; firstAt: string }>;
  /** Firings of the generated alert tiers over the period. */
  alerts: ReportAlert[];
  /** False when the SLO has alerting off: `alerts` are what the rules would have fired had they been deployed. */
  alertingEnabled: boolean;
  noDataSeconds: number;
  diagnostics: Diagnostic[];
  groups: ReportGroup[];
  /** Why episodes, policy time and alerts are absent for this SLO. */
  historyNote: string | null;
  error: string | null;
}

export interface ServiceSummary {
  service: string;
  period: string;
  slos: number;
  met: number;
  missed: number;
  /** SLOs without a verdict (no data, errors). */
  unknown: number;
  /** Good events / events over the service's occurrence SLOs; null without events. */
  eventCompliance: number | null;
}

export interface Report {
  /** The last period reported (the one the report is about); `periods` lists them all, oldest first. */
  period: { label: string; start: string; end: string };
  periods: Array<{ label: string; start: string; end: string }>;
  generatedAt: string;
  /** One entry per SLO and period, periods oldest first. */
  slos: ReportSlo[];
  services: ServiceSummary[];
  overall: ServiceSummary[];
  /** Per SLO, the verdict of each period (oldest first). */
  trend: Array<{ id: string; periods: Array<{ period: string; met: boolean | null; sli: number | null }> }>;
  recommendations: Recommendation[];
}

const seconds = (ms: number) => Math.round(ms / 1000);

function periodJson(p: ReportPeriod) {
  return { label: p.label, start: formatRfc3339(p.start), end: formatRfc3339(p.end) };
}

/** Sums of a grouped SLO's groups; one group's figures as they are. */
function totals(spec: SloSpec, groups: readonly GroupResult[]) {
  if (groups.length === 1) {
    const s = groups[0].status;
    return { good: s.good, bad: s.bad, total: s.total, sli: s.sli, consumed: s.consumed, remaining: s.remaining };
  }
  const withData = groups.filter((g) => g.status.total !== null && g.status.total > 0);
  if (withData.length === 0) {
    return { good: null, bad: null, total: null, sli: null, consumed: null, remaining: null };
  }
  const sum = (f: (s: GroupResult['status']) => number | null) => withData.reduce((a, g) => a + (f(g.status) ?? 0), 0);
  const bad = sum((s) => s.bad);
  const total = sum((s) => s.total);
  const consumed = bad / total / (1 - spec.objective);
  return { good: total - bad, bad, total, sli: 1 - bad / total, consumed, remaining: 1 - consumed };
}

export function reportSlo(r: SloPeriodResult): ReportSlo {
  const spec = r.spec;
  const t = totals(spec, r.groups);
  const groupMet = r.groups.map((g) => (g.status.sli === null ? null : g.status.sli >= spec.objective));
  // A grouped SLO is met when every group is; any group without a verdict leaves it without one unless one missed.
  const met = groupMet.includes(false) ? false : groupMet.length === 0 || groupMet.includes(null) ? null : true;
  const episodes: ReportEpisode[] = [];
  const alerts: ReportAlert[] = [];
  const policy = new Map<string, { level: string; activeSeconds: number; firstAt: number }>();
  let episodeMs = 0;
  let noDataMs = 0;
  for (const g of r.groups) {
    const h = g.history;
    if (!h) {
      continue;
    }
    noDataMs = Math.max(noDataMs, h.noDataMs);
    for (const e of h.episodes) {
      episodeMs += e.end - e.start;
      episodes.push({
        start: formatRfc3339(e.start),
        end: formatRfc3339(e.end),
        durationSeconds: seconds(e.end - e.start),
        bad: e.bad,
        budgetShare: e.budgetShare,
        peakBurnRate: e.peakBurnRate,
        group: g.status.group,
      });
    }
    for (const a of h.alerts) {
      alerts.push({
        severity: a.severity,
        factor: a.factor,
        longWindowSeconds: seconds(a.longMs),
        shortWindowSeconds: seconds(a.shortMs),
        start: formatRfc3339(a.start),
        end: formatRfc3339(a.end),
        group: g.status.group,
      });
    }
    for (const p of h.policy) {
      const known = policy.get(p.level);
      if (known) {
        known.activeSeconds = Math.max(known.activeSeconds, seconds(p.activeMs));
        known.firstAt = Math.min(known.firstAt, p.firstAt);
      } else {
        policy.set(p.level, { level: p.level, activeSeconds: seconds(p.activeMs), firstAt: p.firstAt });
      }
    }
  }
  const episodeCount = episodes.length;
  episodes.sort((a, b) => a.start.localeCompare(b.start));
  const order = spec.policy.map((l) => l.name);
  const budgetAsTime = r.groups.length === 1 ? r.groups[0].status.budgetAsTime : undefined;
  return {
    id: spec.id,
    name: spec.name,
    service: spec.service ?? null,
    labels: spec.labels,
    window: describeWindow(spec.window),
    period: periodJson(r.period),
    complete: r.complete,
    evaluatedAt: formatRfc3339(r.evaluatedAt),
    objective: spec.objective,
    met: r.error ? null : met,
    sli: t.sli,
    budgetUsed: t.consumed,
    budgetRemaining: t.remaining,
    budgetAsTimeSeconds: budgetAsTime?.remainingMs != null ? seconds(budgetAsTime.remainingMs) : null,
    good: t.good,
    bad: t.bad,
    total: t.total,
    unit: spec.budgetingMethod === 'timeslices' ? 'slices' : 'events',
    episodeCount,
    episodeSeconds: seconds(episodeMs),
    episodes,
    policyLevels: order,
    policy: [...policy.values()]
      .sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level))
      .map((p) => ({ ...p, firstAt: formatRfc3339(p.firstAt) })),
    alerts: alerts.sort((a, b) => a.start.localeCompare(b.start)),
    alertingEnabled: spec.alerting.page || spec.alerting.ticket,
    noDataSeconds: seconds(noDataMs),
    diagnostics: r.groups.flatMap((g) => g.status.diagnostics),
    groups:
      spec.groupBy.length === 0
        ? []
        : r.groups.map((g, i) => ({
            labels: g.status.group,
            met: groupMet[i],
            sli: g.status.sli,
            budgetUsed: g.status.consumed,
          })),
    historyNote: r.historyNote ?? null,
    error: r.error ?? null,
  };
}

function summarize(name: string, period: string, rows: readonly ReportSlo[]): ServiceSummary {
  const events = rows.filter((r) => r.unit === 'events' && r.total !== null && r.total > 0);
  const total = events.reduce((a, r) => a + r.total!, 0);
  const good = events.reduce((a, r) => a + r.good!, 0);
  return {
    service: name,
    period,
    slos: rows.length,
    met: rows.filter((r) => r.met === true).length,
    missed: rows.filter((r) => r.met === false).length,
    unknown: rows.filter((r) => r.met === null).length,
    eventCompliance: total > 0 ? good / total : null,
  };
}

/** `results[k]` holds every SLO over `periods[k]` (periods oldest first). */
export function buildReport(
  periods: readonly ReportPeriod[],
  results: readonly SloPeriodResult[][],
  now: number
): Report {
  const slos = results.flatMap((rs) => rs.map(reportSlo));
  const services: ServiceSummary[] = [];
  const overall: ServiceSummary[] = [];
  periods.forEach((p, k) => {
    const rows = slos.filter((_, i) => Math.floor(i / results[0].length) === k);
    overall.push(summarize('(all)', p.label, rows));
    const names = [...new Set(rows.map((r) => r.service ?? '(no service)'))].sort();
    for (const n of names) {
      services.push(
        summarize(
          n,
          p.label,
          rows.filter((r) => (r.service ?? '(no service)') === n)
        )
      );
    }
  });
  const ids = results[0]?.map((r) => r.spec.id) ?? [];
  const trend = ids.map((id) => ({
    id,
    periods: slos.filter((s) => s.id === id).map((s) => ({ period: s.period.label, met: s.met, sli: s.sli })),
  }));
  const last = periods[periods.length - 1];
  return {
    period: periodJson(last),
    periods: periods.map(periodJson),
    generatedAt: formatRfc3339(Math.floor(now / 1000) * 1000),
    slos,
    services,
    overall,
    trend,
    recommendations: recommend(ids.map((id) => slos.filter((s) => s.id === id))),
  };
}

/** The worst episodes of a row by budget share, for the human-readable outputs. */
export function worstEpisodes(row: ReportSlo, n = WORST_EPISODES): ReportEpisode[] {
  return [...row.episodes]
    .sort((a, b) => (b.budgetShare ?? 0) - (a.budgetShare ?? 0) || a.start.localeCompare(b.start))
    .slice(0, n);
}
