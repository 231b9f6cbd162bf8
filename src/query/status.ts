// An SLO's status at time t (docs/semantics.md sections 3-5, 8): the query side only. Occurrence SLOs read exact
// window and lookback counts in one batched instant query (batch.ts); timeslice SLOs read slice verdicts at the slice
// step; composites reuse their components' statuses. The figures come from the engine (src/engine/status.ts).
import {
  compositeStatus,
  occurrencesStatus,
  statusLookbacks,
  thresholdSlices,
  ratioSlices,
  timeslicesStatus,
  windowAt,
  NO_BURNDOWN,
  type Diagnostic,
  type Slices,
  type SloStatus,
} from '../engine';
import type { SloSpec } from '../slo/types';
import { batchedCountsAndProbe, firstSelector, STALENESS_SEARCH_MS, type BatchProbe } from './batch';
import { tagRole, type PromClient } from './client';
import { fetchBuckets, fetchGrid, type FetchOptions } from './fetch';
import { hasBurndown, loadBurndown, type BurndownOptions } from './forecast';
import { framesToGrid, framesToScalars, groupKey, groupLabels } from './frames';
import { mapLimit } from './plan';
import { counterExprs, promDuration, thresholdQuery, type CounterExprs } from './promql';
import { formatRfc3339Utc, formatSpan } from '../shared/format';
import type { RecordedOptions } from './recorded';
import { evaluateWithMode, withRecordedHint } from './recordedStatus';

export {
  EXHAUSTION_LOOKBACK_MS,
  REPORTED_BURN_RATES,
  type Diagnostic,
  type DiagnosticKind,
  type SloStatus,
} from '../engine';

export interface EvaluateOptions extends FetchOptions {
  /** Other SLOs of the same file, for composites. */
  all?: readonly SloSpec[];
  /** Statuses already evaluated (or under way) at the same t, by SLO id: composites reuse their components'. */
  evaluated?: Map<string, Promise<SloStatus[]>>;
  /** Policy levels read the burn-down where there is one (the CLI); default "if the period ended now" (engine/status). */
  policyFrom?: 'burndown' | 'remaining';
  /** Recorded mode's tile interval and auto threshold (src/query/recorded.ts). */
  recorded?: RecordedOptions;
  /** The burn-down's history reads bad too and keeps its hours for the overview's trend (forecast.ts: hourlyHistoryOf). */
  hourlyBad?: boolean;
  /** Hourly totals this SLO's chart (or burn-down curve) reads anyway: the burn-down's forecast takes them (forecast.ts). */
  history?: BurndownOptions['history'];
}

async function evaluateOccurrences(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const lookbacks = statusLookbacks(spec, t);
  const counters = counterExprs(spec.indicator);
  const window = windowAt(t, spec.window);
  const batched = batchedCountsAndProbe(
    client,
    counters,
    [window, ...lookbacks.map((ms) => ({ start: t - ms, end: t }))],
    spec.exclusions,
    t,
    { ...opts, groupBy: spec.groupBy, probe: window }
  );
  // The burn-down reuses the window's counts: its only request is the forecast's one range query, sent alongside.
  const burndowns = hasBurndown(spec)
    ? loadBurndown(client, spec, t, { ...opts, counts: batched.then((b) => b.counts[0]) })
    : Promise.resolve([]);
  const [
    {
      counts: [counts, ...byLookback],
      probe,
    },
    burndownList,
  ] = await Promise.all([batched, burndowns]);
  const burndownByKey = new Map(burndownList.map((b) => [groupKey(b.group, spec.groupBy), b.burndown]));
  const { diagnostics, noData } = await probeDiagnostics(client, spec, counters, window, t, probe);
  const keys = new Set<string>([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])]);
  if (keys.size === 0) {
    keys.add('');
  }
  return [...keys].sort().map((key) =>
    occurrencesStatus({
      spec,
      t,
      group: groupLabels(key, spec.groupBy),
      counts: noData ? null : counts.get(key) ?? null,
      countsOver: (ms) => (noData ? null : byLookback[lookbacks.indexOf(ms)]?.get(key)),
      burndown: hasBurndown(spec) ? burndownByKey.get(key) ?? NO_BURNDOWN : undefined,
      policyFrom: opts.policyFrom,
      diagnostics,
    })
  );
}

