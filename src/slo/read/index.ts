// Positioned reading of YAML/JSON documents, shared by the burndown/v1 validator and the importers
// (Sloth, Pyrra, OpenSLO): every reader reports an SloError with file, line, column and field path.

export type { SloError } from '../types';
export { formatSloError } from '../types';
export { itemPath, joinPath, note, readContext, report, sortedByPosition } from './context';
export type { ReadContext } from './context';
export { describeValue } from './describe';
export { exactlyOne, keysOf, keysOfUnion, readFields, requireField } from './fields';
export type { Fields, FieldsOptions, UnknownFieldPolicy } from './fields';
export { editDistance, suggestion } from './suggest';
export { isTimeZone, readTimeZone } from './timeZone';
export { MAX_VALUES, NO_POSITION, parseYamlDocuments, treeFromValue } from './tree';
export type {
  MapEntry,
  MapNode,
  Position,
  ScalarNode,
  SeqNode,
  TextDocument,
  TreeProblem,
  ValueNode,
  YamlOptions,
} from './tree';
export {
  readBoolean,
  readDuration,
  readEach,
  readEnum,
  readFraction,
  readInterval,
  readList,
  readMapping,
  readNumber,
  readPercent,
  readString,
  readTimestamp,
} from './values';
export type { FractionRange } from './values';
