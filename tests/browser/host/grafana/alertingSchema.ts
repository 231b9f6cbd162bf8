// THE schema of the faked alerting provisioning API's request bodies, written from Grafana's documentation
// (https://grafana.com/docs/grafana/latest/developers/http_api/alerting_provisioning/, "ProvisionedAlertRule",
// "AlertQuery", "RelativeTimeRange", "AlertRuleGroup"; docs/sources/developers/http_api/alerting_provisioning.md in
// grafana/grafana) and the limits Grafana's validation enforces:
//  - ProvisionedAlertRule: required title, folderUID, ruleGroup, condition, data, noDataState, execErrState, for;
//    optional uid, labels, annotations, isPaused (and the read-only id, orgID, updated, provenance, which Grafana
//    fills in itself: orgID comes from the signed-in org, so it is not required here although the swagger marks it);
//  - noDataState in {Alerting, NoData, OK, KeepLast}; execErrState in {OK, Alerting, Error, KeepLast};
//  - `for` a Prometheus duration string ("5m", "1h30m");
//  - uid: at most 40 characters of [a-zA-Z0-9_-] (Grafana's short UIDs); title and ruleGroup at most 190 characters;
//  - data[]: refId unique and non-empty, datasourceUid, model an object, relativeTimeRange {from >= to >= 0} seconds;
//    expressions (datasourceUid "__expr__") of type math/reduce/threshold/resample/classic_conditions name only refIds
//    of the rule; `condition` is one of the refIds;
//  - AlertRuleGroup: title, folderUid, interval (seconds, a positive multiple of the scheduler's 10 s), rules.
// A field Grafana does not know is refused here (Grafana's JSON decoding would drop it silently: a typo would lose a
// setting without a word). Messages follow Grafana's ("invalid rule specification at index [0]: unknown NoData
// state option No Data").

export const NO_DATA_STATES = ['Alerting', 'NoData', 'OK', 'KeepLast'];
export const EXEC_ERR_STATES = ['OK', 'Alerting', 'Error', 'KeepLast'];
export const EXPRESSION_TYPES = ['math', 'reduce', 'threshold', 'resample', 'classic_conditions'];
export const UID_MAX = 40;
export const UID_RE = /^[a-zA-Z0-9_-]+$/;
export const TITLE_MAX = 190;
export const DURATION_RE = /^(\d+(ms|s|m|h|d|w|y))+$/;
export const SCHEDULER_INTERVAL_S = 10;