/** A sample of total older than this at t makes the status stale (Prometheus's default lookback delta). */
export const STALE_AFTER_MS = 5 * 60_000;

/**
 * Diagnostics of an occurrences SLO from the batch's probe (docs/semantics.md section 4). `noData` when the figure
 * must not be shown: a good counter (ratio `good`, or a latency bucket) without series while total has some. One extra
 * request only for a latency threshold that is no bucket bound (to name the bounds that exist).
 */
async function probeDiagnostics(
  client: PromClient,
  spec: SloSpec,
  counters: CounterExprs,
  window: { start: number; end: number },
  t: number,
  probe: BatchProbe
): Promise<{ diagnostics: Diagnostic[]; noData: boolean }> {
  const diagnostics: Diagnostic[] = [];
  let noData = false;
  const total = probe.totalSamples;
  if (total !== undefined && total > 0 && probe.otherSamples === 0) {
    if (counters.bad !== undefined) {
      diagnostics.push({
        kind: 'no-series',
        counter: 'bad',
        message: 'no series for `bad` in the window: 0 bad events assumed',
      });
    } else if (spec.indicator.kind === 'latency') {
      noData = true;
      const bounds = await bucketBounds(client, counters.total, window, t);
      diagnostics.push({
        kind: 'threshold-not-bucket-bound',
        counter: 'good',
        message:
          `threshold ${spec.indicator.threshold} is not a bucket bound of ${spec.indicator.histogram}: ` +
          (bounds.length > 0 ? `it has le ${bounds.join(', ')}` : 'it has no _bucket series in the window'),
      });
    } else {
      noData = true;
      diagnostics.push({
        kind: 'no-data',
        counter: 'good',
        message: 'no series for `good` in the window: no data (not 0 good events)',
      });
    }
  }
  if (total !== undefined && total > 0 && probe.totalSamplesBefore === 0) {
    const first = await firstSampleTime(client, counters.total, window);
    if (first !== null) {
      diagnostics.push({
        kind: 'partial',
        counter: 'total',
        message: `data start at ${formatRfc3339Utc(first)}: the figure covers ${formatRfc3339Utc(
          first
        )} to ${formatRfc3339Utc(window.end)}`,
      });
    }
  }
  if (probe.lastTotalSample !== undefined && (total === undefined || total > 0)) {
    const last = probe.lastTotalSample;
    if (last === null && total !== undefined) {
      diagnostics.push({
        kind: 'stale',
        counter: 'total',
        message: `stale since before ${formatRfc3339Utc(
          t - STALENESS_SEARCH_MS
        )}: no sample of total in the last ${formatSpan(STALENESS_SEARCH_MS)}`,
      });
    } else if (last !== null && t - last > STALE_AFTER_MS) {
      diagnostics.push({
        kind: 'stale',
        counter: 'total',
        message: `stale since ${formatRfc3339Utc(last)}: the newest sample of total is ${formatSpan(
          t - last
        )} old (more than ${formatSpan(STALE_AFTER_MS)})`,
      });
    }
  }
  return { diagnostics, noData };
}

/**
 * The first sample time of total's first selector in the window (ms; null when none), asked only when the window
 * starts before the data. A range query of `count(count_over_time(sel[s]))` on a coarse grid (s about W/2000, each
 * sample read once) finds the step that holds it; `min_over_time(timestamp(sel)[s:1s])` at that step's end gives the
 * sample's own time. (A subquery over the whole window instead took 16.6 s on Prometheus 2.42 for 28 days.)
 */
