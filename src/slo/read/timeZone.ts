// IANA time zone names as Intl knows them (calendar windows, OpenSLO `calendar.timeZone`), with a did-you-mean.

import { ReadContext, report } from './context';
import { suggestion } from './suggest';
import type { ValueNode } from './tree';
import { readString } from './values';

/** True for zone names Intl knows (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(name: string): boolean {
  if (validZones.has(name)) {
    return true;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
  } catch {
    return false;
  }
  validZones.add(name);
  return true;
}
const validZones = new Set<string>();

let zoneNames: string[] | undefined;
function timeZoneNames(): string[] {
  if (!zoneNames) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    zoneNames = supported ? [...supported('timeZone'), 'UTC'] : ['UTC'];
  }
  return zoneNames;
}

/** A non-empty zone name Intl knows, kept as written. */
export function readTimeZone(ctx: ReadContext, node: ValueNode, path: string): string | undefined {
  const tz = readString(ctx, node, path, true);
  if (tz !== undefined && !isTimeZone(tz)) {
    report(ctx, node.pos, path, `unknown time zone "${tz}"${suggestion(tz, timeZoneNames())}`);
    return undefined;
  }
  return tz;
}
