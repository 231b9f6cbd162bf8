// Split counts (docs/semantics.md section 8, "Split counts"): the exact count over (start, end] is the sum of counts
// over consecutive pieces (start, a] + (a, s] + (s, end], where a and s are aligned instants (multiples of `alignMs`,
// at least `settleMs` old). The middle piece (a, s] lies wholly in the settled past, so it is read once and cached;
// the head (start, a] and the tail (s, end] are read fresh. A split point p loses nothing when every series has a
// sample within `probeMs` before p and within `probeMs` after p (not inside a scrape gap) and no counter reset lies in
// [p - probeMs, p + probeMs] (a reset between the two samples around p would be seen by neither piece): then each
// piece's increase reaches p from the sample next to it, and the pieces add up to the unsplit increase.
import type { TimeRange } from './windows';

/** Split points are whole hours (UTC epoch multiples): stable for an hour, so a refresh finds the same pieces. */
export const SPLIT_ALIGN_MS = 3_600_000;
/** Data younger than this may still change (late scrapes, rule evaluations): never cached. */
export const SETTLE_MS = 15 * 60_000;
/** How near a split point a sample must be on each side (two 60 s scrape intervals). */
export const SPLIT_PROBE_MS = 120_000;

export interface SplitOptions {
  /** "Now": what is older than now - settleMs is settled. */
  now: number;
  settleMs?: number;
  alignMs?: number;
}

/** How one range is read: a settled middle (cacheable) between fresh pieces, and the split points to validate. */
export interface SplitPlan {
  /** Pieces read fresh every time (the head before the first split point, the tail after the last one). */
  fresh: TimeRange[];
  /** The settled piece between the split points, or null when the range has none worth caching. */
  settled: TimeRange | null;
  /** Split points inside the range whose safety must be known before the pieces may be added up. */
  points: number[];
}

/**
 * Where to split `range`: a = the first aligned instant >= start, s = the last aligned instant <= min(end, now -
 * settleMs). A range that ends in the settled past is one settled piece; one with no aligned instants a < s inside it
 * is one fresh piece. Split points that equal the range's own ends need no check.
 */
export function splitRange(range: TimeRange, opts: SplitOptions): SplitPlan {
  const settleMs = opts.settleMs ?? SETTLE_MS;
  const align = opts.alignMs ?? SPLIT_ALIGN_MS;
  const settledUntil = opts.now - settleMs;
  if (range.end <= range.start) {
    return { fresh: [range], settled: null, points: [] };
  }
  if (range.end <= settledUntil) {
    return { fresh: [], settled: range, points: [] };
  }
  const a = Math.ceil(range.start / align) * align;
  const s = Math.floor(Math.min(range.end, settledUntil) / align) * align;
  if (s <= a) {
    return { fresh: [range], settled: null, points: [] };
  }
  const fresh: TimeRange[] = [];
  const points: number[] = [];
  if (a > range.start) {
    fresh.push({ start: range.start, end: a });
    points.push(a);
  }
  if (s < range.end) {
    fresh.push({ start: s, end: range.end });
    points.push(s);
  }
  return { fresh, settled: { start: a, end: s }, points };
}

/** The settled middles of ranges that reach the present are cut at whole UTC days in the last two weeks... */
export const CUT_DAY_MS = 86_400_000;
/** ...and at whole weeks (epoch multiples) before that: few pieces, and each stays the same for a week or forever. */
export const CUT_WEEK_MS = 7 * CUT_DAY_MS;

/**
 * Where a settled middle (a, s] is cut so that ranges sharing it share its pieces (docs/semantics.md section 8, "Split
 * counts"): the epoch multiples of a week up to the week before s's, then every day. The cuts depend only on s and a,
 * so the window and every lookback that ends at the same time are made of the same pieces (a lookback shorter than a
 * week starts in the day-cut zone, so its own piece before the first cut is under a day), and as time goes on only
 * the piece after the last cut changes every hour; the others change daily (the last day) or never.
 */
export function settledCuts(middle: TimeRange): number[] {
  const zone = Math.floor(middle.end / CUT_WEEK_MS) * CUT_WEEK_MS - CUT_WEEK_MS;
  const cuts: number[] = [];
  for (let w = Math.floor(middle.start / CUT_WEEK_MS) * CUT_WEEK_MS + CUT_WEEK_MS; w <= zone; w += CUT_WEEK_MS) {
    if (w > middle.start) {
      cuts.push(w);
    }
  }
  const from = Math.max(middle.start, zone);
  for (let d = Math.floor(from / CUT_DAY_MS) * CUT_DAY_MS + CUT_DAY_MS; d < middle.end; d += CUT_DAY_MS) {
    cuts.push(d);
  }
  return cuts;
}

/** What the samples around a split point p say, for one counter (counts of series). */
export interface SplitProbe {
  /** Series with a sample in [p - probeMs, p + probeMs]. */
  around: number;
  /** Of those, series without a sample in [p - probeMs, p] or in [p, p + probeMs], or with a reset in the span. */
  unsafe: number;
}

/**
 * Whether splitting at p loses nothing: some series are there, every one of them has samples on both sides of p, and
 * none resets near p. No sample around p at all (a scrape gap, or before the data) is unsafe: the pieces could not
 * bridge it.
 */
export function isSafeSplit(p: SplitProbe): boolean {
  return p.around > 0 && p.unsafe === 0;
}

/** One piece of a range composed from per-step buckets: a bucket taken as read, or a run read as one count. */
export interface ComposedPiece extends TimeRange {
  /** true: buckets joined by unsafe edges, to be read as one exact count; false: the one bucket's own value. */
  read: boolean;
}

/**
 * A range made of per-step buckets (docs/semantics.md section 8, "Split counts"): the buckets between consecutive
 * `edges` (the range's own ends first and last) add up to the range's count wherever each inner edge is a safe split
 * point (isSafeSplit), since a bucket is then an increase split at its edges. Buckets joined by an unsafe edge form one
 * piece to read whole, as a split count does around an unsafe point.
 */
export function composePieces(edges: readonly number[], safe: (edge: number) => boolean): ComposedPiece[] {
  const out: ComposedPiece[] = [];
  for (let i = 1; i < edges.length; i++) {
    const last = out[out.length - 1];
    if (last && !safe(edges[i - 1])) {
      last.end = edges[i];
      last.read = true;
    } else {
      out.push({ start: edges[i - 1], end: edges[i], read: false });
    }
  }
  return out;
}
