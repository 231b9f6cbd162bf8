import type { SloStatus } from '../../../query';
import { parseSloObjects, type SloSpec } from '../../../slo';
import { describeWindow } from '../../../shared/format';
import { rowFromStatuses } from './overviewRow';

function spec(window: Record<string, unknown> = { rolling: '28d' }): SloSpec {
  const { slos, errors } = parseSloObjects([
    {
      id: 'a',
      name: 'A',
      service: 'shop',
      indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
      objective: '99.5%',
      window,
    },
  ]);
  if (!slos) {
    throw new Error(JSON.stringify(errors));
  }
  return slos[0];
}

const status = (remaining: number | null, o: Partial<SloStatus> = {}): SloStatus =>
  ({
    id: 'a',
    group: {},
    remaining,
    sli: remaining === null ? null : 0.999,
    noData: remaining === null,
    ...o,
  } as SloStatus);

describe('rowFromStatuses', () => {
  it('shows the worst group and its state', () => {
    const row = rowFromStatuses(spec(), [status(0.8), status(-0.2, { sli: 0.99 }), status(null)]);
    expect([row.state, row.remaining, row.sli, row.groups]).toEqual(['exhausted', -0.2, 0.99, 3]);
    expect(rowFromStatuses(spec(), [status(0.4)]).state).toBe('healthy');
  });

  it('never shows no data as a figure', () => {
    const row = rowFromStatuses(spec(), [status(null), status(1, { noData: true })]);
    expect([row.state, row.remaining, row.sli]).toEqual(['noData', null, null]);
  });
});

describe('describeWindow', () => {
  it('names every window kind', () => {
    expect(describeWindow(spec().window)).toBe('Rolling 28d');
    expect(
      describeWindow(spec({ calendar: { unit: 'quarter', timeZone: 'Europe/Berlin', startMonth: 9 } }).window)
    ).toBe('Calendar quarter, from Sep (Europe/Berlin)');
    expect(describeWindow(spec({ calendar: { unit: 'month' } }).window)).toBe('Calendar month (UTC)');
    expect(describeWindow(spec({ fixed: { from: '2026-07-10T00:00:00Z', to: '2026-07-24T00:00:00Z' } }).window)).toBe(
      'Fixed 2026-07-10T00:00:00.000Z to 2026-07-24T00:00:00.000Z'
    );
  });
});
