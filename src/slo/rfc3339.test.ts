import { formatRfc3339, parseRfc3339 } from './rfc3339';

describe('parseRfc3339', () => {
  it.each([
    ['2026-08-05T02:00:00Z', Date.UTC(2026, 7, 5, 2)],
    ['2026-08-05t02:00:00z', Date.UTC(2026, 7, 5, 2)],
    ['2026-08-05T04:00:00+02:00', Date.UTC(2026, 7, 5, 2)],
    ['2026-01-10T22:00:00+05:30', Date.UTC(2026, 0, 10, 16, 30)],
    ['2026-08-05T02:00:00.25Z', Date.UTC(2026, 7, 5, 2, 0, 0, 250)],
    ['2026-08-05T02:00:00.123456789-00:00', Date.UTC(2026, 7, 5, 2, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s', (text, ms) => {
    expect(parseRfc3339(text)).toBe(ms);
  });

  it.each([
    '2026-08-05',
    '2026-08-05T02:00:00',
    '2026-08-05 02:00:00Z',
    '2026-13-01T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-08-05T24:00:00Z',
    '2026-08-05T02:60:00Z',
    '2026-08-05T02:00:00+2:00',
    'yesterday',
  ])('rejects %s', (text) => {
    expect(parseRfc3339(text)).toBeUndefined();
  });
});

describe('formatRfc3339', () => {
  it('prints UTC with milliseconds only when present', () => {
    expect(formatRfc3339(Date.UTC(2026, 7, 5, 2))).toBe('2026-08-05T02:00:00Z');
    expect(formatRfc3339(Date.UTC(2026, 7, 5, 2, 0, 0, 5))).toBe('2026-08-05T02:00:00.005Z');
    expect(parseRfc3339(formatRfc3339(1785895200123))).toBe(1785895200123);
  });
});
