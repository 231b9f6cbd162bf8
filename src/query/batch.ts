// Batched exact counts (docs/semantics.md section 8): everything an SLO's status reads at t (the window and every
// burn-rate lookback, each for total and bad or good, each minus its excluded intervals) in ONE instant query. Each part
// is the same `sum(increase(<counter>[<range>]))` exactCounts sends on its own, tagged with
// label_replace(..., "__burndown_part", "<role>:<piece>", "", "") and joined by `or`; a piece that ends before t carries
// the `@ <end>` modifier; a range that ends inside an exclusion stops at its start. Same subqueries, same samples read, one HTTP request instead of one per part.
import { countedPieces } from '../engine';
import type { Exclusion } from '../slo/types';
import { QueryError, tagRole, type CounterRole, type PromClient } from './client';
import { combinePieces, exactCounts, type CountedPiece, type ExactCounts, type FetchOptions } from './fetch';
import { framesToScalars, type FrameLike } from './frames';
import { increaseQuery, presenceQuery, promDuration, sampleCountQuery, type CounterExprs } from './promql';

/** The label that tags each part of a batched query. */
export const PART_LABEL = '__burndown_part';

export interface CountRange {
  start: number;
  end: number;
}

interface Piece {
  start: number;
  end: number;
}

/** Seconds for PromQL's `@` modifier (millisecond precision, as the HTTP client sends evaluation times). */
function atSeconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Put `@ <end>` after every range `[<range>]` of a query built by increaseQuery, outside string literals (a label
 * value may contain the same text).
 */