async function firstSampleTime(
  client: PromClient,
  totalExpr: string,
  window: { start: number; end: number }
): Promise<number | null> {
  const selector = firstSelector(totalExpr);
  const span = window.end - window.start;
  const step = Math.max(60_000, Math.ceil(span / 2000 / 60_000) * 60_000);
  const grid = { firstEnd: window.start + step, step, count: Math.ceil(span / step) };
  const frames = await client.range(
    `count(count_over_time(${selector}[${promDuration(step)}]))`,
    grid.firstEnd,
    grid.firstEnd + (grid.count - 1) * step,
    step
  );
  const counts = framesToGrid(frames, grid).get('') ?? new Float64Array(0);
  const i = counts.findIndex((v) => v > 0);
  if (i < 0) {
    return null;
  }
  const stepEnd = grid.firstEnd + i * step;
  const fine = await client.instant(
    `min(min_over_time(timestamp(${selector})[${promDuration(step)}:${promDuration(1000)}]))`,
    stepEnd
  );
  const v = framesToScalars(fine, []).get('');
  return v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000);
}

/** The `le` bounds of the histogram whose `_count` selector is `countSelector`, seen in the window (sorted). */
async function bucketBounds(
  client: PromClient,
  countSelector: string,
  window: { start: number; end: number },
  t: number
): Promise<string[]> {
  const brace = countSelector.indexOf('{');
  const name = brace < 0 ? countSelector : countSelector.slice(0, brace);
  const bucket = `${name.replace(/_count$/, '_bucket')}${brace < 0 ? '' : countSelector.slice(brace)}`;
  const span = Math.max(window.end - window.start, 60_000);
  const frames = await client.instant(
    `count by (le) (last_over_time(${bucket}[${promDuration(span)}]))`,
    window.end || t
  );
  const les = new Set<string>();
  for (const f of frames) {
    const le = f.fields.find((x) => x.type === 'number')?.labels?.le;
    if (le !== undefined) {
      les.add(le);
    }
  }
  return [...les].sort((a, b) => Number(a) - Number(b));
}

/** Slice verdicts per group on the slice grid covering (from, to]. */
async function fetchSlices(
  client: PromClient,
  spec: SloSpec,
  from: number,
  to: number,
  opts: EvaluateOptions
): Promise<Map<string, Slices>> {
  const slice = spec.timeslice!.lengthMs;
  const firstEnd = Math.floor(from / slice) * slice + slice;
  const count = Math.max(0, Math.floor((to - firstEnd) / slice) + 1);
  const grid = { firstEnd, step: slice, count };
  const out = new Map<string, Slices>();
  if (count === 0) {
    return out;
  }
  const o = { ...opts, groupBy: spec.groupBy };
  if (spec.indicator.kind === 'threshold') {
    const ind = spec.indicator;
    const values = await tagRole(fetchGrid(client, thresholdQuery(ind.expr, spec.groupBy), grid, o), 'expr');
    for (const [key, v] of values) {
      out.set(key, thresholdSlices(firstEnd, slice, v, ind.op, ind.value));
    }
    return out;
  }
  for (const g of await fetchBuckets(client, counterExprs(spec.indicator), grid, o)) {
    out.set(g.key, ratioSlices(g.buckets, spec.timeslice!.target));
  }
  return out;
}

async function evaluateTimeslices(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const timeslice = spec.timeslice!;
  const window = windowAt(t, spec.window);
  const lookbacks = statusLookbacks(spec, t);
  const from = Math.min(window.start, t - lookbacks[lookbacks.length - 1]);
  const slicesByGroup = await fetchSlices(client, spec, from, t, opts);
  if (slicesByGroup.size === 0) {
    slicesByGroup.set('', { firstEnd: t, step: timeslice.lengthMs, verdict: new Int8Array(0) });
  }
  return [...slicesByGroup.keys()].sort().map((key) =>
    timeslicesStatus({
      spec: { ...spec, timeslice },
      t,
      group: groupLabels(key, spec.groupBy),
      slices: slicesByGroup.get(key)!,
    })
  );
}

