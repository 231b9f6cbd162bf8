import type { SloStatus } from '../../../engine';
import { classifyStatus, OVERVIEW_STATUSES, STATUS_SEVERITY, STATUS_TEXT, worstStatus } from './overviewStatus';

const status = (o: Partial<SloStatus> = {}): SloStatus =>
  ({ noData: false, burnRates: { '1h': 0.5 }, diagnostics: [], ...o } as SloStatus);
const evaluated = (budgetLeft: number | null, o: Partial<SloStatus> = {}) =>
  classifyStatus({ kind: 'evaluated', status: status(o), budgetLeft });

describe('classifyStatus', () => {
  it('healthy, burning (burn rate now > 1), exhausted (budget left <= 0)', () => {
    expect(evaluated(0.5)).toBe('healthy');
    expect(evaluated(0.5, { burnRates: { '1h': 1 } })).toBe('healthy');
    expect(evaluated(0.5, { burnRates: { '1h': 1.01 } })).toBe('burning');
    expect(evaluated(0.5, { burnRates: { '1h': null } })).toBe('healthy');
    expect(evaluated(0, { burnRates: { '1h': 5 } })).toBe('exhausted');
    expect(evaluated(-0.3)).toBe('exhausted');
  });

  it('no data and a selector matching nothing are never healthy', () => {
    expect(evaluated(null)).toBe('noData');
    expect(evaluated(1, { noData: true })).toBe('noData');
    expect(evaluated(1, { diagnostics: [{ kind: 'no-series', counter: 'bad', message: 'm' }] })).toBe('noData');
  });

  it('stale data reads stale unless the budget is already spent', () => {
    const stale = [{ kind: 'stale' as const, counter: 'total' as const, message: 'm' }];
    expect(evaluated(0.9, { diagnostics: stale })).toBe('stale');
    expect(evaluated(0.9, { diagnostics: stale, burnRates: { '1h': 4 } })).toBe('stale');
    expect(evaluated(-0.1, { diagnostics: stale })).toBe('exhausted');
  });

  it('invalid SLOs and failed queries have their own status', () => {
    expect(classifyStatus({ kind: 'invalid' })).toBe('invalid');
    expect(classifyStatus({ kind: 'error' })).toBe('error');
  });

  it('every status has a text and a distinct severity; the worst wins', () => {
    expect(OVERVIEW_STATUSES.map((s) => STATUS_TEXT[s]).every((t) => t.length > 0)).toBe(true);
    expect(new Set(OVERVIEW_STATUSES.map((s) => STATUS_SEVERITY[s])).size).toBe(OVERVIEW_STATUSES.length);
    expect(worstStatus(['healthy', 'burning', 'stale'])).toBe('stale');
    expect(worstStatus(['healthy', 'exhausted', 'noData'])).toBe('exhausted');
    expect(worstStatus([])).toBeUndefined();
  });
});
