// RFC 3339 timestamps <-> epoch milliseconds: `2026-08-05T02:00:00Z`, `2026-08-05T04:00:00.5+02:00` (docs/semantics.md section 10).

const RFC3339_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds for an RFC 3339 date-time with an explicit offset; undefined when malformed or out of range. Sub-millisecond digits are truncated. */
export function parseRfc3339(text: string): number | undefined {
  const m = typeof text === 'string' ? RFC3339_RE.exec(text) : null;
  if (!m) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (!m[8]) {
    const offsetHours = Number(m[10]);
    const offsetMins = Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) {
      return undefined;
    }
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, millis);
  return utc.getTime() - offsetMinutes * 60_000;
}

/** `2026-08-05T02:00:00Z` (milliseconds only when non-zero). */
export function formatRfc3339(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.replace('.000Z', 'Z');
}
