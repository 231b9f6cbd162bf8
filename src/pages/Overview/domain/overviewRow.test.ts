import type { SloStatus } from '../../../engine';
import { parseSloObjects, type SloSpec } from '../../../slo';
import { describeIndicator, describeWindow } from '../../../shared/format';
import { loadingRow, rowDiagnostics, rowFromStatuses } from './overviewRow';

function specOf(o: Record<string, unknown> = {}): SloSpec {
  const { slos, errors } = parseSloObjects([
    {
      id: 'a',
      name: 'A',
      service: 'shop',
      indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
      objective: '99.5%',
      window: { rolling: '28d' },
      policy: [{ below: '50%', name: 'notify', actions: ['notify #shop'] }],
      ...o,
    },
  ]);
  if (!slos) {
    throw new Error(JSON.stringify(errors));
  }
  return slos[0];
}

const statusOf = (remaining: number | null, o: Partial<SloStatus> = {}): SloStatus =>
  ({
    id: 'a',
    group: {},
    remaining,
    sli: remaining === null ? null : 0.999,
    noData: remaining === null,
    burnRates: { '1h': 0.5 },
    timeToExhaustion: { state: 'not-burning', inMs: null },
    policy: null,
    diagnostics: [],
    ...o,
  } as SloStatus);

describe('rowFromStatuses', () => {
  it('shows the worst group and the worst status of its groups', () => {
    const row = rowFromStatuses(specOf(), [
      statusOf(0.8, { group: { route: '/a' } }),
      statusOf(-0.2, { sli: 0.99, group: { route: '/b' } }),
      statusOf(0.6, { group: { route: '/c' }, burnRates: { '1h': 3 } }),
    ]);
    expect([row.status, row.worst?.budgetLeft, row.worst?.sli, row.worst?.name, row.groups.length]).toEqual([
      'exhausted',
      -0.2,
      0.99,
      'route="/b"',
      3,
    ]);
    expect(row.groups.map((g) => g.status)).toEqual(['healthy', 'exhausted', 'burning']);
  });

  it('a group without data makes the SLO read no data, never healthy', () => {
    const row = rowFromStatuses(specOf(), [statusOf(0.9), statusOf(null, { group: { route: '/x' } })]);
    expect(row.status).toBe('noData');
    expect(row.worst?.budgetLeft).toBe(0.9);
    const none = rowFromStatuses(specOf(), [statusOf(1, { noData: true })]);
    expect([none.status, none.worst?.budgetLeft, none.worst?.sli]).toEqual(['noData', null, null]);
    expect(none.policy).toEqual({ kind: 'unknown' });
  });

  it('budget left is the burn-down for calendar windows and the remaining budget for rolling ones', () => {
    const cal = specOf({ window: { calendar: { unit: 'quarter' } } });
    const burndown = { remaining: 0.7, allowedBad: 10, usedBad: 3, forecastTotal: 1000 };
    const row = rowFromStatuses(cal, [statusOf(0.4, { burndown })]);
    expect([row.budgetBasis, row.worst?.budgetLeft, row.worst?.remaining, row.worst?.forecastTotal]).toEqual([
      'burndown',
      0.7,
      0.4,
      1000,
    ]);
    const rolling = rowFromStatuses(specOf(), [statusOf(0.4)]);
    expect([rolling.budgetBasis, rolling.worst?.budgetLeft]).toEqual(['window', 0.4]);
  });

  it('carries the active policy level with its actions, and each diagnostic once', () => {
    const spec = specOf();
    const stale = { kind: 'stale' as const, counter: 'total' as const, message: 'newest sample 20 min old' };
    const row = rowFromStatuses(spec, [
      statusOf(0.3, { policy: spec.policy[0], diagnostics: [stale] }),
      statusOf(0.35, { group: { r: 'b' }, diagnostics: [stale] }),
    ]);
    expect(row.policy).toEqual({ kind: 'active', level: spec.policy[0] });
    expect(row.status).toBe('stale');
    expect(rowDiagnostics(row)).toEqual([stale]);
  });

  it('a loading row has no figures and no status to filter on', () => {
    const row = loadingRow(specOf());
    expect([row.status, row.worst, row.groups]).toEqual(['loading', undefined, []]);
  });
});

describe('describeWindow and describeIndicator', () => {
  it('names every window kind', () => {
    expect(describeWindow(specOf().window)).toBe('Rolling 28d');
    expect(
      describeWindow(
        specOf({ window: { calendar: { unit: 'quarter', timeZone: 'Europe/Berlin', startMonth: 9 } } }).window
      )
    ).toBe('Calendar quarter, from Sep (Europe/Berlin)');
    expect(describeWindow(specOf({ window: { calendar: { unit: 'month' } } }).window)).toBe('Calendar month (UTC)');
    expect(
      describeWindow(specOf({ window: { fixed: { from: '2026-07-10T00:00:00Z', to: '2026-07-24T00:00:00Z' } } }).window)
    ).toBe('Fixed 2026-07-10 to 2026-07-24 (UTC)');
  });

  it('names every indicator kind', () => {
    expect(describeIndicator(specOf().indicator)).toBe('Ratio bad/total');
    expect(describeIndicator({ kind: 'latency', histogram: 'h', threshold: 0.25 })).toBe('Latency <= 0.25 s');
    expect(describeIndicator({ kind: 'threshold', expr: 'up', op: '>=', value: 1 })).toBe('Threshold >= 1');
    expect(describeIndicator({ kind: 'composite', components: [{ slo: 'a', weight: 1 }] })).toBe('Composite of 1');
  });
});
