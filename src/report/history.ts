// What happened inside a past period, from per-step buckets (docs/reports.md, docs/semantics.md sections 4-5):
// budget-burning episodes (engine/episodes.ts), how long each policy level was active, when the generated alert tiers
// would have fired, and how much of the period had no data. The buckets may start before the period (the alert tiers'
// lookbacks need up to 3 days before it); only bucket ends inside (start, end] are reported.
//
// Policy levels over a complete period follow the burn-down with the period's exact allowance,
// 1 - bad(start, t] / ((1 - target) x total(start, end]): what the burn-down showed with a perfect forecast.
import type { BurnRateTier, Severity } from '../engine/alertWindows';
import { findEpisodes, type Episode } from '../engine/episodes';
import { activePolicyLevel } from '../engine/policy';
import { prefixSums } from '../engine/prefix';
import { burnRateSeries } from '../engine/series';
import { bucketCount, type Buckets } from '../engine/types';
import type { Exclusion, PolicyLevel } from '../slo/types';

export interface PolicySpan {
  level: string;
  /** Bucket time the level was active, in ms. */
  activeMs: number;
  /** End of the first bucket it was active in. */
  firstAt: number;
}

/** A tier of the generated alert rules (src/rules): its condition must hold for `forMs` before it fires. */
export interface RuleTier extends BurnRateTier {
  forMs: number;
}

export interface AlertFiring {
  severity: Severity;
  /** The tier: factor (scaled to the SLO's window, as the rules are) over its long and short windows. */
  factor: number;
  longMs: number;
  shortMs: number;
  /**
   * When it would have fired: `forMs` after the start of the first bucket its condition held in; until the end of the
   * last such bucket. Read at the buckets' step, so within one step of what Prometheus would have done.
   */
  start: number;
  end: number;
}

export interface PeriodHistory {
  episodes: Episode[];
  policy: PolicySpan[];
  alerts: AlertFiring[];
  /** Time inside the period whose buckets hold no sample of total (not excluded). */
  noDataMs: number;
  step: number;
}

export interface HistoryInput {
  buckets: Buckets;
  target: number;
  period: { start: number; end: number };
  exclusions: readonly Exclusion[];
  policy: readonly PolicyLevel[];
  /** The alert tiers the SLO's generated rules carry. */
  tiers: readonly RuleTier[];
  /** The rules' guard: no burn alert while the long window holds fewer bad events than this. */
  minBadEvents?: number;
  /** Raw samples of total per bucket: a bucket with none had no data even where reconciliation filled it. */
  samples?: ArrayLike<number>;
}

/** Indices of the buckets whose end lies in (start, end]. */
function periodIndices(b: Buckets, start: number, end: number): { lo: number; hi: number } {
  const n = bucketCount(b);
  const lo = Math.max(0, Math.ceil((start + 1 - b.firstEnd) / b.step));
  const hi = Math.min(n, Math.floor((end - b.firstEnd) / b.step) + 1);
  return { lo, hi: Math.max(lo, hi) };
}

function subBuckets(b: Buckets, lo: number, hi: number): Buckets {
  return { firstEnd: b.firstEnd + lo * b.step, step: b.step, bad: b.bad.slice(lo, hi), total: b.total.slice(lo, hi) };
}

export function periodHistory(x: HistoryInput): PeriodHistory {
  const b = x.buckets;
  const { lo, hi } = periodIndices(b, x.period.start, x.period.end);
  const inPeriod = subBuckets(b, lo, hi);
  const p = prefixSums(b, x.exclusions);
  const allowedBad = (1 - x.target) * (p.total[hi] - p.total[lo]);

  const episodes = findEpisodes(inPeriod, x.target, { allowedBad, exclusions: x.exclusions });

  // Burn rates over every lookback the policy and the tiers read, computed once per lookback.
  const rates = new Map<number, Float64Array>();
  const rateAt = (lookbackMs: number, i: number): number | null => {
    let s = rates.get(lookbackMs);
    if (!s) {
      s = burnRateSeries(b, lookbackMs, x.target, x.exclusions, p);
      rates.set(lookbackMs, s);
    }
    const v = s[i];
    return v === v ? v : null;
  };

  const policy = new Map<string, PolicySpan>();
  const tiers = x.tiers;
  const firing: Array<{ first: number; last: number } | undefined> = tiers.map(() => undefined);
  const alerts: AlertFiring[] = [];
  const closeAlert = (k: number) => {
    const f = firing[k];
    const t = tiers[k];
    const from = f ? b.firstEnd + (f.first - 1) * b.step : 0;
    const to = f ? b.firstEnd + f.last * b.step : 0;
    // A condition that held for less than `for` never fired.
    if (f && to - from > t.forMs) {
      alerts.push({
        severity: t.severity,
        factor: t.factor,
        longMs: t.longMs,
        shortMs: t.shortMs,
        start: from + t.forMs,
        end: to,
      });
    }
    firing[k] = undefined;
  };
  let noDataMs = 0;
  for (let i = lo; i < hi; i++) {
    const end = b.firstEnd + i * b.step;
    const sampled = x.samples ? x.samples[i] > 0 : b.total[i] === b.total[i];
    if (!sampled && !p.excluded[i]) {
      noDataMs += b.step;
    }
    const burndown = allowedBad > 0 ? 1 - (p.bad[i + 1] - p.bad[lo]) / allowedBad : null;
    const level = activePolicyLevel(x.policy, burndown, (ms) => rateAt(ms, i));
    if (level) {
      const span = policy.get(level.name);
      if (span) {
        span.activeMs += b.step;
      } else {
        policy.set(level.name, { level: level.name, activeMs: b.step, firstAt: end });
      }
    }
    tiers.forEach((t, k) => {
      const long = rateAt(t.longMs, i);
      const short = rateAt(t.shortMs, i);
      const width = Math.ceil(t.longMs / b.step);
      const enough = !x.minBadEvents || p.bad[i + 1] - p.bad[Math.max(0, i + 1 - width)] >= x.minBadEvents;
      if (long !== null && short !== null && long > t.factor && short > t.factor && enough) {
        const f = firing[k];
        if (f && f.last === i - 1) {
          f.last = i;
        } else {
          closeAlert(k);
          firing[k] = { first: i, last: i };
        }
      } else {
        closeAlert(k);
      }
    });
  }
  tiers.forEach((_, k) => closeAlert(k));
  alerts.sort((a, c) => a.start - c.start || a.factor - c.factor);
  // Levels in the order the SLO file lists them (mildest first).
  const order = x.policy.map((l) => l.name);
  const spans = [...policy.values()].sort((a, c) => order.indexOf(a.level) - order.indexOf(c.level));
  return { episodes, policy: spans, alerts, noDataMs, step: b.step };
}
