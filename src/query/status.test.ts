import type { SloSpec } from '../slo/types';
import type { PromClient } from './client';
import type { FrameLike } from './frames';
import { evaluateAll } from './status';
import { batchParts, partLabels } from './testing/batchParts';

const T = Date.UTC(2026, 7, 16);

/** 10 events/s; `bad` selectors (5xx) get `badShare` of them; `down` metrics have no series at all. */
function client(badShare: number): PromClient & { requests: number; maxInFlight: number } {
  let inFlight = 0;
  const c = {
    id: 'fake',
    requests: 0,
    maxInFlight: 0,
    range: async () => [],
    instant: async (batch: string, t: number): Promise<FrameLike[]> => {
      c.requests++;
      inFlight++;
      c.maxInFlight = Math.max(c.maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return batchParts(batch, t).flatMap(({ part, expr }) => {
        if (expr.includes('down_total')) {
          return [];
        }
        const seconds = expr.startsWith('count') ? 0 : Number(/\[(\d+)s\]/.exec(expr)![1]);
        const v = expr.startsWith('count') ? 1 : seconds * 10 * (expr.includes('5..') ? badShare : 1);
        return [
          {
            fields: [
              { name: 'Time', type: 'time', values: [t] },
              { name: 'Value', type: 'number', values: [v], labels: partLabels(part) },
            ],
          },
        ];
      });
    },
  };
  return c;
}

function ratio(id: string, metric = 'http_requests_total'): SloSpec {
  return {
    id,
    name: id,
    labels: {},
    indicator: { kind: 'ratio', bad: `${metric}{code=~"5.."}`, total: metric },
    objective: 0.99,
    window: { kind: 'calendar', unit: 'month', timeZone: 'UTC', startMonth: 1, weekStart: 'monday' },
    budgetingMethod: 'occurrences',
    groupBy: [],
    exclusions: [{ from: T - 3_600_000 * 5, to: T - 3_600_000 * 4, reason: 'maintenance' }],
    policy: [],
    alerting: { page: false, ticket: false },
  };
}

function composite(id: string, components: string[]): SloSpec {
  return {
    ...ratio(id),
    indicator: { kind: 'composite', components: components.map((slo) => ({ slo, weight: 1 })) },
  };
}

describe('evaluateAll', () => {
  it('sends one request per occurrence SLO, and composites reuse their components', async () => {
    const c = client(0.005);
    const slos = [composite('both', ['a', 'b']), ratio('a'), ratio('b', 'down_total')];
    const results = await evaluateAll(c, slos, T, { concurrency: 2 });
    expect(c.requests).toBe(2);
    expect(results.map((r) => r.spec.id)).toEqual(['both', 'a', 'b']);
    const [both, a, b] = results.map((r) => ('statuses' in r ? r.statuses[0] : undefined));
    expect(a!.remaining).toBeCloseTo(0.5, 12);
    expect(b!.noData).toBe(true);
    expect(both!.remaining).toBeCloseTo(0.5, 12);
    expect(both!.partial).toBe(true);
    expect(both!.diagnostics.map((d) => d.kind)).toEqual(['partial']);
  });

  it('keeps to the concurrency limit, and one failing SLO does not stop the others', async () => {
    const c = client(0.001);
    const slos = [...Array.from({ length: 12 }, (_, i) => ratio(`s${i}`)), composite('broken', ['missing'])];
    const results = await evaluateAll(c, slos, T, { concurrency: 3 });
    expect(c.requests).toBe(12);
    expect(c.maxInFlight).toBeLessThanOrEqual(3);
    expect(results.filter((r) => 'statuses' in r)).toHaveLength(12);
    const broken = results[12];
    expect('error' in broken && String(broken.error)).toContain('unknown SLO "missing"');
  });
});
