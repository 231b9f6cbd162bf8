// The status of an SLO with `mode: recorded | auto` (docs/recorded-mode.md): decideMode picks raw or recorded data;
// recorded statuses get their window and lookback counts from the tiles (recorded.ts), the figures from the same
// engine (src/engine/status.ts: occurrencesStatus), and say which mode answered (SloStatus.answeredBy).
import { NO_BURNDOWN, occurrencesStatus, statusLookbacks, windowAt, type Diagnostic, type SloStatus } from '../engine';
import type { SloSpec } from '../slo/types';
import { formatRfc3339Utc, formatSpan } from '../shared/format';
import type { ExactCounts, FetchOptions } from './fetch';
import { counterExprs } from './promql';
import { hasBurndown, loadBurndown, type BurndownStatus } from './forecast';
import { groupKey, groupLabels } from './frames';
import {
  clockGuessHeld,
  clockNewestTile,
  decideMode,
  expectedNewestTile,
  isTooManySamples,
  newestOnGridOf,
  recordedCountQueries,
  recordedCounts,
  tooManySamplesError,
  type MissingTiles,
  type RecordedOptions,
} from './recorded';
import type { QueryError } from './client';
import { RECORDED_INTERVAL_MS } from '../rules/recorded';

export interface ModeOptions extends FetchOptions {
  policyFrom?: 'burndown' | 'remaining';
  recorded?: RecordedOptions;
  /** The overview's burn-down reads bad hours too (forecast.ts: BurndownOptions.hourlyBad). */
  hourlyBad?: boolean;
}

/** A raw evaluation whose failure on --query.max-samples names recorded mode. */
export function withRecordedHint<T>(spec: SloSpec, p: Promise<T>): Promise<T> {
  return p.catch((e: unknown) => {
    throw isTooManySamples(e) ? tooManySamplesError(spec, e as QueryError) : e;
  });
}

function missingDiagnostic(m: MissingTiles, intervalMs: number): Diagnostic {
  return {
    kind: 'partial',
    counter: 'total',
    message:
      `recorded tiles cover ${m.seen} of the ${m.expected} ${formatSpan(intervalMs)} intervals from ` +
      `${formatRfc3339Utc(m.piece.start)} to ${formatRfc3339Utc(m.piece.end)}: the figure misses their events ` +
      '(backfill the rules, docs/recorded-mode.md)',
  };
}

/**
 * Raw mode's `no series` check (src/query/status.ts: probeDiagnostics) on the tiles: total has events in the window but
 * the bad (or good) counter has neither series at the edges nor tiles. No bad series: 0 bad events assumed, and said;
 * no good series: no data (never "all bad", never healthy).
 */
function otherDiagnostic(
  spec: SloSpec,
  counts: Map<string, { total: number }>,
  otherSeen: boolean
): { diagnostic: Diagnostic; noData: boolean } | undefined {
  const total = [...counts.values()].reduce((s, c) => s + c.total, 0);
  if (otherSeen || total === 0) {
    return undefined;
  }
  if (counterExprs(spec.indicator).bad !== undefined) {
    const message = 'no series for `bad` in the window (recorded tiles and raw edges): 0 bad events assumed';
    return { diagnostic: { kind: 'no-series', counter: 'bad', message }, noData: false };
  }
  const message = 'no series for `good` in the window (recorded tiles and raw edges): no data (not 0 good events)';
  return { diagnostic: { kind: 'no-data', counter: 'good', message }, noData: true };
}