const RULE_FIELDS = new Set([
  'uid',
  'title',
  'folderUID',
  'ruleGroup',
  'condition',
  'data',
  'noDataState',
  'execErrState',
  'for',
  'labels',
  'annotations',
  'isPaused',
  'id',
  'orgID',
  'updated',
  'provenance',
  'notification_settings',
]);
const QUERY_FIELDS = new Set(['refId', 'queryType', 'relativeTimeRange', 'datasourceUid', 'model']);
const GROUP_FIELDS = new Set(['title', 'folderUid', 'interval', 'rules']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

function stringMap(v: unknown, field: string): string[] {
  if (v === undefined) {
    return [];
  }
  if (!isObject(v) || Object.values(v).some((x) => !isString(x))) {
    return [`${field} must be a map of strings`];
  }
  return [];
}

function unknownFields(v: Record<string, unknown>, known: Set<string>, where: string): string[] {
  return Object.keys(v)
    .filter((k) => !known.has(k))
    .map((k) => `unknown field "${k}" in ${where}`);
}

function query(q: unknown, i: number): string[] {
  const at = `data[${i}]`;
  if (!isObject(q)) {
    return [`${at} must be an object`];
  }
  const problems = unknownFields(q, QUERY_FIELDS, at);
  if (!isString(q.refId) || q.refId === '') {
    problems.push(`${at}: refId is required`);
  }
  if (!isString(q.datasourceUid) || q.datasourceUid === '') {
    problems.push(`${at}: datasourceUid is required`);
  }
  if (q.queryType !== undefined && !isString(q.queryType)) {
    problems.push(`${at}: queryType must be a string`);
  }
  if (!isObject(q.model)) {
    problems.push(`${at}: model must be an object`);
  }
  const range = q.relativeTimeRange;
  if (range !== undefined) {
    const r = range as Record<string, unknown>;
    if (!isObject(range) || typeof r.from !== 'number' || typeof r.to !== 'number') {
      problems.push(`${at}: relativeTimeRange must be {from, to} in seconds`);
    } else if ((r.from as number) < (r.to as number) || (r.to as number) < 0) {
      problems.push(`${at}: invalid relative time range [From: ${r.from}, To: ${r.to}]`);
    }
  }
  return problems;
}

/** The refIds an expression reads: `$A` in math, the `expression` input of reduce/threshold/resample. */
function expressionInputs(model: Record<string, unknown>): string[] {
  const expression = isString(model.expression) ? model.expression : '';
  if (model.type === 'math') {
    return [...expression.matchAll(/\$\{?([A-Za-z0-9_]+)\}?/g)].map((m) => m[1]);
  }
  return expression ? [expression] : [];
}

/** The problems of one ProvisionedAlertRule body ([] when Grafana would take it). */
export function ruleProblems(body: unknown): string[] {
  if (!isObject(body)) {
    return ['the rule must be a JSON object'];
  }
  const b = body;
  const problems = unknownFields(b, RULE_FIELDS, 'the rule');
  for (const f of ['title', 'folderUID', 'ruleGroup', 'condition'] as const) {
    if (!isString(b[f]) || b[f] === '') {
      problems.push(`${f} is required`);
    }
  }
  for (const f of ['title', 'ruleGroup'] as const) {
    if (isString(b[f]) && b[f].length > TITLE_MAX) {
      problems.push(`${f} is longer than ${TITLE_MAX} characters`);
    }
  }
  if (b.uid !== undefined) {
    if (!isString(b.uid) || b.uid.length > UID_MAX || (b.uid !== '' && !UID_RE.test(b.uid))) {
      problems.push(
        `cannot create rule with UID ${JSON.stringify(b.uid)}: UID contains invalid characters or is too long`
      );
    }
  }
  if (!NO_DATA_STATES.includes(b.noDataState as string)) {
    problems.push(`unknown NoData state option ${String(b.noDataState)}`);
  }
  if (!EXEC_ERR_STATES.includes(b.execErrState as string)) {
    problems.push(`unknown Exec Error state option ${String(b.execErrState)}`);
  }
  if (!isString(b.for) || !DURATION_RE.test(b.for)) {
    problems.push(`for: not a valid duration string: ${JSON.stringify(b.for)}`);
  }
  if (b.isPaused !== undefined && typeof b.isPaused !== 'boolean') {
    problems.push('isPaused must be a boolean');
  }
  problems.push(...stringMap(b.labels, 'labels'), ...stringMap(b.annotations, 'annotations'));
  if (!Array.isArray(b.data) || b.data.length === 0) {
    problems.push('no queries or expressions are found');
    return problems;
  }
  b.data.forEach((q, i) => problems.push(...query(q, i)));
  const refIds = b.data.map((q) => (isObject(q) ? q.refId : undefined)).filter(isString);
  const dup = refIds.find((r, i) => refIds.indexOf(r) !== i);
  if (dup !== undefined) {
    problems.push(`duplicate refId ${dup}`);
  }
  if (isString(b.condition) && b.condition !== '' && !refIds.includes(b.condition)) {
    problems.push(`condition ${b.condition} does not exist, must be one of [${refIds.join(' ')}]`);
  }
  for (const q of b.data) {
    if (!isObject(q) || q.datasourceUid !== '__expr__' || !isObject(q.model)) {
      continue;
    }
    if (!EXPRESSION_TYPES.includes(q.model.type as string)) {
      problems.push(`${String(q.refId)}: unknown expression type ${String(q.model.type)}`);
    }
    for (const input of expressionInputs(q.model)) {
      if (!refIds.includes(input)) {
        problems.push(`${String(q.refId)}: expression reads ${input}, which is not a refId of this rule`);
      }
    }
  }
  return problems;
}

/** The problems of an AlertRuleGroup body for PUT .../folder/{folderUid}/rule-groups/{group}. */
export function ruleGroupProblems(body: unknown, folderUid: string, group: string): string[] {
  if (!isObject(body)) {
    return ['the rule group must be a JSON object'];
  }
  const problems = unknownFields(body, GROUP_FIELDS, 'the rule group');
  if (body.title !== undefined && body.title !== group) {
    problems.push(`title ${JSON.stringify(body.title)} is not the group of the path ${JSON.stringify(group)}`);
  }
  if (body.folderUid !== undefined && body.folderUid !== folderUid) {
    problems.push(
      `folderUid ${JSON.stringify(body.folderUid)} is not the folder of the path ${JSON.stringify(folderUid)}`
    );
  }
  const interval = body.interval;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval <= 0 || interval % SCHEDULER_INTERVAL_S) {
    problems.push(
      `interval (${String(
        interval
      )}) should be non-zero and divided exactly by scheduler interval: ${SCHEDULER_INTERVAL_S}`
    );
  }
  if (!Array.isArray(body.rules)) {
    problems.push('rules must be a list');
    return problems;
  }
  body.rules.forEach((r, i) => {
    const own = ruleProblems(r).map((p) => `invalid rule specification at index [${i}]: ${p}`);
    const rule = r as Record<string, unknown>;
    if (isObject(r) && (rule.folderUID !== folderUid || rule.ruleGroup !== group)) {
      own.push(`invalid rule specification at index [${i}]: its folderUID and ruleGroup are not the group's`);
    }
    problems.push(...own);
  });
  return problems;
}
