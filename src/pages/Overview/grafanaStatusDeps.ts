// The overview's loader over Grafana: each SLO's Prometheus data source through Grafana's data proxy
// (GrafanaPromClient), the status service's evaluation and the trend, with the page's one cache (shared with the detail page and the panels) so a
// refresh re-reads only what is not settled (src/query/cache.ts).
import { GrafanaPromClient } from '../../datasource/GrafanaPromClient';
import { resolveSloDatasource } from '../../infrastructure/datasources/resolveSloDatasource';
import { evaluateOnce, PAGE_CACHE } from '../../query';
import { loadTrend, type StatusDeps } from './loadStatuses';

const cache = PAGE_CACHE;

export const defaultStatusDeps: StatusDeps = {
  clientFor: (spec) => {
    const ds = resolveSloDatasource(spec);
    return new GrafanaPromClient(ds.uid, ds.type);
  },
  evaluate: (client, spec, t, opts) => evaluateOnce(client, spec, t, { cache, ...opts }),
  trend: (client, spec, t, statuses) => loadTrend(client, spec, t, cache, statuses),
};
