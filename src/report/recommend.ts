// Recommendations (docs/reports.md): rules on a report's figures, each returned with the figures that triggered it so
// a review can check it. Pure: the thresholds below are the whole logic.
import type { ReportSlo } from './model';

export type RecommendationKind =
  /** Met with most of the budget unused, period after period: the objective asks less than the service gives. */
  | 'review-objective'
  /** Missed in most periods: the objective asks more than the service gives. */
  | 'loosen-or-invest'
  /** The policy went past its first level, or the budget ran out. */
  | 'invest-in-reliability'
  /** Budget burnt in an episode while no generated alert would have fired. */
  | 'alerting-missed-burn'
  /** Alerts would have fired on episodes that cost little of the budget. */
  | 'alerting-noisy'
  /** Part of the period had no data, or the data had problems. */
  | 'fix-data';

export interface Recommendation {
  id: string;
  kind: RecommendationKind;
  /** The period it concerns (the last of a run for the trend rules). */
  period: string;
  message: string;
  /** The numbers behind it (fractions as numbers, durations in seconds). */
  figures: Record<string, number | string>;
}

/** Budget left above this in every one of REVIEW_PERIODS complete periods running suggests reviewing the objective. */
export const REVIEW_MIN_LEFT = 0.9;
export const REVIEW_PERIODS = 3;
/** An episode costing at least this share of the budget should have alerted. */
export const MISSED_BURN_SHARE = 0.05;
/** An alert whose episodes together cost less than this share is noise. */
export const NOISY_ALERT_SHARE = 0.01;
/** No data for more than this share of a period is worth fixing. */
export const NO_DATA_SHARE = 0.01;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function overlaps(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);
}

/** `history` holds one SLO's rows over consecutive periods, oldest first. */
function forSlo(history: readonly ReportSlo[]): Recommendation[] {
  const out: Recommendation[] = [];
  const last = history[history.length - 1];
  if (!last || last.error) {
    return out;
  }
  const id = last.id;

  const complete = history.filter((h) => h.complete && !h.error);
  const run = complete.slice(-REVIEW_PERIODS);
  if (
    run.length === REVIEW_PERIODS &&
    run.every((h) => h.met === true && h.budgetRemaining !== null && h.budgetRemaining > REVIEW_MIN_LEFT)
  ) {
    out.push({
      id,
      kind: 'review-objective',
      period: run[run.length - 1].period.label,
      message:
        `met with more than ${pct(REVIEW_MIN_LEFT)} of the budget left in ${run.length} periods running: keep the ` +
        `objective and spend the budget on change, or raise it if users need more`,
      figures: Object.fromEntries(run.map((h) => [`budgetRemaining ${h.period.label}`, h.budgetRemaining!])),
    });
  }
  const missed = complete.filter((h) => h.met === false);
  if (complete.length >= 2 && missed.length * 2 > complete.length) {
    out.push({
      id,
      kind: 'loosen-or-invest',
      period: last.period.label,
      message:
        `missed in ${missed.length} of ${complete.length} periods: the objective ${pct(last.objective)} asks more ` +
        `than the service gives; invest in reliability, or loosen the objective to what users accept`,
      figures: Object.fromEntries(complete.map((h) => [`sli ${h.period.label}`, h.sli ?? 'no data'])),
    });
  }

  // The rules below read the last period only.
  const severe = last.policy.filter((p) => p.level !== firstLevelName(last));
  if ((last.budgetUsed !== null && last.budgetUsed >= 1) || severe.length > 0) {
    const figures: Record<string, number | string> = {};
    if (last.budgetUsed !== null) {
      figures.budgetUsed = last.budgetUsed;
    }
    for (const p of severe) {
      figures[`${p.level} activeSeconds`] = p.activeSeconds;
    }
    out.push({
      id,
      kind: 'invest-in-reliability',
      period: last.period.label,
      message:
        last.budgetUsed !== null && last.budgetUsed >= 1
          ? `the budget ran out (${pct(last.budgetUsed)} used): invest in reliability before new features`
          : `the policy reached ${severe.map((p) => p.level).join(', ')}: invest in reliability before new features`,
      figures,
    });
  }
  for (const e of last.episodes) {
    if (e.budgetShare !== null && e.budgetShare >= MISSED_BURN_SHARE && !last.alerts.some((a) => overlaps(a, e))) {
      out.push({
        id,
        kind: 'alerting-missed-burn',
        period: last.period.label,
        message:
          `an episode from ${e.start} to ${e.end} cost ${pct(e.budgetShare)} of the budget and no alert would have ` +
          `fired: look at the alert tiers or the minimum number of bad events`,
        figures: { budgetShare: e.budgetShare, bad: e.bad, peakBurnRate: e.peakBurnRate, start: e.start, end: e.end },
      });
    }
  }
  // Alerts whose overlapping episodes cost little, or that overlap none.
  const cheap = last.alerts.filter((a) => {
    const cost = last.episodes.filter((e) => overlaps(a, e)).reduce((s, e) => s + (e.budgetShare ?? 0), 0);
    return cost < NOISY_ALERT_SHARE;
  });
  if (cheap.length > 0) {
    out.push({
      id,
      kind: 'alerting-noisy',
      period: last.period.label,
      message:
        `${cheap.length} alert firing(s) on episodes that cost less than ${pct(NOISY_ALERT_SHARE)} of the budget: ` +
        `consider alerting.minBadEvents or a longer short window`,
      figures: { firings: cheap.length, first: cheap[0].start, severity: cheap[0].severity },
    });
  }
  const periodSeconds = (Date.parse(last.period.end) - Date.parse(last.period.start)) / 1000;
  const dataProblems = last.diagnostics.filter((d) => d.kind !== 'partial');
  if (last.noDataSeconds > NO_DATA_SHARE * periodSeconds || dataProblems.length > 0 || last.sli === null) {
    out.push({
      id,
      kind: 'fix-data',
      period: last.period.label,
      message:
        last.sli === null
          ? 'no data for the whole period: fix the queries or the scraping'
          : dataProblems.length > 0
          ? `the data had problems: ${dataProblems.map((d) => d.message).join('; ')}`
          : `no data for ${pct(last.noDataSeconds / periodSeconds)} of the period: fix scraping or retention`,
      figures: { noDataSeconds: last.noDataSeconds, diagnostics: dataProblems.length },
    });
  }
  return out;
}

/** The first (mildest) policy level the SLO lists: reaching it alone is not a reason to invest. */
function firstLevelName(row: ReportSlo): string | undefined {
  return row.policyLevels[0];
}

/** Recommendations for every SLO; `bySlo[i]` is one SLO's rows over the report's periods, oldest first. */
export function recommend(bySlo: ReadonlyArray<readonly ReportSlo[]>): Recommendation[] {
  return bySlo.flatMap(forSlo);
}
