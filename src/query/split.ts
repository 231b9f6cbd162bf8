// Split counts on the wire (docs/semantics.md section 8, "Split counts"; the rule is src/engine/splitPoints.ts): the
// PromQL that checks a split point p against the samples around it, for one counter's first selector (counters of one
// target share their scrapes, as for gap detection): `around` counts the series with a sample within SPLIT_PROBE_MS of
// p, `unsafe` those of them that miss a side of p or reset near it.
import { SPLIT_PROBE_MS, type SplitProbe } from '../engine/splitPoints';
import { fetchGridParts, type FetchOptions } from './fetch';
import type { Grid } from './frames';
import type { PromClient } from './client';
import { promDuration } from './promql';

function at(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** The two instant queries (evaluated at any time: every range carries `@`) that check split point p. */
export function splitCheckQueries(selector: string, p: number): { around: string; unsafe: string } {
  const w = promDuration(SPLIT_PROBE_MS);
  const w2 = promDuration(2 * SPLIT_PROBE_MS);
  const after = at(p + SPLIT_PROBE_MS);
  const around = `last_over_time(${selector}[${w2}] @ ${after})`;
  const before = `last_over_time(${selector}[${w}] @ ${at(p)})`;
  const following = `last_over_time(${selector}[${w}] @ ${after})`;
  return {
    around: `count(${around})`,
    unsafe:
      `count((${around} unless ${before}) or (${around} unless ${following}) ` +
      `or (resets(${selector}[${w2}] @ ${after}) > 0))`,
  };
}

/**
 * splitCheckQueries on a range query's grid: at each point e, the check of split point e (a negative offset reaches the
 * samples after e). One range query then checks every bucket edge of a chart (docs/semantics.md section 8).
 */
export function edgeCheckQueries(selector: string): { around: string; unsafe: string } {
  const w = promDuration(SPLIT_PROBE_MS);
  const w2 = promDuration(2 * SPLIT_PROBE_MS);
  const around = `last_over_time(${selector}[${w2}] offset -${w})`;
  const before = `last_over_time(${selector}[${w}])`;
  const following = `last_over_time(${selector}[${w}] offset -${w})`;
  return {
    around: `count(${around})`,
    unsafe:
      `count((${around} unless ${before}) or (${around} unless ${following}) ` +
      `or (resets(${selector}[${w2}] offset -${w}) > 0))`,
  };
}

/** A split point's verdict in the cache: it concerns settled samples, so it never changes. */
export function verdictKey(source: string, selector: string, p: number): string {
  return `split\u0000${source}\u0000${selector}\u0000${p}`;
}

/** The probe from the two answers (an empty answer counts 0 series). */
export function splitProbe(around: number | undefined, unsafe: number | undefined): SplitProbe {
  return { around: around ?? 0, unsafe: unsafe ?? 0 };
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
    parts[`around:${k}`] = q.around;
    parts[`unsafe:${k}`] = q.unsafe;
  });
  const answers = await fetchGridParts(client, parts, grid, { ...opts, groupBy: [] });
  const at = (name: string, i: number) => {
    const v = answers.get(name)?.get('')?.[i];
    return v === undefined || v !== v ? 0 : v;
  };
  return Array.from({ length: grid.count }, (_, i) =>
    selectors.every((_, k) => at(`around:${k}`, i) > 0 && at(`unsafe:${k}`, i) === 0)
  );
}