/** A promise with its resolve, for a value that comes later. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Statuses of an SLO with mode recorded or auto at t; `raw` evaluates it in raw mode. */
export async function evaluateWithMode(
  client: Parameters<typeof decideMode>[0],
  spec: SloSpec,
  t: number,
  opts: ModeOptions,
  raw: () => Promise<SloStatus[]>
): Promise<SloStatus[]> {
  const lookbacks = statusLookbacks(spec, t);
  const window = windowAt(t, spec.window);
  const longest = Math.max(window.end - window.start, ...lookbacks);
  const intervalMs = opts.recorded?.intervalMs ?? RECORDED_INTERVAL_MS;
  const ranges = [window, ...lookbacks.map((ms) => ({ start: t - ms, end: t }))];
  // With a page cache, the settled tiles' sums are kept for the page's life (a refresh reads the fresh ones).
  const tileCache = opts.cache && { cache: opts.cache, source: client.id, now: opts.now ?? Date.now() };
  const countOpts = { ...opts.recorded, tileCache };
  // The counts planned on the tile expected from the last decision (or, on a first load, from the clock) ride in the
  // decision's request (one request where the guess holds); a wrong guess costs the request the counts would have
  // taken anyway, and a wrong clock guess stops clock guesses on that data source.
  const seen = spec.mode === 'recorded' ? expectedNewestTile(client, spec, t, intervalMs) : undefined;
  let guess = seen ?? (spec.mode === 'recorded' ? clockNewestTile(client, t, intervalMs) : undefined);
  // A first load with the overview's burn-down and no guess (Prometheus: docs/recorded-mode.md, "First load"): the
  // burn-down's range request goes first, needing no decision; the newest tile it saw gives the grid to plan the
  // counts on, which then ride in the decision's request (2 requests where the guess holds).
  const first = guess === undefined && spec.mode === 'recorded' && hasBurndown(spec) && opts.hourlyBad === true;
  const newestLater = deferred<number | undefined>();
  const countsLater = deferred<Map<string, ExactCounts>>();
  let burndownEarly: Promise<BurndownStatus[]> | undefined;
  if (first) {
    const tile = deferred<number | undefined>();
    burndownEarly = loadBurndown(client, spec, t, {
      ...opts,
      groupBy: spec.groupBy,
      counts: countsLater.promise,
      tilesOf: { spec, newestTile: newestLater.promise, onTile: tile.resolve },
    });
    // Awaited below, or dropped (raw mode answers, the decision fails): no unhandled rejection.
    burndownEarly.catch(() => undefined);
    const seenTile = await Promise.race([tile.promise, burndownEarly.then(() => undefined)]);
    guess = seenTile === undefined ? undefined : newestOnGridOf(seenTile, t, intervalMs);
  }
  const dropEarly = () => {
    newestLater.resolve(undefined);
    countsLater.resolve(new Map());
  };
  const early = guess === undefined ? undefined : recordedCountQueries(spec, ranges, t, guess, countOpts);
  const decision = await decideMode(client, spec, t, longest, opts.recorded, early?.queries ?? []).catch((e) => {
    dropEarly();
    throw e;
  });
  const answeredBy = { mode: decision.mode, reason: decision.reason };
  if (decision.mode === 'raw') {
    dropEarly();
    return (await withRecordedHint(spec, raw())).map((s) => ({ ...s, answeredBy }));
  }
  const held = guess !== undefined && guess === decision.newestTile;
  if (seen === undefined && guess !== undefined && !first) {
    clockGuessHeld(client, held);
  }
  newestLater.resolve(decision.newestTile);
  const {
    counts: [counts, ...byLookback],
    missing,
    otherSeen,
  } = await recordedCounts(client, spec, ranges, t, decision.newestTile!, {
    ...countOpts,
    ...(held ? { answered: decision.extraFrames ?? [], plan: early } : {}),
  }).catch((e) => {
    countsLater.resolve(new Map());
    throw e;
  });
  countsLater.resolve(counts);
  const burndownList = burndownEarly
    ? await burndownEarly
    : hasBurndown(spec)
    ? await loadBurndown(client, spec, t, {
        ...opts,
        groupBy: spec.groupBy,
        counts,
        tilesOf: { spec, newestTile: decision.newestTile },
      })
    : [];
  const burndownByKey = new Map(burndownList.map((b) => [groupKey(b.group, spec.groupBy), b.burndown]));
  // The window's own piece only (a lookback as long as the window has the same one).
  const diagnostics: Diagnostic[] = missing
    .filter((m) => m.piece.start === window.start && m.piece.end === window.end)
    .slice(0, 1)
    .map((m) => missingDiagnostic(m, intervalMs));
  const age = t - decision.newestTile!;
  if (age > 2 * intervalMs) {
    diagnostics.push({
      kind: 'stale',
      counter: 'total',
      message: `the newest recorded tile is ${formatSpan(age)} old (${formatRfc3339Utc(
        decision.newestTile!
      )}): are the rules of \`burndown rules\` loaded? The rest comes from raw data`,
    });
  }
  const noSeries = otherDiagnostic(spec, counts, otherSeen[0]);
  if (noSeries) {
    diagnostics.push(noSeries.diagnostic);
  }
  const noData = noSeries?.noData ?? false;
  const keys = new Set<string>([...counts.keys(), ...byLookback.flatMap((m) => [...m.keys()])]);
  if (keys.size === 0) {
    keys.add('');
  }
  return [...keys].sort().map((key) => ({
    ...occurrencesStatus({
      spec,
      t,
      group: groupLabels(key, spec.groupBy),
      counts: noData ? null : counts.get(key) ?? null,
      countsOver: (ms) => (noData ? null : byLookback[lookbacks.indexOf(ms)]?.get(key)),
      burndown: hasBurndown(spec) ? burndownByKey.get(key) ?? NO_BURNDOWN : undefined,
      policyFrom: opts.policyFrom,
      diagnostics,
    }),
    answeredBy,
  }));
}