export function withAtModifier(query: string, range: string, atMs: number): string {
  const token = `[${range}]`;
  let out = '';
  let i = 0;
  while (i < query.length) {
    const c = query[i];
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < query.length && query[j] !== c) {
        j += c !== '`' && query[j] === '\\' ? 2 : 1;
      }
      out += query.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (query.startsWith(token, i)) {
      out += `${token} @ ${atSeconds(atMs)}`;
      i += token.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function tagged(query: string, part: string): string {
  return `label_replace(${query}, "${PART_LABEL}", "${part}", "", "")`;
}

export interface BatchPlan {
  /** The one instant query, evaluated at t. */
  expr: string;
  /** The distinct pieces (a range or an excluded interval), by index in the part labels. */
  pieces: Piece[];
  /** Per counted range: its piece indices, the range itself first, then its excluded intervals. */
  ranges: Array<{ pieces: number[]; empty: boolean }>;
  /** Each part's own query, by part label: what an error about that part quotes. */
  parts: Map<string, string>;
}

/** Plan the batched query for `ranges` (each ending at or before t); pieces shared by several ranges are read once. */
export function planBatch(
  counters: CounterExprs,
  ranges: readonly CountRange[],
  exclusions: readonly Exclusion[],
  t: number,
  groupBy: readonly string[],
  probe?: CountRange
): BatchPlan {
  const pieces: Piece[] = [];
  const index = new Map<string, number>();
  const pieceOf = (p: Piece) => {
    const key = `${p.start}:${p.end}`;
    let i = index.get(key);
    if (i === undefined) {
      i = pieces.length;
      pieces.push(p);
      index.set(key, i);
    }
    return i;
  };
  const parts: string[] = [];
  const partQueries = new Map<string, string>();
  const add = (query: string, part: string) => {
    parts.push(tagged(query, part));
    partQueries.set(part, query);
  };
  const plannedRanges = ranges.map((whole) => {
    // A range ending inside an exclusion counts only what lies before it (docs/semantics.md section 4).
    const { range: r, excluded } = countedPieces(whole, exclusions);
    if (r.end <= r.start) {
      // An empty window (a period's first instant, or all of it excluded): do the counters exist at all?
      add(presenceQuery(counters.total, groupBy), `presence:${parts.length}`);
      return { pieces: [parts.length - 1], empty: true };
    }
    const own = [r, ...excluded].map(pieceOf);
    return { pieces: own, empty: false };
  });
  const other = counters.bad ?? counters.good!;
  pieces.forEach((p, i) => {
    const range = promDuration(p.end - p.start);
    for (const [role, expr] of [
      ['total', counters.total],
      ['other', other],
    ] as const) {
      const q = increaseQuery(expr, p.end - p.start, groupBy);
      add(p.end === t ? q : withAtModifier(q, range, p.end), `${role}:${i}`);
    }
  });
  if (probe) {
    try {
      addProbeParts(add, counters, other, probe, t);
    } catch {
      // A counter expression that does not parse: no probe; the backend rejects the batch and blame() names the field.
    }
  }
  return { expr: parts.join(' or '), pieces, ranges: plannedRanges, parts: partQueries };
}

/** How far back the newest sample of total is looked for (a subquery at 1-minute resolution). */
export const STALENESS_SEARCH_MS = 86_400_000;

/**
 * `sum(count_over_time(<sel>[<w>]))` of sampleCountQuery without its sum and range: the first selector of a counter
 * expression, as printed by src/promql.
 */
export function firstSelector(expr: string): string {
  const q = sampleCountQuery(expr, 60_000);
  const suffix = `[${promDuration(60_000)}]))`;
  return q.slice('sum(count_over_time('.length, q.length - suffix.length);
}

/**
 * Cheap diagnostics (docs/semantics.md section 4) in the same query, ungrouped: the raw samples of total and of bad
 * (or good) in the window (a counter with 0 matched no series there), the raw samples of total in the
 * STALENESS_SEARCH_MS before the window (0: the window starts before the data), and the newest sample time of total
 * within STALENESS_SEARCH_MS before t when the window ends at t.
 */
function addProbeParts(
  add: (query: string, part: string) => void,
  counters: CounterExprs,
  other: string,
  window: CountRange,
  t: number
): void {
  if (window.end > window.start) {
    const span = window.end - window.start;
    for (const [role, expr] of [
      ['total', counters.total],
      ['other', other],
    ] as const) {
      const q = sampleCountQuery(expr, span);
      add(window.end === t ? q : withAtModifier(q, promDuration(span), window.end), `probe:samples:${role}`);
    }
    // Samples of total in the day before the window: none means the window starts before the data.
    const before = sampleCountQuery(counters.total, STALENESS_SEARCH_MS);
    add(withAtModifier(before, promDuration(STALENESS_SEARCH_MS), window.start), 'probe:before:total');
  }
  if (window.end === t) {
    add(
      `max(max_over_time(timestamp(${firstSelector(counters.total)})[${promDuration(STALENESS_SEARCH_MS)}:1m]))`,
      'probe:last:total'
    );
  }
}

/** What the probe parts found; undefined where not probed, null where the part matched nothing. */
export interface BatchProbe {
  /** Raw samples of total / of bad or good in the window (0 when no series matched). */
  totalSamples?: number;
  otherSamples?: number;
  /** Raw samples of total in the STALENESS_SEARCH_MS before the window's start (0: the window starts before the data). */
  totalSamplesBefore?: number;
  /** The newest sample time of total (ms) within STALENESS_SEARCH_MS before t; null when none. */
  lastTotalSample?: number | null;
}

/** Counts never seen from a sound backend are refused, not clamped into a healthy-looking figure. */
const IMPOSSIBLE_SLACK = { relative: 1e-3, absolute: 1 };

/**
 * Refuse what no counter can produce: a negative increase, or more bad (or good) events than events in total over the
 * same piece. Extrapolation can make the two sums differ slightly, hence the slack.
 */
function checkPiece(
  client: PromClient,
  plan: BatchPlan,
  piece: number,
  total: Map<string, number>,
  other: Map<string, number>,
  otherRole: CounterRole
): void {
  const fail = (message: string, part: string, role: CounterRole) => {
    const e = new QueryError('invalid', `impossible answer from ${client.id}: ${message}`, plan.parts.get(part));
    e.role = role;
    throw e;
  };
  for (const [key, v] of total) {
    if (v < 0) {
      fail(`a negative event count (${v})`, `total:${piece}`, 'total');
    }
    const o = other.get(key);
    if (o !== undefined && o < 0) {
      fail(`a negative event count (${o})`, `other:${piece}`, otherRole);
    }
    if (o !== undefined && o > v * (1 + IMPOSSIBLE_SLACK.relative) + IMPOSSIBLE_SLACK.absolute) {
      fail(
        `more ${otherRole} events (${o}) than events in total (${v}) over the same range`,
        `other:${piece}`,
        otherRole
      );
    }
  }
}

/** Split a batched answer's frames by part label. */
function framesByPart(frames: readonly FrameLike[]): Map<string, FrameLike[]> {
  const out = new Map<string, FrameLike[]>();
  for (const f of frames) {
    const part = f.fields.find((x) => x.type === 'number')?.labels?.[PART_LABEL];
    if (part === undefined) {
      continue;
    }
    const list = out.get(part) ?? [];
    list.push(f);
    out.set(part, list);
  }
  return out;
}

/**
 * A rejected batch names no counter: ask for each counter alone over the first range, so the error says which field
 * of the SLO is wrong (extra requests only on this error path).
 */
async function blame(
  client: PromClient,
  counters: CounterExprs,
  range: CountRange,
  groupBy: readonly string[],
  e: QueryError
): Promise<never> {
  const span = Math.max(range.end - range.start, 1000);
  const roles: Array<[CounterRole, string]> = [
    ['total', counters.total],
    [counters.bad !== undefined ? 'bad' : 'good', counters.bad ?? counters.good!],
  ];
  for (const [role, expr] of roles) {
    await tagRole(client.instant(increaseQuery(expr, span, groupBy), range.end), role);
  }
  throw e;
}

/**
 * Exact events per group for each of `ranges` (each ending at or before t), minus what fell into exclusions, in one
 * request: the same figures as exactCounts for each range. An empty range yields zero counts for the groups whose
 * total counter exists at its end.
 */
export async function batchedCounts(
  client: PromClient,
  counters: CounterExprs,
  ranges: readonly CountRange[],
  exclusions: readonly Exclusion[],
  t: number,
  opts: FetchOptions = {}
): Promise<Array<Map<string, ExactCounts>>> {
  return (await batchedCountsAndProbe(client, counters, ranges, exclusions, t, opts)).counts;
}

/**
 * batchedCounts, plus the diagnostics probe of `opts.probe` (the status window) in the same request: see
 * addProbeParts.
 */
export async function batchedCountsAndProbe(
  client: PromClient,
  counters: CounterExprs,
  ranges: readonly CountRange[],
  exclusions: readonly Exclusion[],
  t: number,
  opts: FetchOptions & { probe?: CountRange } = {}
): Promise<{ counts: Array<Map<string, ExactCounts>>; probe: BatchProbe }> {
  const groupBy = opts.groupBy ?? [];
  // The presence check of an empty range must be evaluated at its end; only t is batched.
  const odd = ranges.map((r) => r.end <= r.start && r.end !== t);
  const plan = planBatch(
    counters,
    ranges.filter((_, i) => !odd[i]),
    exclusions,
    t,
    groupBy,
    opts.probe
  );
  let frames: FrameLike[] = [];
  try {
    if (plan.expr) {
      frames = await client.instant(plan.expr, t);
    }
  } catch (e) {
    if (e instanceof QueryError && e.kind === 'rejected' && ranges.length > 0) {
      return blame(client, counters, ranges[0], groupBy, e);
    }
    throw e;
  }
  const byPart = framesByPart(frames);
  const scalars = (part: string) => framesToScalars(byPart.get(part) ?? [], groupBy);
  const otherIsBad = counters.bad !== undefined;
  let k = 0;
  const out: Array<Map<string, ExactCounts>> = [];
  for (let i = 0; i < ranges.length; i++) {
    if (odd[i]) {
      out.push(await exactCounts(client, counters, ranges[i], exclusions, opts));
      continue;
    }
    const planned = plan.ranges[k++];
    if (planned.empty) {
      const present = scalars(`presence:${planned.pieces[0]}`);
      out.push(new Map([...present.keys()].map((key) => [key, { bad: 0, good: 0, total: 0 }])));
      continue;
    }
    const pieces: CountedPiece[] = planned.pieces.map((p, j) => {
      const piece = { sign: j === 0 ? 1 : -1, total: scalars(`total:${p}`), other: scalars(`other:${p}`) };
      checkPiece(client, plan, p, piece.total, piece.other, otherIsBad ? 'bad' : 'good');
      return piece;
    });
    out.push(combinePieces(pieces, otherIsBad));
  }
  const probe: BatchProbe = {};
  if (opts.probe) {
    const one = (part: string) => framesToScalars(byPart.get(part) ?? [], []).get('');
    if (plan.parts.has('probe:samples:total')) {
      probe.totalSamples = one('probe:samples:total') ?? 0;
      probe.otherSamples = one('probe:samples:other') ?? 0;
      probe.totalSamplesBefore = one('probe:before:total') ?? 0;
    }
    if (plan.parts.has('probe:last:total')) {
      const last = one('probe:last:total');
      probe.lastTotalSample = last === undefined || !Number.isFinite(last) ? null : Math.round(last * 1000);
    }
  }
  return { counts: out, probe };
}
