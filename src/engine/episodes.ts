// Episodes (docs/semantics.md section 4, "Episodes"): the stretches that burnt budget. A bucket burns when its own burn
// rate (bad_i / total_i) / (1 - target) exceeds `minBurnRate` (1x); an episode is a maximal run of burning buckets, runs
// merged across quiet or no-data gaps of at most `mergeGapMs`, never across an excluded bucket (exclusions are never
// part of an episode). budgetShare = bad(episode) / allowedBad, the period's allowance of bad events.
import type { Exclusion } from '../slo/types';
import { exclusionMask } from './exclusions';
import { bucketCount, type Buckets } from './types';

export interface Episode {
  /** The episode covers (start, end]: start is the start of its first burning bucket, end the end of its last. */
  start: number;
  end: number;
  /** Events inside (start, end], merged gaps included (no-data buckets count as 0). */
  bad: number;
  total: number;
  /** bad / the period's allowance of bad events; null when the allowance is not positive. */
  budgetShare: number | null;
  /** The highest per-bucket burn rate in the episode, and the end of that bucket. */
  peakBurnRate: number;
  peakAt: number;
}

export interface EpisodeOptions {
  /** A bucket burns when its burn rate is above this (default 1: faster than the pace that spends the budget). */
  minBurnRate?: number;
  /** Burning runs separated by at most this much quiet or no-data time are one episode (default 1 hour). */
  mergeGapMs?: number;
  /**
   * The period's allowance of bad events, (1 - target) x the period's events. Default: (1 - target) x the events of
   * the buckets given, exclusions removed (exact when the buckets tile a complete period).
   */
  allowedBad?: number;
  exclusions?: readonly Exclusion[];
}

export const DEFAULT_EPISODE_MERGE_GAP_MS = 3_600_000;

/** The budget-burning episodes of `b`, oldest first. */
export function findEpisodes(b: Buckets, target: number, opts: EpisodeOptions = {}): Episode[] {
  const n = bucketCount(b);
  const e = 1 - target;
  const minBurnRate = opts.minBurnRate ?? 1;
  const mergeGapMs = opts.mergeGapMs ?? DEFAULT_EPISODE_MERGE_GAP_MS;
  const excluded = exclusionMask(b, n, opts.exclusions ?? []);
  let allowedBad = opts.allowedBad;
  if (allowedBad === undefined) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += !excluded[i] && b.total[i] === b.total[i] ? b.total[i] : 0;
    }
    allowedBad = e * total;
  }
  const rateOf = (i: number): number => {
    const total = b.total[i];
    const bad = b.bad[i];
    // NaN fails every comparison: no data never burns.
    return total > 0 && bad === bad ? bad / total / e : NaN;
  };

  const episodes: Episode[] = [];
  let open: { first: number; last: number } | undefined;
  const close = () => {
    if (!open) {
      return;
    }
    let bad = 0;
    let total = 0;
    let peak = -Infinity;
    let peakIdx = open.first;
    for (let i = open.first; i <= open.last; i++) {
      bad += b.bad[i] === b.bad[i] ? b.bad[i] : 0;
      total += b.total[i] === b.total[i] ? b.total[i] : 0;
      const r = rateOf(i);
      if (r > peak) {
        peak = r;
        peakIdx = i;
      }
    }
    const end = b.firstEnd + open.last * b.step;
    episodes.push({
      start: b.firstEnd + (open.first - 1) * b.step,
      end,
      bad,
      total,
      budgetShare: allowedBad! > 0 ? bad / allowedBad! : null,
      peakBurnRate: peak,
      peakAt: b.firstEnd + peakIdx * b.step,
    });
    open = undefined;
  };
  for (let i = 0; i < n; i++) {
    if (excluded[i]) {
      close();
      continue;
    }
    if (!(rateOf(i) > minBurnRate)) {
      continue;
    }
    // A burning bucket: extend the open episode when the quiet time since its last burning bucket is short enough.
    if (open && (i - open.last - 1) * b.step <= mergeGapMs) {
      open.last = i;
    } else {
      close();
      open = { first: i, last: i };
    }
  }
  close();
  return episodes;
}
