// Test doubles for the two Grafana endpoints the panel uses (the same two the browser host fakes): the app's plugin
// settings, and /api/ds/query answered from a counter model whose exact increases are known in closed form. Plus a 2D
// canvas context (and Path2D) for jsdom, where @grafana/ui measures text and uPlot draws.
import { of, throwError } from 'rxjs';

import { batchParts, partLabels } from '../../../query/testing/batchParts';

export interface RateSegment {
  from: number;
  to: number;
  /** Bad events per second inside [from, to). */
  badPerSec: number;
}

/** Counters that exist from `dataStart`: total events at a constant rate, bad events per segment (0 elsewhere). */
export interface CounterModel {
  dataStart: number;
  totalPerSec: number;
  bad: RateSegment[];
  /** When set, every query fails with this datasource message. */
  error?: string;
}

/** Events of the model in (a, b]. */
export function eventsBetween(model: CounterModel, a: number, b: number, kind: 'bad' | 'total'): number {
  const lo = Math.max(a, model.dataStart);
  if (b <= lo) {
    return 0;
  }
  if (kind === 'total') {
    return ((b - lo) / 1000) * model.totalPerSec;
  }
  let sum = 0;
  for (const s of model.bad) {
    const x = Math.max(lo, s.from);
    const y = Math.min(b, s.to);
    if (y > x) {
      sum += ((y - x) / 1000) * s.badPerSec;
    }
  }
  return sum;
}

interface DsQueryRequest {
  url: string;
  data: {
    from: string;
    to: string;
    queries: Array<{ expr: string; instant?: boolean; range?: boolean; intervalMs?: number }>;
  };
}

function frameJSON(times: number[], values: number[], labels: Record<string, string> = {}) {
  return {
    schema: {
      meta: { type: 'timeseries-multi' },
      fields: [
        { name: 'Time', type: 'time' },
        { name: 'Value', type: 'number', labels },
      ],
    },
    data: { values: [times, values] },
  };
}

/** The value of `sum(increase(<selector>[Ns]))` (bad when the selector matches 5xx) or `count(<selector>)` at t. */
function evaluate(model: CounterModel, expr: string, t: number): number | undefined {
  if (t <= model.dataStart) {
    return undefined;
  }
  if (expr.startsWith('count')) {
    return 1;
  }
  const m = /\[(\d+)s\]/.exec(expr);
  if (!m) {
    throw new Error(`fake Prometheus cannot evaluate ${expr}`);
  }
  const kind = expr.includes('code=~"5.."') ? 'bad' : 'total';
  return eventsBetween(model, t - Number(m[1]) * 1000, t, kind);
}

/** What getBackendSrv().fetch returns for /api/ds/query, per the model. Records every query in `log`. */
export function fakeDsQuery(
  model: CounterModel,
  log: Array<{ expr: string; from: number; to: number; range: boolean }> = []
) {
  return (req: DsQueryRequest) => {
    if (req.url !== '/api/ds/query') {
      return throwError(() => ({ status: 404, statusText: 'Not Found', data: { message: `no fake for ${req.url}` } }));
    }
    const q = req.data.queries[0];
    const from = Number(req.data.from);
    const to = Number(req.data.to);
    log.push({ expr: q.expr, from, to, range: Boolean(q.range) });
    if (model.error) {
      return of({ data: { results: { A: { status: 400, error: model.error } } } });
    }
    if (q.range) {
      // One series per tagged part (chart.ts reads bad with total, and its gap count's two edges, as tagged parts).
      const frames = batchParts(q.expr, to).flatMap(({ part, expr }) => {
        const times: number[] = [];
        const values: number[] = [];
        for (let t = from; t <= to; t += q.intervalMs!) {
          const v = evaluate(model, expr, t);
          if (v !== undefined) {
            times.push(t);
            values.push(v);
          }
        }
        return times.length ? [frameJSON(times, values, partLabels(part))] : [];
      });
      return of({ data: { results: { A: { status: 200, frames } } } });
    } else {
      // A batched status query: one series per tagged part (src/query/batch.ts).
      const frames = batchParts(q.expr, to).flatMap(({ part, expr, at }) => {
        const v = evaluate(model, expr, at);
        return v === undefined ? [] : [frameJSON([to], [v], partLabels(part))];
      });
      return of({ data: { results: { A: { status: 200, frames } } } });
    }
  };
}

/** The app settings response carrying `slos` as jsonData.slos. */
export function fakeSettings(slos: unknown[]) {
  return (url: string) => {
    if (url !== '/api/plugins/burndown-slo-app/settings') {
      return Promise.reject({ status: 404, statusText: 'Not Found', data: { message: 'Plugin not found' } });
    }
    return Promise.resolve({ id: 'burndown-slo-app', enabled: true, jsonData: { slos } });
  };
}

/** SLO objects as provisioned (burndown/v1), on the checkout demo counters. */
export function checkoutSlo(overrides: Record<string, unknown> = {}) {
  return {
    id: 'checkout-availability',
    name: 'Checkout availability',
    datasource: { uid: 'prometheus' },
    indicator: {
      ratio: { bad: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' },
    },
    objective: '99.5%',
    window: { calendar: { unit: 'month', timeZone: 'UTC' } },
    policy: [
      { below: '50%', name: 'notify', actions: ['notify #payments'] },
      { below: '25%', name: 'freeze', actions: ['freeze releases'] },
      { below: '0%', name: 'stop', actions: ['stop'] },
    ],
    ...overrides,
  };
}

/** A 2D context that measures text by length and draws nothing: enough for BigValue, BarGauge and uPlot in jsdom. */
export function installCanvasContext(): void {
  const ctx: Record<string | symbol, unknown> = {};
  const proxy = new Proxy(ctx, {
    get(target, key) {
      if (key in target) {
        return target[key];
      }
      if (key === 'measureText') {
        return (text: string) => ({ width: text.length * 7, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 });
      }
      return () => undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    configurable: true,
    writable: true,
    value: () => proxy,
  });
  if (!('Path2D' in globalThis)) {
    // uPlot builds its paths as Path2D objects.
    class Path2DStub {
      addPath() {}
      closePath() {}
      moveTo() {}
      lineTo() {}
      bezierCurveTo() {}
      quadraticCurveTo() {}
      arc() {}
      arcTo() {}
      ellipse() {}
      rect() {}
    }
    Object.defineProperty(globalThis, 'Path2D', { configurable: true, writable: true, value: Path2DStub });
  }
}
