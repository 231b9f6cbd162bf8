import { emptySloForm, type SloForm } from './sloForm';
import { fieldText, reapply, theirChanges } from './conflictMerge';

const base: SloForm = {
  ...emptySloForm(),
  id: 'checkout',
  name: 'Checkout',
  objective: '99.5%',
  ratioQuery: 'errors',
  ratioTotal: 'requests',
  labels: [{ key: 'team', value: 'payments' }],
};

describe('a conflict as a three-way comparison of form fields', () => {
  it('lists only what they changed, theirs and yours, and whether you changed it too', () => {
    const theirs = { ...base, name: 'Renamed', objective: '99%', labels: [{ key: 'team', value: 'core' }] };
    const yours = { ...base, objective: '99.9%', runbook: 'https://r' };
    expect(theirChanges(base, theirs, yours)).toEqual([
      { field: 'name', label: 'Name', theirs: '"Renamed"', yours: '"Checkout"', both: false },
      { field: 'labels', label: 'Labels', theirs: 'team=core', yours: 'team=payments', both: false },
      { field: 'objective', label: 'Objective', theirs: '"99%"', yours: '"99.9%"', both: true },
    ]);
  });

  it('is empty when the SLO is gone, and when they changed nothing', () => {
    expect(theirChanges(base, undefined, base)).toEqual([]);
    expect(theirChanges(base, { ...base }, { ...base, name: 'Mine' })).toEqual([]);
  });

  it('does not flag a field both set to the same value', () => {
    const both = { ...base, objective: '99%' };
    expect(theirChanges(base, both, both)[0]).toMatchObject({ field: 'objective', both: false });
    expect(reapply(base, both, both).review).toEqual([]);
  });

  it('re-applies your changes over theirs, keeps theirs elsewhere, and flags fields both changed', () => {
    const theirs = { ...base, name: 'Renamed', objective: '99%', policy: [] };
    const yours = { ...base, objective: '99.9%', alertPage: true };
    const { form, review } = reapply(base, theirs, yours);
    expect(form).toEqual({ ...base, name: 'Renamed', objective: '99.9%', alertPage: true });
    expect(review.map((r) => [r.field, r.theirs, r.yours])).toEqual([['objective', '"99%"', '"99.9%"']]);
  });

  it('reads lists and switches as text', () => {
    const f: SloForm = {
      ...base,
      description: '',
      alertTicket: true,
      components: [{ slo: 'a', weight: '2' }],
      exclusions: [{ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', reason: 'migration' }],
      policy: [
        {
          name: 'Freeze',
          below: '25%',
          burnRateAbove: '',
          burnRateWindow: '',
          actions: '',
          exceptions: '',
          blocksReleases: true,
        },
      ],
    };
    expect(fieldText(f, 'description')).toBe('(empty)');
    expect(fieldText(f, 'alertTicket')).toBe('on');
    expect(fieldText(f, 'components')).toBe('a x2');
    expect(fieldText(f, 'exclusions')).toBe('2026-01-01T00:00:00Z to 2026-01-02T00:00:00Z (migration)');
    expect(fieldText(f, 'policy')).toBe('Freeze below 25%');
    expect(fieldText({ ...f, labels: [] }, 'labels')).toBe('(none)');
  });
});
