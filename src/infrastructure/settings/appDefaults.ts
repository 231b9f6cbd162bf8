// The app-wide defaults of the Settings page (docs/semantics.md section 7), stored in the app's `jsonData` beside
// `slos`: `defaultDatasource` ({uid, type}) for SLOs that name no data source, and `defaultTimeZone` (an IANA name)
// for calendar windows that name no time zone. They fill only what an SLO leaves out: a field the SLO writes, even
// `timeZone: UTC`, wins. Without them an SLO reads Grafana's default Prometheus data source and UTC, as before.
// A default that does not validate is not applied and comes back as an error naming the jsonData field.
import { isTimeZone, type DatasourceRef, type SloError, type SloSpec } from '../../slo';
import { entryId } from './mergeSloChange';

export const DEFAULT_DATASOURCE_KEY = 'defaultDatasource';
export const DEFAULT_TIME_ZONE_KEY = 'defaultTimeZone';

export interface AppDefaults {
  datasource?: DatasourceRef;
  timeZone?: string;
}

const problem = (path: string, message: string): SloError => ({ file: 'jsonData', line: 0, column: 0, path, message });

/** The valid defaults of `jsonData`, and an error for each one that is set but does not validate. */
export function readAppDefaults(jsonData: Record<string, unknown>): { defaults: AppDefaults; errors: SloError[] } {
  const defaults: AppDefaults = {};
  const errors: SloError[] = [];
  const ds = jsonData[DEFAULT_DATASOURCE_KEY];
  if (ds !== undefined && ds !== null) {
    const ref = ds as Partial<DatasourceRef>;
    if (typeof ds === 'object' && typeof ref.uid === 'string' && ref.uid !== '') {
      defaults.datasource = typeof ref.type === 'string' ? { uid: ref.uid, type: ref.type } : { uid: ref.uid };
    } else {
      errors.push(problem(DEFAULT_DATASOURCE_KEY, 'expected a data source reference {uid, type}'));
    }
  }
  const tz = jsonData[DEFAULT_TIME_ZONE_KEY];
  if (tz !== undefined && tz !== null && tz !== '') {
    if (typeof tz === 'string' && isTimeZone(tz)) {
      defaults.timeZone = tz;
    } else {
      errors.push(problem(DEFAULT_TIME_ZONE_KEY, `unknown time zone ${JSON.stringify(tz)}: expected an IANA name`));
    }
  }
  return { defaults, errors };
}

/** Whether the raw entry's calendar window names its time zone (`calendar: month` does not). */
/** Whether a raw `jsonData.slos` entry writes its calendar's time zone (else the default applies). */
export function namesTimeZone(entry: unknown): boolean {
  const window = (entry as { window?: { calendar?: unknown } } | undefined)?.window;
  const calendar = window?.calendar;
  return typeof calendar === 'object' && calendar !== null && 'timeZone' in calendar;
}

/**
 * The SLOs with the defaults filled in where their raw entry (`jsonData.slos`, matched by id) leaves the field out.
 * Specs are copied, never changed in place.
 */
export function applyAppDefaults(slos: SloSpec[], rawSlos: unknown[], defaults: AppDefaults): SloSpec[] {
  if (!defaults.datasource && !defaults.timeZone) {
    return slos;
  }
  const rawById = new Map(rawSlos.map((e) => [entryId(e), e]));
  return slos.map((spec) => {
    let out = spec;
    if (defaults.datasource && !spec.datasource) {
      out = { ...out, datasource: { ...defaults.datasource } };
    }
    if (defaults.timeZone && out.window.kind === 'calendar' && !namesTimeZone(rawById.get(spec.id))) {
      out = { ...out, window: { ...out.window, timeZone: defaults.timeZone } };
    }
    return out;
  });
}

/** `jsonData` with the defaults set (an unset one removed), every other key kept. */
export function withAppDefaults(jsonData: Record<string, unknown>, defaults: AppDefaults): Record<string, unknown> {
  const { [DEFAULT_DATASOURCE_KEY]: _ds, [DEFAULT_TIME_ZONE_KEY]: _tz, ...rest } = jsonData;
  return {
    ...rest,
    ...(defaults.datasource ? { [DEFAULT_DATASOURCE_KEY]: defaults.datasource } : {}),
    ...(defaults.timeZone ? { [DEFAULT_TIME_ZONE_KEY]: defaults.timeZone } : {}),
  };
}
