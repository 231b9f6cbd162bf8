// The overview's loader over Grafana: each SLO's Prometheus data source through Grafana's data proxy
// (GrafanaPromClient), the status service's evaluation and the trend, with the page's one cache (shared with the detail page and the panels) so a
// refresh re-reads only what is not settled (src/query/cache.ts).
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { resolveSloDatasource } from '../../infrastructure/datasources/resolveSloDatasource';
import { evaluateOnce, PAGE_CACHE } from '../../query';
import { BENCH_CONCURRENCY_KEY, loadTrend, type StatusDeps } from './loadStatuses';

const cache = PAGE_CACHE;

/** The bench's concurrency (BENCH_CONCURRENCY_KEY in localStorage); absent outside the bench. */
function benchConcurrency(): number | undefined {
  try {
    const n = Number(globalThis.localStorage?.getItem(BENCH_CONCURRENCY_KEY));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined; // storage refused (privacy settings): the default
  }
}

export const defaultStatusDeps: StatusDeps = {
  concurrency: benchConcurrency(),
  clientFor: (spec) => {
    const ds = resolveSloDatasource(spec);
    return new GrafanaPromClient(ds.uid, ds.type);
  },
  evaluate: (client, spec, t, opts) => evaluateOnce(client, spec, t, { cache, ...opts }),
  trend: (client, spec, t, statuses) => loadTrend(client, spec, t, cache, statuses),
};
