// Percent strings <-> fractions: "99.5%" = 0.995, shifting the decimal point in text so values round-trip exactly (docs/semantics.md section 10).

const PERCENT_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*%$/;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads a fraction from a number (0.995), a percent string ("99.5%") or a numeric string ("0.995").
 * Returns undefined for anything else. Range checks (e.g. objective in (0, 1)) are the caller's.
 */
export function parsePercentOrFraction(input: unknown): number | undefined {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? input : undefined;
  }
  if (typeof input !== 'string') {
    return undefined;
  }
  const text = input.trim();
  const percent = PERCENT_RE.exec(text);
  if (percent) {
    // "99.95e-2" is parsed as the decimal 0.9995, so it equals the literal 0.9995 (99.95 / 100 would not).
    return Number(`${percent[1]}e-2`);
  }
  if (NUMBER_RE.test(text)) {
    return Number(text);
  }
  return undefined;
}

/** Formats a fraction as a percent string: 0.995 -> "99.5%", 0 -> "0%". parsePercentOrFraction reads it back to the same number. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) {
    throw new RangeError(`cannot format ${fraction} as a percentage`);
  }
  return `${shiftDecimalPoint(String(fraction), 2)}%`;
}

/** Moves the decimal point of a JS number's string form `places` to the right, without floating-point arithmetic. */
function shiftDecimalPoint(text: string, places: number): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) {
    throw new RangeError(`unexpected number format ${text}`);
  }
  const [, sign, whole, frac = '', exponent = '0'] = match;
  const digits = whole + frac;
  const point = whole.length + Number(exponent) + places;
  let intPart: string;
  let fracPart: string;
  if (point <= 0) {
    intPart = '0';
    fracPart = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    intPart = digits + '0'.repeat(point - digits.length);
    fracPart = '';
  } else {
    intPart = digits.slice(0, point);
    fracPart = digits.slice(point);
  }
  intPart = intPart.replace(/^0+(?=\d)/, '');
  fracPart = fracPart.replace(/0+$/, '');
  const body = fracPart ? `${intPart}.${fracPart}` : intPart;
  return sign && body !== '0' ? `-${body}` : body;
}
