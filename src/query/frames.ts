// DataFrame -> buckets (docs/semantics.md section 2): frames exactly as Grafana's Prometheus datasource returns them become
// per-group values on the bucket grid; a missing sample or NaN is no data. No Grafana import: the types are structural.

export interface FieldLike {
  name: string;
  type: string;
  values: ArrayLike<number | null | undefined> | { toArray(): Array<number | null | undefined> };
  labels?: Record<string, string>;
  /** Opaque here; `object` so Grafana's FieldConfig fits without a cast. */
  config?: object;
}

export interface FrameLike {
  name?: string;
  refId?: string;
  fields: FieldLike[];
  length?: number;
  meta?: {
    type?: string;
    typeVersion?: number[];
    custom?: Record<string, unknown>;
    notices?: Array<{ severity?: string; text: string }>;
  };
}

/** Grafana's wire format (DataFrameJSON): NaN and infinities travel as index lists in `entities`. */
export interface FrameJSON {
  schema: Omit<FrameLike, 'fields'> & { fields: Array<Omit<FieldLike, 'values'>> };
  data?: {
    values: Array<Array<number | null>>;
    entities?: Array<{ NaN?: number[]; Inf?: number[]; NegInf?: number[]; Undef?: number[] } | null>;
  };
}

function isFrameJSON(f: FrameLike | FrameJSON): f is FrameJSON {
  return (f as FrameJSON).schema !== undefined;
}

/** Accept a DataFrame or its JSON wire form; values become a plain array with NaN restored. */
export function normalizeFrame(f: FrameLike | FrameJSON): FrameLike {
  if (!isFrameJSON(f)) {
    return f;
  }
  const fields = f.schema.fields.map((field, k) => {
    const values = (f.data?.values[k] ?? []).slice() as Array<number | null>;
    const ent = f.data?.entities?.[k];
    ent?.NaN?.forEach((i) => (values[i] = NaN));
    ent?.Inf?.forEach((i) => (values[i] = Infinity));
    ent?.NegInf?.forEach((i) => (values[i] = -Infinity));
    ent?.Undef?.forEach((i) => (values[i] = null));
    return { ...field, values };
  });
  return { ...f.schema, fields };
}

function valuesOf(field: FieldLike): ArrayLike<number | null | undefined> {
  const v = field.values as { toArray?: () => Array<number | null | undefined> };
  return typeof v.toArray === 'function' ? v.toArray() : (field.values as ArrayLike<number | null | undefined>);
}

/** Stable key for the label values of `groupBy`: '' for an ungrouped SLO. */
export function groupKey(labels: Record<string, string> | undefined, groupBy: readonly string[]): string {
  if (groupBy.length === 0) {
    return '';
  }
  return JSON.stringify(groupBy.map((g) => labels?.[g] ?? ''));
}

export function groupLabels(key: string, groupBy: readonly string[]): Record<string, string> {
  if (key === '') {
    return {};
  }
  const values = JSON.parse(key) as string[];
  return Object.fromEntries(groupBy.map((g, i) => [g, values[i]]));
}

interface SeriesView {
  labels: Record<string, string>;
  time: ArrayLike<number | null | undefined>;
  value: ArrayLike<number | null | undefined>;
}

function seriesOf(frames: ReadonlyArray<FrameLike | FrameJSON>): SeriesView[] {
  const out: SeriesView[] = [];
  for (const raw of frames) {
    const frame = normalizeFrame(raw);
    const time = frame.fields.find((f) => f.type === 'time');
    if (!time) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type === 'number') {
        out.push({ labels: field.labels ?? {}, time: valuesOf(time), value: valuesOf(field) });
      }
    }
  }
  return out;
}

export interface Grid {
  firstEnd: number;
  step: number;
  count: number;
}

/**
 * Per group, the values at each grid point (summed across frames of the same group); NaN where no
 * frame has a sample. Samples off the grid are ignored.
 */
export function framesToGrid(
  frames: ReadonlyArray<FrameLike | FrameJSON>,
  grid: Grid,
  groupBy: readonly string[] = []
): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const s of seriesOf(frames)) {
    const key = groupKey(s.labels, groupBy);
    let arr = out.get(key);
    if (!arr) {
      arr = new Float64Array(grid.count).fill(NaN);
      out.set(key, arr);
    }
    for (let j = 0; j < s.time.length; j++) {
      const t = s.time[j];
      const v = s.value[j];
      if (t === null || t === undefined || v === null || v === undefined || Number.isNaN(v)) {
        continue;
      }
      const pos = (t - grid.firstEnd) / grid.step;
      const i = Math.round(pos);
      if (Math.abs(pos - i) > 1e-6 || i < 0 || i >= grid.count) {
        continue;
      }
      arr[i] = arr[i] !== arr[i] ? v : arr[i] + v;
    }
  }
  return out;
}

