// Batched exact counts (docs/semantics.md section 8): everything an SLO's status reads at t (the window and every
// burn-rate lookback, each for total and bad or good, each minus its excluded intervals) in ONE instant query. Each part
// is the same `sum(increase(<counter>[<range>]))` exactCounts sends on its own, tagged with
// label_replace(..., "__burndown_part", "<role>:<piece>", "", "") and joined by `or`; a piece that ends before t carries
// the `@ <end>` modifier; a range that ends inside an exclusion stops at its start. Same subqueries, same samples read,
// one HTTP request instead of one per part. With a cache, pieces are split counts (section 8, "Split counts"): the
// settled middle of each comes from the cache after its first read, the split points are checked in the same request.
import { countedPieces } from '../engine';
import { isSafeSplit, settledCuts, splitRange, SETTLE_MS, type SplitOptions } from '../engine/splitPoints';
import type { Exclusion } from '../slo/types';
import { ChunkCache } from './cache';
import { QueryError, tagRole, type CounterRole, type PromClient } from './client';
import { combinePieces, exactCounts, type CountedPiece, type ExactCounts, type FetchOptions } from './fetch';
import { framesByPart, framesToScalars, PART_LABEL, tagPart, type FrameLike } from './frames';
import { increaseQuery, presenceQuery, promDuration, sampleCountQuery, type CounterExprs } from './promql';
import { splitCheckQueries, splitProbe, verdictKey } from './split';
import { instantParts } from './queryLength';

export { PART_LABEL };

export interface CountRange {
  start: number;
  end: number;
}

interface Piece {
  start: number;
  end: number;
}

