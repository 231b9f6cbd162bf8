// Split counts on the wire (docs/semantics.md section 8, "Split counts"; the rule is src/engine/splitPoints.ts): the
// PromQL that checks a split point p against the samples around it, for one counter's first selector (counters of one
// target share their scrapes, as for gap detection). Two parts, each reading every sample near p once: `span` reads
// (p - probe, p + probe] and sums 1 + RESET_WEIGHT x resets per series (the series around p, and whether any resets
// there), `both` counts the series with a sample in (p - probe, p] and one in (p, p + probe]. p is safe when some
// series are around, all of them are on both sides, and none resets: the rule of isSafeSplit, at 8 samples per series
// where separate `around`/`unsafe` parts read 20.
import { isSafeSplit, SPLIT_PROBE_MS, type SplitProbe } from '../engine/splitPoints';
import { fetchGridParts, type FetchOptions } from './fetch';
import type { Grid } from './frames';
import type { PromClient } from './client';
import { promDuration } from './promql';

/**
 * A reset weighs 2^20 in `span`: fewer series than that decode exactly; more read as a reset, which only refuses the
 * split (never accepts one wrongly). Sums stay exact integers in float64 up to 2^53.
 */
export const RESET_WEIGHT = 1_048_576;

function at(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The check's two parts, from the three range suffixes that select (p - probe, p], (p, p + probe] and both. */
function checkQueries(selector: string, before: string, after: string, span: string): { span: string; both: string } {
  return {
    span: `sum(resets(${selector}${span}) * ${RESET_WEIGHT} + 1)`,
    both: `count(last_over_time(${selector}${before}) and last_over_time(${selector}${after}))`,
  };
}

/** The two instant queries (evaluated at any time: every range carries `@`) that check split point p. */
export function splitCheckQueries(selector: string, p: number): { span: string; both: string } {
  const w = promDuration(SPLIT_PROBE_MS);
  const after = at(p + SPLIT_PROBE_MS);
  return checkQueries(
    selector,
    `[${w}] @ ${at(p)}`,
    `[${w}] @ ${after}`,
    `[${promDuration(2 * SPLIT_PROBE_MS)}] @ ${after}`
  );
}

/**
 * splitCheckQueries on a range query's grid: at each point e, the check of split point e (a negative offset reaches the
 * samples after e). One range query then checks every bucket edge of a chart (docs/semantics.md section 8).
 */
export function edgeCheckQueries(selector: string): { span: string; both: string } {
  const w = promDuration(SPLIT_PROBE_MS);
  return checkQueries(selector, `[${w}]`, `[${w}] offset -${w}`, `[${promDuration(2 * SPLIT_PROBE_MS)}] offset -${w}`);
}

/** A split point's verdict in the cache: it concerns settled samples, so it never changes. */
export function verdictKey(source: string, selector: string, p: number): string {
  return `split\u0000${source}\u0000${selector}\u0000${p}`;
}

/**
 * The probe from the two answers (an empty answer counts 0 series): the series around p, and how many of them miss a
 * side of p (at least 1 when any series resets near p).
 */
export function splitProbe(span: number | undefined, both: number | undefined): SplitProbe {
  const resets = Math.floor((span ?? 0) / RESET_WEIGHT);
  const around = (span ?? 0) - resets * RESET_WEIGHT;
  const oneSided = Math.max(0, around - (both ?? 0));
  return { around, unsafe: resets > 0 ? Math.max(1, oneSided) : oneSided };
}

/** Per grid point: whether every counter selector's series have samples on both sides and no reset near it. */
export async function edgeVerdicts(
  client: PromClient,
  selectors: readonly string[],
  grid: Grid,
  opts: FetchOptions
): Promise<boolean[]> {
  const parts: Record<string, string> = {};
  selectors.forEach((sel, k) => {
    const q = edgeCheckQueries(sel);
    parts[`span:${k}`] = q.span;
    parts[`both:${k}`] = q.both;
  });
  const answers = await fetchGridParts(client, parts, grid, { ...opts, groupBy: [] });
  const at = (name: string, i: number) => {
    const v = answers.get(name)?.get('')?.[i];
    return v === undefined || v !== v ? 0 : v;
  };
  return Array.from({ length: grid.count }, (_, i) =>
    selectors.every((_, k) => isSafeSplit(splitProbe(at(`span:${k}`, i), at(`both:${k}`, i))))
  );
}