async function evaluateComposite(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  if (spec.indicator.kind !== 'composite') {
    throw new Error('not a composite');
  }
  const byId = new Map((opts.all ?? []).map((s) => [s.id, s]));
  const evaluated = opts.evaluated ?? new Map<string, Promise<SloStatus[]>>();
  const parts = await mapLimit(spec.indicator.components, 2, async (c) => {
    const component = byId.get(c.slo);
    if (!component) {
      throw new Error(`${spec.id}: indicator.composite.components: unknown SLO ${JSON.stringify(c.slo)}`);
    }
    // A component's burn-down reads its own history: the composite's (none) is not its.
    const statuses = await evaluateOnce(client, component, t, { ...opts, evaluated, history: undefined });
    return { id: c.slo, weight: c.weight, statuses };
  });
  return [compositeStatus({ spec, t, parts })];
}

/** The SLO's statuses from `opts.evaluated` when it was evaluated already, else evaluated now and recorded there. */
export function evaluateOnce(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const known = opts.evaluated?.get(spec.id);
  if (known) {
    return known;
  }
  const p = evaluateSlo(client, spec, t, opts);
  opts.evaluated?.set(spec.id, p);
  return p;
}

/** Evaluate one SLO at time t: one status per group (one for an ungrouped SLO). */
export async function evaluateSlo(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions = {}
): Promise<SloStatus[]> {
  if (spec.indicator.kind === 'composite') {
    return evaluateComposite(client, spec, t, opts);
  }
  if (spec.budgetingMethod === 'timeslices') {
    return evaluateTimeslices(client, spec, t, opts);
  }
  // Recorded mode (src/query/recordedStatus.ts): `mode: recorded | auto` decides there; raw mode stays below.
  if (spec.mode === 'recorded' || spec.mode === 'auto') {
    return evaluateWithMode(client, spec, t, opts, () => evaluateOccurrences(client, spec, t, opts));
  }
  return withRecordedHint(spec, evaluateOccurrences(client, spec, t, opts));
}

export interface EvaluateAllOptions extends FetchOptions {
  /** SLOs evaluated at once (default 4); each occurrence SLO is one request. */
  concurrency?: number;
  /** Every SLO composites may name (default: `slos`). */
  all?: readonly SloSpec[];
  policyFrom?: 'burndown' | 'remaining';
  recorded?: RecordedOptions;
}

/** One SLO's outcome: its statuses, or the error that stopped it (other SLOs are still evaluated). */
export type SloEvaluation = { spec: SloSpec; statuses: SloStatus[] } | { spec: SloSpec; error: unknown };

/**
 * Evaluate many SLOs at t with at most `concurrency` at a time, in the order given. A composite reuses its components'
 * statuses (each SLO is evaluated once, whether listed or only named by a composite).
 */
export async function evaluateAll(
  client: PromClient,
  slos: readonly SloSpec[],
  t: number,
  opts: EvaluateAllOptions = {}
): Promise<SloEvaluation[]> {
  const evaluated = new Map<string, Promise<SloStatus[]>>();
  const o: EvaluateOptions = { ...opts, all: opts.all ?? slos, evaluated };
  // Components first, so a composite finds them under way instead of waiting in the queue behind itself.
  const order = [...slos.keys()].sort(
    (a, b) => Number(slos[a].indicator.kind === 'composite') - Number(slos[b].indicator.kind === 'composite')
  );
  const out = new Array<SloEvaluation>(slos.length);
  await mapLimit(order, opts.concurrency ?? 4, async (i) => {
    const spec = slos[i];
    try {
      out[i] = { spec, statuses: await evaluateOnce(client, spec, t, o) };
    } catch (error) {
      out[i] = { spec, error };
    }
  });
  return out;
}