/** Seconds for PromQL's `@` modifier (millisecond precision, as the HTTP client sends evaluation times). */
export function atSeconds(ms: number): string {
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

const tagged = tagPart;

export interface BatchPlan {
  /** The one instant query, evaluated at t (every part, nothing taken from a cache). */
  expr: string;
  /** The distinct pieces (a range or an excluded interval), by index in the part labels. */
  pieces: Piece[];
  /** Per counted range: its piece indices, the range itself first, then its excluded intervals. */
  ranges: Array<{ pieces: number[]; empty: boolean }>;
  /** Each part's own query, by part label: what an error about that part quotes. */
  parts: Map<string, string>;
  /** Per piece: the part labels whose counts add up to it, per role, and the split points that must be safe. */
  pieceParts: Array<{ total: string[]; other: string[]; points: number[] }>;
  /** Parts about the settled past only (every range ends with `@` at or before now - settleMs): cacheable. */
  settled: Set<string>;
  /** Split points to check, with their parts per counter selector. */
  checks: Array<{ at: number; selector: string; span: string; both: string }>;
  /** What each settled part counts: its range and counter (a chart may offer it from its buckets, chartPieces.ts). */
  settledRanges: Map<string, { start: number; end: number; role: 'total' | 'other' }>;
}

/** Split the pieces (docs/semantics.md section 8, "Split counts"): settled middles are cached, heads and tails fresh. */
export interface BatchSplit extends SplitOptions {
  /** Counters' first selectors, whose samples around a split point decide whether it is safe. */
  selectors?: readonly string[];
  /** Split points found unsafe: the sub-ranges on both sides of each are read as one. */
  avoid?: ReadonlySet<number>;
}

/**
 * Each piece as consecutive sub-ranges, and the split points between them. The settled middle of a piece that reaches
 * the present is cut at settledCuts, which depend only on its ends: the window's and every lookback's middles (and the
 * chart's last segment's) are made of the same sub-ranges, each read once (same text, one part) and cached on its own,
 * so the lookbacks' middles are not read again. Points in `split.avoid` are not cut at.
 */
function piecePlans(
  pieces: readonly Piece[],
  split: BatchSplit | undefined
): Array<{ subs: Array<{ r: Piece; settled: boolean }>; points: number[] }> {
  return pieces.map((p) => {
    const plan = split ? splitRange(p, split) : { fresh: [p], settled: null, points: [] };
    const m = plan.settled;
    const inner = m && plan.fresh.length > 0 ? settledCuts(m) : [];
    const cuts = [...new Set([...plan.points, ...inner])].filter((x) => !split?.avoid?.has(x)).sort((a, b) => a - b);
    const bounds = [p.start, ...cuts, p.end];
    const subs = bounds.slice(1).map((end, k) => {
      const r = { start: bounds[k], end };
      return { r, settled: m !== null && r.start >= m.start && r.end <= m.end };
    });
    return { subs, points: cuts };
  });
}

/** Plan the batched query for `ranges` (each ending at or before t); pieces shared by several ranges are read once. */
export function planBatch(
  counters: CounterExprs,
  ranges: readonly CountRange[],
  exclusions: readonly Exclusion[],
  t: number,
  groupBy: readonly string[],
  probe?: CountRange,
  split?: BatchSplit
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
  const settled = new Set<string>();
  const settledRanges: BatchPlan['settledRanges'] = new Map();
  const pointSet = new Set<number>();
  // The same part (same query text) is read once, whichever pieces share it.
  const labelOf = new Map<string, string>();
  const pieceParts = piecePlans(pieces, split).map(({ subs, points }, i) => {
    const labels = { total: [] as string[], other: [] as string[], points };
    points.forEach((x) => pointSet.add(x));
    subs.forEach(({ r, settled: isSettled }, j) => {
      const range = promDuration(r.end - r.start);
      for (const [role, expr] of [
        ['total', counters.total],
        ['other', other],
      ] as const) {
        const q = increaseQuery(expr, r.end - r.start, groupBy);
        // A settled part always carries `@`: its text alone then says what it counts (it is the cache key).
        const text = r.end === t && !isSettled ? q : withAtModifier(q, range, r.end);
        let label = labelOf.get(text);
        if (label === undefined) {
          label = subs.length === 1 ? `${role}:${i}` : `${role}:${i}:${j}`;
          labelOf.set(text, label);
          add(text, label);
        }
        labels[role].push(label);
        if (isSettled) {
          settled.add(label);
          settledRanges.set(label, { start: r.start, end: r.end, role });
        }
      }
    });
    return labels;
  });
  const checks: BatchPlan['checks'] = [];
  for (const at of [...pointSet].sort((a, b) => a - b)) {
    for (const selector of new Set(split?.selectors ?? [])) {
      const k = checks.length;
      const q = splitCheckQueries(selector, at);
      add(q.span, `split:${k}:span`);
      add(q.both, `split:${k}:both`);
      checks.push({ at, selector, span: `split:${k}:span`, both: `split:${k}:both` });
    }
  }
  if (probe) {
    try {
      const settledUntil = split ? split.now - (split.settleMs ?? SETTLE_MS) : -Infinity;
      addProbeParts(add, counters, probe, t, probe.start <= settledUntil ? (label) => settled.add(label) : undefined);
    } catch {
      // A counter expression that does not parse: no probe; the backend rejects the batch and blame() names the field.
    }
  }
  return {
    expr: parts.join(' or '),
    pieces,
    ranges: plannedRanges,
    parts: partQueries,
    pieceParts,
    settled,
    checks,
    settledRanges,
  };
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
 * Cheap diagnostics (docs/semantics.md section 4) in the same query, ungrouped: the raw samples of total in the
 * STALENESS_SEARCH_MS before the window (0: the window starts before the data), and the newest sample time of total
 * within STALENESS_SEARCH_MS before t when the window ends at t. Whether each counter has series in the window is read
 * from the window's own counts (no second read of the window). `settledBefore` receives the part about the time before
 * the window when it is cacheable.
 */
function addProbeParts(
  add: (query: string, part: string) => void,
  counters: CounterExprs,
  window: CountRange,
  t: number,
  settledBefore?: (part: string) => void
): void {
  if (window.end > window.start) {
    // Samples of total in the day before the window: none means the window starts before the data.
    const before = sampleCountQuery(counters.total, STALENESS_SEARCH_MS);
    // `or vector(0)`: an explicit 0 (no data before), told apart from a backend that did not answer the part.
    add(
      `${withAtModifier(before, promDuration(STALENESS_SEARCH_MS), window.start)} or vector(0)`,
      'probe:before:total'
    );
    settledBefore?.('probe:before:total');
  }
  if (window.end === t) {
    add(
      `max(max_over_time(timestamp(${firstSelector(counters.total)})[${promDuration(STALENESS_SEARCH_MS)}:1m])) ` +
        'or vector(0)',
      'probe:last:total'
    );
  }
}

/** What the probe parts found; undefined where not probed, null where the part matched nothing. */
export interface BatchProbe {
  /** Groups of total / of bad or good with an increase in the window (0: no series, or a single sample, there). */
  totalSamples?: number;
  otherSamples?: number;
  /**
   * Raw samples of total in the STALENESS_SEARCH_MS before the window's start (0: the window starts before the data;
   * undefined: not probed or not answered).
   */
  totalSamplesBefore?: number;
  /** The newest sample time of total (ms) within STALENESS_SEARCH_MS before t; null when none; undefined: not answered. */
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
  parts: { total: string; other: string; queries: Map<string, string> },
  total: Map<string, number>,
  other: Map<string, number>,
  otherRole: CounterRole
): void {
  const fail = (message: string, part: string, role: CounterRole) => {
    const e = new QueryError('invalid', `impossible answer from ${client.id}: ${message}`, parts.queries.get(part));
    e.role = role;
    throw e;
  };
  for (const [key, v] of total) {
    if (v < 0) {
      fail(`a negative event count (${v})`, parts.total, 'total');
    }
    const o = other.get(key);
    if (o !== undefined && o < 0) {
      fail(`a negative event count (${o})`, parts.other, otherRole);
    }
    if (o !== undefined && o > v * (1 + IMPOSSIBLE_SLACK.relative) + IMPOSSIBLE_SLACK.absolute) {
      fail(`more ${otherRole} events (${o}) than events in total (${v}) over the same range`, parts.other, otherRole);
    }
  }
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
  opts: BatchOptions = {}
): Promise<Array<Map<string, ExactCounts>>> {
  return (await batchedCountsAndProbe(client, counters, ranges, exclusions, t, opts)).counts;
}

/** What one run of a plan brought: each part's frames (sent now or from the cache) and each split point's verdict. */
interface PlanAnswers {
  frames: Map<string, FrameLike[]>;
  safe: Map<number, boolean>;
}

/**
 * How a loader that offered a settled part (a chart, from its buckets: chartPieces.ts) says it will not deliver it
 * after all: it deletes the cache entry and rejects with this, and runPlan reads the part itself.
 */
export class WithdrawnPart extends Error {
  constructor() {
    super('settled part withdrawn by the loader that offered it');
  }
}

/** A promise another loader may be waiting on; its rejection is also handled here, so no waiter is needed. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * Send the plan's parts in one instant query at t, except settled parts and split verdicts the cache already holds (or
 * another loader is fetching): those are awaited instead; what this request brings about the settled past is cached.
 */
async function runPlan(client: PromClient, plan: BatchPlan, t: number, cache?: ChunkCache): Promise<PlanAnswers> {
  const fromCache = new Map<string, Promise<FrameLike[]>>();
  const verdicts = new Map<number, Array<Promise<boolean>>>();
  const skip = new Set<string>();
  const framesTodo: Array<{ label: string; key: string; d: ReturnType<typeof deferred<FrameLike[]>> }> = [];
  const checksTodo: Array<{
    check: BatchPlan['checks'][number];
    key: string;
    d: ReturnType<typeof deferred<boolean>>;
  }> = [];
  for (const check of plan.checks) {
    const key = verdictKey(client.id, check.selector, check.at);
    const hit = cache?.get<Promise<boolean>>(key);
    const list = verdicts.get(check.at) ?? [];
    verdicts.set(check.at, list);
    if (hit) {
      list.push(hit);
      skip.add(check.span).add(check.both);
      continue;
    }
    const d = deferred<boolean>();
    cache?.set(key, d.promise);
    list.push(d.promise);
    checksTodo.push({ check, key, d });
  }
  const sent: string[] = [];
  for (const [label, query] of plan.parts) {
    if (skip.has(label)) {
      continue;
    }
    if (cache && plan.settled.has(label)) {
      const key = ChunkCache.instantKey(client.id, query);
      const hit = cache.get<Promise<FrameLike[]>>(key);
      if (hit) {
        fromCache.set(label, hit);
        continue;
      }
      const d = deferred<FrameLike[]>();
      cache.set(key, d.promise);
      framesTodo.push({ label, key, d });
    }
    sent.push(tagged(query, label));
  }
  let byPart = new Map<string, FrameLike[]>();
  try {
    if (sent.length > 0) {
      byPart = framesByPart(await instantParts(client, sent, t));
    }
  } catch (e) {
    for (const { key, d } of [...framesTodo, ...checksTodo]) {
      cache?.delete(key);
      d.reject(e);
    }
    throw e;
  }
  for (const { label, d } of framesTodo) {
    d.resolve(byPart.get(label) ?? []);
  }
  const one = (label: string) => framesToScalars(byPart.get(label) ?? [], []).get('');
  for (const { check, d } of checksTodo) {
    d.resolve(isSafeSplit(splitProbe(one(check.span), one(check.both))));
  }
  const frames = new Map(byPart);
  const withdrawn = new Map<string, string>();
  for (const [label, p] of fromCache) {
    try {
      frames.set(label, await p);
    } catch (e) {
      if (!(e instanceof WithdrawnPart)) {
        throw e;
      }
      withdrawn.set(label, plan.parts.get(label)!);
    }
  }
  if (withdrawn.size > 0) {
    // Offered parts that did not come: read here, in one more request (or awaited if another loader now reads them).
    const again = await runPlan(client, { ...plan, parts: withdrawn, checks: [] }, t, cache);
    again.frames.forEach((f, label) => frames.set(label, f));
  }
  const safe = new Map<number, boolean>();
  for (const [at, list] of verdicts) {
    safe.set(at, (await Promise.all(list)).every(Boolean));
  }
  return { frames, safe };
}

/** How a batch splits its pieces: with a cache (or when asked), at settled whole hours checked on the counters. */
export function splitFor(counters: CounterExprs, opts: BatchOptions): BatchSplit | undefined {
  if (opts.split === false || (opts.cache === undefined && opts.split !== true)) {
    return undefined;
  }
  try {
    const selectors = [counters.total, counters.bad ?? counters.good!].map(firstSelector);
    return { now: opts.now ?? Date.now(), settleMs: opts.cache?.settleMs, selectors };
  } catch {
    return undefined; // a counter that does not parse: read unsplit, and the backend's answer names the field
  }
}

export interface BatchOptions extends FetchOptions {
  /** The status window, whose diagnostics are probed in the same request (addProbeParts). */
  probe?: CountRange;
  /** Split counts (docs/semantics.md section 8): default with a cache; `true` splits without one (tests). */
  split?: boolean;
}

/**
 * batchedCounts, plus the diagnostics probe of `opts.probe` (the status window) in the same request: see
 * addProbeParts. With a cache, each range is read as split counts: its settled middle once, then from the cache; a
 * piece whose split point turns out unsafe is read again unsplit (one more request, only then).
 */
export async function batchedCountsAndProbe(
  client: PromClient,
  counters: CounterExprs,
  ranges: readonly CountRange[],
  exclusions: readonly Exclusion[],
  t: number,
  opts: BatchOptions = {}
): Promise<{ counts: Array<Map<string, ExactCounts>>; probe: BatchProbe }> {
  const groupBy = opts.groupBy ?? [];
  // The presence check of an empty range must be evaluated at its end; only t is batched.
  const odd = ranges.map((r) => r.end <= r.start && r.end !== t);
  const kept = ranges.filter((_, i) => !odd[i]);
  const plan = planBatch(counters, kept, exclusions, t, groupBy, opts.probe, splitFor(counters, opts));
  let answers: PlanAnswers;
  try {
    answers = await runPlan(client, plan, t, opts.cache);
  } catch (e) {
    if (e instanceof QueryError && e.kind === 'rejected' && ranges.length > 0) {
      return blame(client, counters, ranges[0], groupBy, e);
    }
    throw e;
  }
  const sumOf = (labels: readonly string[], frames: Map<string, FrameLike[]>) => {
    const out = new Map<string, number>();
    for (const label of labels) {
      for (const [key, v] of framesToScalars(frames.get(label) ?? [], groupBy)) {
        out.set(key, (out.get(key) ?? 0) + v);
      }
    }
    return out;
  };
  const values = plan.pieceParts.map((pp) =>
    pp.points.every((p) => answers.safe.get(p))
      ? { total: sumOf(pp.total, answers.frames), other: sumOf(pp.other, answers.frames), labels: pp }
      : undefined
  );
  const unsafe = values.flatMap((v, i) => (v ? [] : [i]));
  if (unsafe.length > 0) {
    // A split point inside a scrape gap or next to a reset: those pieces are read again without cutting there (the
    // other points are known safe, so no checks; their settled sub-ranges come from the cache).
    const split = splitFor(counters, opts);
    const avoid = new Set([...answers.safe].filter(([, ok]) => !ok).map(([p]) => p));
    const again = planBatch(
      counters,
      unsafe.map((i) => plan.pieces[i]),
      [],
      t,
      groupBy,
      undefined,
      split && { ...split, selectors: [], avoid }
    );
    const whole = await runPlan(client, again, t, opts.cache);
    unsafe.forEach((i, j) => {
      const pp = again.pieceParts[j];
      values[i] = { total: sumOf(pp.total, whole.frames), other: sumOf(pp.other, whole.frames), labels: pp };
    });
  }
  const scalars = (part: string) => framesToScalars(answers.frames.get(part) ?? [], groupBy);
  const otherIsBad = counters.bad !== undefined;
  const otherRole: CounterRole = otherIsBad ? 'bad' : 'good';
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
      const v = values[p]!;
      const labels = { total: v.labels.total[0], other: v.labels.other[0], queries: plan.parts };
      checkPiece(client, labels, v.total, v.other, otherRole);
      return { sign: j === 0 ? 1 : -1, total: v.total, other: v.other };
    });
    out.push(combinePieces(pieces, otherIsBad));
  }
  const probe: BatchProbe = {};
  if (opts.probe) {
    const one = (part: string) => framesToScalars(answers.frames.get(part) ?? [], []).get('');
    if (plan.parts.has('probe:before:total')) {
      const { range: r } = countedPieces(opts.probe, exclusions);
      const w = values[plan.pieces.findIndex((p) => p.start === r.start && p.end === r.end)];
      probe.totalSamples = w?.total.size ?? 0;
      probe.otherSamples = w?.other.size ?? 0;
      probe.totalSamplesBefore = one('probe:before:total');
    }
    const last = one('probe:last:total');
    if (last !== undefined) {
      probe.lastTotalSample = last <= 0 || !Number.isFinite(last) ? null : Math.round(last * 1000);
    }
  }
  return { counts: out, probe };
}
