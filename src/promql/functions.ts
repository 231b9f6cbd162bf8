// Signatures of PromQL functions and aggregations (Prometheus 2.42), for type checking as Prometheus' parser does.
import type { ValueType } from './ast';

export interface FunctionSignature {
  args: ValueType[];
  /** Arguments beyond `args.length - 1` that may repeat (-1: unlimited) or be left out (0 < optional). */
  variadic: number;
  returns: ValueType;
}

const v = 'vector';
const s = 'scalar';
const m = 'matrix';
const str = 'string';

const sig = (args: ValueType[], returns: ValueType, variadic = 0): FunctionSignature => ({ args, variadic, returns });

const VECTOR_MATH = [
  'abs',
  'acos',
  'acosh',
  'asin',
  'asinh',
  'atan',
  'atanh',
  'ceil',
  'cos',
  'cosh',
  'deg',
  'exp',
  'floor',
  'histogram_count',
  'histogram_sum',
  'ln',
  'log10',
  'log2',
  'rad',
  'sgn',
  'sin',
  'sinh',
  'sort',
  'sort_desc',
  'sqrt',
  'tan',
  'tanh',
  'absent',
  'timestamp',
];
const OVER_TIME = [
  'absent_over_time',
  'avg_over_time',
  'changes',
  'count_over_time',
  'delta',
  'deriv',
  'idelta',
  'increase',
  'irate',
  'last_over_time',
  'max_over_time',
  'min_over_time',
  'present_over_time',
  'rate',
  'resets',
  'stddev_over_time',
  'stdvar_over_time',
  'sum_over_time',
];
const DATE = ['day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year'];

export const FUNCTIONS: ReadonlyMap<string, FunctionSignature> = new Map([
  ...VECTOR_MATH.map((name) => [name, sig([v], v)] as const),
  ...OVER_TIME.map((name) => [name, sig([m], v)] as const),
  ...DATE.map((name) => [name, sig([v], v, 1)] as const),
  ['clamp', sig([v, s, s], v)],
  ['clamp_max', sig([v, s], v)],
  ['clamp_min', sig([v, s], v)],
  ['histogram_fraction', sig([s, s, v], v)],
  ['histogram_quantile', sig([s, v], v)],
  ['holt_winters', sig([m, s, s], v)],
  ['label_join', sig([v, str, str, str], v, -1)],
  ['label_replace', sig([v, str, str, str, str], v)],
  ['pi', sig([], s)],
  ['predict_linear', sig([m, s], v)],
  ['quantile_over_time', sig([s, m], v)],
  ['round', sig([v, s], v, 1)],
  ['scalar', sig([v], s)],
  ['time', sig([], s)],
  ['vector', sig([s], v)],
]);

/** Aggregations with a parameter before the vector (topk(3, x)); the others take the vector alone. */
export const AGGREGATION_PARAMS: ReadonlyMap<string, ValueType> = new Map([
  ['topk', s],
  ['bottomk', s],
  ['quantile', s],
  ['count_values', str],
  ['limitk', s],
  ['limit_ratio', s],
]);
