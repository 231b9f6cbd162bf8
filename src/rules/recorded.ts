// Recorded mode's rules (docs/recorded-mode.md, docs/semantics.md §8): per SLO, its events in consecutive tiles
// (t - I, t] of a fixed interval I, summed by groupBy, recorded every I, so the events over any window are the sum of
// the tiles inside it (plus raw data for the edges; src/query/recorded.ts).
//
// Per counter series s, one tile is the exact sample difference
//   last_over_time(s[L]) - last_over_time(s[L] offset I)
// (the newest sample at or before t minus the newest at or before t - I): consecutive tiles chain sample to sample,
// so their sum loses nothing at tile edges (increase() would extrapolate each tile's edges) and a scrape gap shorter
// than L lands in the tile after it. Where a counter reset shows (resets() in the tile, or a negative difference), or
// where the series has no sample within L before t - I (new series, a longer gap), the tile falls back to
// increase(s[I]): reset-safe, extrapolated. Cost of the exactness: each evaluation reads 2 x L of samples per series
// instead of I (docs/recorded-mode.md, "Accuracy and cost").
import { checkPromql, print, printSelector, promDuration, sloTree, transform, type Expr } from '../promql';
import { counterExprs } from '../query/promql';
import type { SloSpec } from '../slo/types';
import { formatDuration } from '../slo/duration';
import type { CommentedGroup, RecordingRule } from './prometheusRules';

/** The tile length and evaluation interval of the recorded groups. */
export const RECORDED_INTERVAL_MS = 5 * 60_000;
/** How far back a tile looks for its previous sample: a scrape gap up to this long loses nothing. */
export const RECORDED_LOOKBACK_MS = 60 * 60_000;

/** Not `burndown:slo_events_*:increase<W>` (the burn-rate records, which carry a `window` label). */
export const RECORDED_TOTAL = 'burndown:slo_events_total:tiles';
export const RECORDED_BAD = 'burndown:slo_events_bad:tiles';

export interface TileOptions {
  intervalMs?: number;
  lookbackMs?: number;
  /**
   * Read the previous sample with instant selectors (`s @ t offset I`: one sample per series, within the server's
   * lookback delta) instead of `last_over_time(s[L])`: the raw edges of src/query/recorded.ts, read at query time,
   * where L's samples would be most of recorded mode's cost.
   */
  instant?: boolean;
  /**
   * The plain difference, without the reset guard (`resets()`, `increase()`: every sample in the range): for the raw
   * edges of src/query/recorded.ts, which re-read an edge with the guard where its sum shows a reset.
   */
  unguarded?: boolean;
}

/** `burndown:slo_events_total:tiles5m`: the recorded total of an interval. */
export function recordedName(prefix: typeof RECORDED_TOTAL | typeof RECORDED_BAD, intervalMs: number): string {
  return `${prefix}${formatDuration(intervalMs)}`;
}

/** The group name of an SLO's recorded tiles. */
export function recordedGroupName(spec: SloSpec): string {
  return `burndown-slo-${spec.id}-recorded`;
}

/** SLOs that recorded mode can serve: events counted by counters (ratio, latency) and budgeted in occurrences. */
export function hasRecordedMode(spec: SloSpec): boolean {
  return (
    (spec.indicator.kind === 'ratio' || spec.indicator.kind === 'latency') && spec.budgetingMethod === 'occurrences'
  );
}

/** `5m` in rules; any length (`37500ms`) for the raw edges of src/query/recorded.ts. */
function dur(ms: number): string {
  return ms % 60_000 === 0 ? formatDuration(ms) : promDuration(ms);
}

/** PromQL of one series' tile (t - I, t] (see the top comment); `at` pins it to an instant (`@ <seconds>`). */
export function seriesTile(selector: string, opts: TileOptions = {}, at?: string): string {
  const i = dur(opts.intervalMs ?? RECORDED_INTERVAL_MS);
  const l = dur(opts.lookbackMs ?? RECORDED_LOOKBACK_MS);
  const pin = at === undefined ? '' : ` @ ${at}`;
  const newest = (offset: string) =>
    opts.instant ? `${selector}${pin}${offset}` : `last_over_time(${selector}[${l}]${pin}${offset})`;
  if (opts.unguarded) {
    return `${newest('')} - ${newest(` offset ${i}`)}`;
  }
  return (
    `((${newest('')} - ${newest(` offset ${i}`)}) >= 0 ` +
    `unless resets(${selector}[${i}]${pin}) > 0) or increase(${selector}[${i}]${pin})`
  );
}

