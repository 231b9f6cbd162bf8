// Loading a report's figures (docs/reports.md): each SLO over each period is the SLO with its window replaced by the
// fixed window (start, end], evaluated by the one status service at the period's end (or now, for a period under way),
// so a report's final SLI is the figure every other surface shows for that window. Occurrence SLOs also read per-step
// buckets over the period (and the alert tiers' lookbacks before it) for episodes, policy levels and alert firings.
import { evaluateAll, groupKey, loadBudgetChart, type PromClient, type SloStatus } from '../query';
import type { FetchOptions } from '../query/fetch';
import { alertPlan, forDurationMs } from '../rules/alertPlan';
import type { SloSpec } from '../slo/types';
import { periodHistory, type PeriodHistory, type RuleTier } from './history';
import type { ReportPeriod } from './period';

/** Finer buckets than this cost more than they tell a review (episodes are read to within one bucket). */
export const REPORT_STEP_MS = 5 * 60_000;

export interface GroupResult {
  status: SloStatus;
  /** Absent for SLOs whose history is not read (see `historyNote`). */
  history?: PeriodHistory;
}

export interface SloPeriodResult {
  spec: SloSpec;
  period: ReportPeriod;
  /** False while the period is under way: figures are up to `evaluatedAt`. */
  complete: boolean;
  evaluatedAt: number;
  groups: GroupResult[];
  /** Why there is no history (episodes, policy time, alerts) for this SLO. */
  historyNote?: string;
  error?: string;
}

export interface LoadReportOptions extends FetchOptions {
  now: number;
  /** Read buckets for episodes, policy levels and alerts (default true). */
  history?: boolean;
  concurrency?: number;
}

function overPeriod(spec: SloSpec, p: ReportPeriod): SloSpec {
  return { ...spec, window: { kind: 'fixed', from: p.start, to: p.end } };
}

function historyUnsupported(spec: SloSpec): string | undefined {
  if (spec.indicator.kind === 'composite') {
    return 'a composite: its components have their own episodes';
  }
  if (spec.budgetingMethod === 'timeslices') {
    return 'timeslice SLOs: episodes, policy time and alerts are read for occurrence-based SLOs';
  }
  if (spec.indicator.kind === 'threshold') {
    return 'threshold indicators: episodes, policy time and alerts are read for occurrence-based SLOs';
  }
  return undefined;
}

/**
 * The tiers of the SLO's generated rules (`burndown rules`), scaled to its own window: the enabled severities, or both
 * when the SLO has alerting off (the report then says what the rules would have done had they been deployed).
 */
export function ruleTiers(spec: SloSpec): RuleTier[] {
  const enabled = spec.alerting.page || spec.alerting.ticket;
  const plan = alertPlan(enabled ? spec : { ...spec, alerting: { ...spec.alerting, page: true, ticket: true } });
  return plan.tiers.map((t) => ({ ...t, forMs: forDurationMs(t) }));
}

/** The longest lookback the tiers and the policy read, so the buckets start early enough for both. */
function lookbackMs(spec: SloSpec, tiers: readonly RuleTier[]): number {
  const policy = spec.policy.flatMap((l) => (l.burnRate ? [l.burnRate.windowMs] : []));
  return Math.max(0, ...tiers.map((t) => t.longMs), ...policy);
}

async function loadHistory(
  client: PromClient,
  spec: SloSpec,
  p: ReportPeriod,
  now: number,
  opts: FetchOptions
): Promise<Map<string, PeriodHistory>> {
  const fixed = overPeriod(spec, p);
  const tiers = ruleTiers(spec);
  const from = p.start - lookbackMs(spec, tiers);
  const to = Math.min(p.end, now);
  const chart = await loadBudgetChart(
    client,
    fixed,
    { from, to, now, targetBuckets: Math.ceil((to - from) / REPORT_STEP_MS) },
    opts
  );
  const out = new Map<string, PeriodHistory>();
  for (const g of chart.groups) {
    out.set(
      g.key,
      periodHistory({
        buckets: g.buckets,
        target: spec.objective,
        period: { start: p.start, end: to },
        exclusions: spec.exclusions,
        policy: spec.policy,
        tiers,
        minBadEvents: spec.alerting.minBadEvents,
        samples: g.samples,
      })
    );
  }
  return out;
}

/**
 * Every SLO over one period. `slos` are the SLOs reported; `all` every SLO composites may name. Periods may differ per
 * SLO (relative periods follow each SLO's calendar): `periodOf` gives each SLO's.
 */
export async function loadPeriod(
  client: PromClient,
  slos: readonly SloSpec[],
  all: readonly SloSpec[],
  periodOf: (spec: SloSpec) => ReportPeriod,
  opts: LoadReportOptions
): Promise<SloPeriodResult[]> {
  // SLOs that share a period are evaluated together, so composites reuse their components' statuses.
  const byRange = new Map<string, SloSpec[]>();
  for (const s of all) {
    const p = periodOf(s);
    const key = `${p.start}/${p.end}`;
    byRange.set(key, [...(byRange.get(key) ?? []), s]);
  }
  const results = new Map<string, SloPeriodResult>();
  const wanted = new Set(slos.map((s) => s.id));
  for (const members of byRange.values()) {
    const p = periodOf(members[0]);
    const reported = members.filter((s) => wanted.has(s.id));
    if (reported.length === 0) {
      continue;
    }
    const t = Math.min(p.end, opts.now);
    if (t <= p.start) {
      for (const spec of reported) {
        results.set(spec.id, {
          spec,
          period: p,
          complete: false,
          evaluatedAt: t,
          groups: [],
          error: `the period ${p.label} has not started yet`,
        });
      }
      continue;
    }
    // A composite's components are read over the composite's period.
    const evaluations = await evaluateAll(
      client,
      reported.map((s) => overPeriod(s, p)),
      t,
      { ...opts, all: all.map((s) => overPeriod(s, p)) }
    );
    await Promise.all(
      evaluations.map(async (ev, i) => {
        const spec = reported[i];
        const base = { spec, period: p, complete: p.end <= opts.now, evaluatedAt: t };
        if ('error' in ev) {
          results.set(spec.id, { ...base, groups: [], error: messageOf(ev.error) });
          return;
        }
        const note = historyUnsupported(spec);
        let histories: Map<string, PeriodHistory> | undefined;
        let historyNote = note;
        if (!note && opts.history !== false) {
          try {
            histories = await loadHistory(client, spec, p, opts.now, opts);
          } catch (e) {
            historyNote = `episodes, policy time and alerts could not be read: ${messageOf(e)}`;
          }
        }
        const groups = ev.statuses.map((status) => ({
          status,
          history: histories?.get(groupKey(status.group, spec.groupBy)),
        }));
        if (histories && groups.some((g) => !g.history)) {
          // The exact counts found events the range queries did not: never report that as a quiet period.
          historyNote = 'the range queries returned no per-step data for the period';
        }
        results.set(spec.id, { ...base, historyNote, groups });
      })
    );
  }
  return slos.map((s) => results.get(s.id)!);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
