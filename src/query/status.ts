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
  type Slices,
  type SloStatus,
} from '../engine';
import type { SloSpec } from '../slo/types';
import { batchedCounts } from './batch';
import { tagRole, type PromClient } from './client';
import { fetchBuckets, fetchGrid, type FetchOptions } from './fetch';
import { hasBurndown, loadBurndown } from './forecast';
import { groupKey, groupLabels } from './frames';
import { mapLimit } from './plan';
import { counterExprs, thresholdQuery } from './promql';

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
}

async function evaluateOccurrences(
  client: PromClient,
  spec: SloSpec,
  t: number,
  opts: EvaluateOptions
): Promise<SloStatus[]> {
  const lookbacks = statusLookbacks(spec, t);
  const batched = batchedCounts(
    client,
    counterExprs(spec.indicator),
    [windowAt(t, spec.window), ...lookbacks.map((ms) => ({ start: t - ms, end: t }))],
    spec.exclusions,
    t,
    { ...opts, groupBy: spec.groupBy }
  );
  // The burn-down reuses the window's counts: its only request is the forecast's one range query, sent alongside.
  const burndowns = hasBurndown(spec)
    ? loadBurndown(client, spec, t, { ...opts, counts: batched.then(([c]) => c) })
    : Promise.resolve([]);
  const [[counts, ...byLookback], burndownList] = await Promise.all([batched, burndowns]);
  const burndownByKey = new Map(burndownList.map((b) => [groupKey(b.group, spec.groupBy), b.burndown]));
  const keys = new Set<string>([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])]);
  if (keys.size === 0) {
    keys.add('');
  }
  return [...keys].sort().map((key) =>
    occurrencesStatus({
      spec,
      t,
      group: groupLabels(key, spec.groupBy),
      counts: counts.get(key) ?? null,
      countsOver: (ms) => byLookback[lookbacks.indexOf(ms)]?.get(key),
      burndown: hasBurndown(spec) ? burndownByKey.get(key) ?? NO_BURNDOWN : undefined,
    })
  );
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
    const statuses = await evaluateOnce(client, component, t, { ...opts, evaluated });
    return { id: c.slo, weight: c.weight, statuses };
  });
  return [compositeStatus({ spec, t, parts })];
}

/** The SLO's statuses from `opts.evaluated` when it was evaluated already, else evaluated now and recorded there. */
function evaluateOnce(client: PromClient, spec: SloSpec, t: number, opts: EvaluateOptions): Promise<SloStatus[]> {
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
  return evaluateOccurrences(client, spec, t, opts);
}

export interface EvaluateAllOptions extends FetchOptions {
  /** SLOs evaluated at once (default 4); each occurrence SLO is one request. */
  concurrency?: number;
  /** Every SLO composites may name (default: `slos`). */
  all?: readonly SloSpec[];
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
