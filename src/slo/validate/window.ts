// The window an SLO is judged over: rolling <duration>, calendar <unit> (in a time zone, with a fiscal start month
// or week start) or fixed {from, to} (docs/semantics.md sections 3 and 10).

import type { CalendarDocument, FixedWindowDocument, WindowDocument } from '../document';
import {
  exactlyOne,
  joinPath,
  keysOf,
  keysOfUnion,
  type ReadContext,
  readDuration,
  readEnum,
  readFields,
  readInterval,
  readNumber,
  readTimeZone,
  report,
  requireField,
  type ValueNode,
} from '../read';
import type { CalendarUnit, Weekday, WindowSpec } from '../types';

const WINDOW_FIELDS = keysOf<WindowDocument>({ rolling: true, calendar: true, fixed: true });
const CALENDAR_FIELDS = keysOf<CalendarDocument>({ unit: true, timeZone: true, startMonth: true, weekStart: true });
const FIXED_FIELDS = keysOf<FixedWindowDocument>({ from: true, to: true });

export const CALENDAR_UNITS = keysOfUnion<CalendarUnit>({
  day: true,
  week: true,
  month: true,
  quarter: true,
  year: true,
});
export const WEEKDAYS = keysOfUnion<Weekday>({
  monday: true,
  tuesday: true,
  wednesday: true,
  thursday: true,
  friday: true,
  saturday: true,
  sunday: true,
});

/** Exactly one window kind, with the calendar defaults (UTC, startMonth 1, weekStart monday) filled. */
export function validateWindow(ctx: ReadContext, node: ValueNode, path: string): WindowSpec | undefined {
  const f = readFields(ctx, node, path, WINDOW_FIELDS, 'a mapping with one of rolling, calendar, fixed');
  const kind = f && exactlyOne(ctx, f, node, path, WINDOW_FIELDS, 'a window');
  if (!f || !kind) {
    return undefined;
  }
  const value = f[kind]!.value;
  const p = joinPath(path, kind);
  if (kind === 'rolling') {
    const durationMs = readDuration(ctx, value, p);
    return durationMs === undefined ? undefined : { kind: 'rolling', durationMs };
  }
  if (kind === 'fixed') {
    const ff = readFields(ctx, value, p, FIXED_FIELDS, 'a mapping with from and to');
    const range = ff && readInterval(ctx, ff, value, p);
    return range && { kind: 'fixed', ...range };
  }
  return validateCalendar(ctx, value, p);
}

/** `calendar: month` or `calendar: {unit, timeZone, startMonth, weekStart}`. */
function validateCalendar(ctx: ReadContext, node: ValueNode, path: string): WindowSpec | undefined {
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const unit = readEnum(ctx, node, path, CALENDAR_UNITS, 'calendar unit');
    return unit && { kind: 'calendar', unit, timeZone: 'UTC', startMonth: 1, weekStart: 'monday' };
  }
  const f = readFields(
    ctx,
    node,
    path,
    CALENDAR_FIELDS,
    `a calendar unit (${CALENDAR_UNITS.join(', ')}) or a mapping with unit`
  );
  if (!f) {
    return undefined;
  }
  const before = ctx.errors.length;
  const u = requireField(ctx, f, 'unit', node, path);
  const unit = u && readEnum(ctx, u.value, joinPath(path, 'unit'), CALENDAR_UNITS, 'calendar unit');
  let timeZone = 'UTC';
  if (f.timeZone) {
    timeZone = readTimeZone(ctx, f.timeZone.value, joinPath(path, 'timeZone')) ?? timeZone;
  }
  let startMonth = 1;
  if (f.startMonth) {
    const p = joinPath(path, 'startMonth');
    const value = readNumber(ctx, f.startMonth.value, p);
    if (value !== undefined && (!Number.isInteger(value) || value < 1 || value > 12)) {
      report(ctx, f.startMonth.value.pos, p, `expected a month number from 1 to 12, got ${value}`);
    } else if (unit && unit !== 'quarter' && unit !== 'year') {
      report(ctx, f.startMonth.keyPos, p, `startMonth applies to quarter and year windows, not ${unit}`);
    } else if (value !== undefined) {
      startMonth = value;
    }
  }
  let weekStart: Weekday = 'monday';
  if (f.weekStart) {
    const p = joinPath(path, 'weekStart');
    const value = readEnum(ctx, f.weekStart.value, p, WEEKDAYS, 'weekday');
    if (value && unit && unit !== 'week') {
      report(ctx, f.weekStart.keyPos, p, `weekStart applies to week windows, not ${unit}`);
    } else if (value) {
      weekStart = value;
    }
  }
  return ctx.errors.length > before ? undefined : { kind: 'calendar', unit: unit!, timeZone, startMonth, weekStart };
}