/** Per group, the single value of an instant query (summed across frames of the same group). */
export function framesToScalars(
  frames: ReadonlyArray<FrameLike | FrameJSON>,
  groupBy: readonly string[] = []
): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of seriesOf(frames)) {
    const v = s.value[s.value.length - 1];
    if (v === null || v === undefined || Number.isNaN(v)) {
      continue;
    }
    const key = groupKey(s.labels, groupBy);
    out.set(key, (out.get(key) ?? 0) + v);
  }
  return out;
}

// --- Prometheus HTTP API JSON -> frames, shaped like Grafana's Prometheus backend (one frame per series) ---

export interface PromApiResponse {
  status: 'success' | 'error';
  data?: { resultType: 'matrix' | 'vector' | 'scalar' | 'string'; result: unknown };
  errorType?: string;
  error?: string;
  warnings?: string[];
}

type PromSample = [number, string];

function parseSampleValue(v: string): number {
  // Prometheus sends "NaN", "+Inf", "-Inf" as strings too
  return v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : Number(v);
}

function seriesFrame(labels: Record<string, string>, samples: PromSample[], type: string): FrameLike {
  return {
    name: '',
    length: samples.length,
    meta: { type, typeVersion: [0, 1] },
    fields: [
      { name: 'Time', type: 'time', config: {}, values: samples.map((s) => Math.round(s[0] * 1000)) },
      { name: 'Value', type: 'number', config: {}, labels, values: samples.map((s) => parseSampleValue(s[1])) },
    ],
  };
}

/** Convert a successful Prometheus (or VictoriaMetrics) API response into Grafana-shaped frames. */
export function promResponseToFrames(body: PromApiResponse, refId?: string): FrameLike[] {
  const data = body.data;
  if (!data) {
    return [];
  }
  let frames: FrameLike[] = [];
  if (data.resultType === 'matrix') {
    const result = data.result as Array<{ metric: Record<string, string>; values: PromSample[] }>;
    frames = result.map((r) => seriesFrame(r.metric, r.values, 'timeseries-multi'));
  } else if (data.resultType === 'vector') {
    const result = data.result as Array<{ metric: Record<string, string>; value: PromSample }>;
    frames = result.map((r) => seriesFrame(r.metric, [r.value], 'numeric-multi'));
  } else if (data.resultType === 'scalar') {
    frames = [seriesFrame({}, [data.result as PromSample], 'numeric-multi')];
  }
  if (refId !== undefined) {
    frames.forEach((f) => (f.refId = refId));
  }
  if (body.warnings?.length && frames.length > 0) {
    frames[0].meta = { ...frames[0].meta, notices: body.warnings.map((text) => ({ severity: 'warning', text })) };
  }
  return frames;
}

/** The label that tags each part of a query that joins several with `or` (batch.ts, fetch.ts: fetchBuckets). */
export const PART_LABEL = '__burndown_part';

/** `query` with every series tagged as `part`. */
export function tagPart(query: string, part: string): string {
  return `label_replace(${query}, "${PART_LABEL}", "${part}", "", "")`;
}

/** The part a tagged frame answers (tagPart), or undefined; read from the labels, the values left as they are. */
export function partOf(raw: FrameLike | FrameJSON): string | undefined {
  const fields: ReadonlyArray<Omit<FieldLike, 'values'>> = isFrameJSON(raw) ? raw.schema.fields : raw.fields;
  return fields.find((x) => x.type === 'number')?.labels?.[PART_LABEL];
}

/** Split a tagged answer's frames by part label (untagged frames are dropped). */
export function framesByPart(frames: ReadonlyArray<FrameLike | FrameJSON>): Map<string, FrameLike[]> {
  const out = new Map<string, FrameLike[]>();
  for (const raw of frames) {
    const f = normalizeFrame(raw);
    const part = partOf(f);
    if (part === undefined) {
      continue;
    }
    const list = out.get(part) ?? [];
    list.push(f);
    out.set(part, list);
  }
  return out;
}