function parsed(text: string): Expr {
  const { expr, problems } = checkPromql(text);
  if (!expr) {
    throw new Error(`tile expression does not parse: ${problems[0]?.message}: ${text}`);
  }
  return expr;
}

/**
 * Events of a counter expression (what checkSloQuery accepts as 'counter') in the tile ending at the evaluation time
 * (or at `at`), summed by groupBy: every selector becomes its series' tile.
 */
export function tileQuery(expr: string, groupBy: readonly string[], opts: TileOptions = {}, at?: string): string {
  const intervalMs = opts.intervalMs ?? RECORDED_INTERVAL_MS;
  const marks = [expr, ...groupBy].some((x) => x.includes(AT_MARK) || x.includes(INTERVAL_MARK));
  if (marks) {
    return buildTileQuery(expr, groupBy, opts, at);
  }
  const key = JSON.stringify([expr, groupBy, opts.lookbackMs, opts.instant, opts.unguarded, at !== undefined]);
  let template = templates.get(key);
  if (template === undefined) {
    template = buildTileQuery(expr, groupBy, { ...opts, intervalMs: INTERVAL_MARK_MS }, at && AT_MARK);
    templates.set(key, template);
    if (templates.size > TEMPLATES_SIZE) {
      templates.delete(templates.keys().next().value!);
    }
  }
  const filled = template.split(INTERVAL_MARK).join(dur(intervalMs));
  return at === undefined ? filled : filled.split(`@ ${AT_MARK}`).join(`@ ${at}`);
}

/**
 * tileQuery's text with stand-ins for the tile's length and instant, by expression and shape: the query layer asks
 * for every raw edge's tile (src/query/recorded.ts), each of another length and instant, and parsing and printing
 * each was a quarter of the overview's main thread before its first screen (docs/performance.md). The printer keeps
 * durations and `@` instants as written, so the stand-ins are replaced in the text; an expression holding one is
 * built directly.
 */
const templates = new Map<string, string>();
const TEMPLATES_SIZE = 2000;
const AT_MARK = '9999999999.999';
const INTERVAL_MARK_MS = 9_876_543_211;
const INTERVAL_MARK = dur(INTERVAL_MARK_MS);

/** tileQuery built directly, without templates (the reference its tests compare with). */
export function buildTileQuery(expr: string, groupBy: readonly string[], opts: TileOptions, at?: string): string {
  const tree = transform(sloTree(expr, 'counter'), (n) =>
    n.type === 'vector'
      ? {
          from: n.from,
          to: n.to,
          type: 'paren',
          expr: parsed(seriesTile(printSelector(n.metric, n.matchers), opts, at)),
        }
      : n
  );
  const by = groupBy.length > 0 ? ` by (${groupBy.join(', ')})` : '';
  return `sum${by}(${print(tree)})`;
}

/** The total and bad tiles of an SLO (bad = total - good, at least 0, where it counts good events). */
export function tileQueries(spec: SloSpec, opts: TileOptions = {}, at?: string): { total: string; bad: string } {
  const c = counterExprs(spec.indicator);
  const total = tileQuery(c.total, spec.groupBy, opts, at);
  const bad =
    c.bad !== undefined
      ? tileQuery(c.bad, spec.groupBy, opts, at)
      : `clamp_min(${total} - ${tileQuery(c.good!, spec.groupBy, opts, at)}, 0)`;
  return { total, bad };
}

/** One group per SLO that recorded mode serves, evaluated every interval (the tiles must chain). */
export function recordedRuleGroups(specs: readonly SloSpec[], opts: TileOptions = {}): CommentedGroup[] {
  const intervalMs = opts.intervalMs ?? RECORDED_INTERVAL_MS;
  return specs.filter(hasRecordedMode).map((spec) => {
    const labels = { slo: spec.id, ...(spec.service !== undefined ? { service: spec.service } : {}) };
    const q = tileQueries(spec, opts);
    const rules: RecordingRule[] = [
      { record: recordedName(RECORDED_TOTAL, intervalMs), expr: q.total, labels },
      { record: recordedName(RECORDED_BAD, intervalMs), expr: q.bad, labels },
    ];
    return {
      group: { name: recordedGroupName(spec), interval: dur(intervalMs), rules },
      comments: [
        `SLO ${spec.id}: recorded mode (docs/recorded-mode.md). Events per ${dur(
          intervalMs
        )} tile; the interval must ` + 'stay as it is (the tiles chain). Reads raw counters only: one backfill pass.',
      ],
    };
  });
}
