import { matchesSearch, searchTerms } from './searchSlos';

const row = { id: 'checkout-q-utc', name: 'Checkout availability', service: 'checkout', labels: { team: 'payments' } };

describe('matchesSearch', () => {
  it('needs every term, in any field, ignoring case', () => {
    expect(matchesSearch(row, '')).toBe(true);
    expect(matchesSearch(row, '  CHECKOUT   avail ')).toBe(true);
    expect(matchesSearch(row, 'team=payments q-utc')).toBe(true);
    expect(matchesSearch(row, 'checkout latency')).toBe(false);
    expect(matchesSearch({ ...row, service: undefined, labels: {} }, 'payments')).toBe(false);
  });

  it('splits on any whitespace', () => {
    expect(searchTerms(' a\tb  c ')).toEqual(['a', 'b', 'c']);
  });
});
