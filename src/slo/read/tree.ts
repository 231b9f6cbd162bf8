// A positioned value tree built from YAML/JSON text (line:col from the yaml CST) or from plain objects (no positions), so one reader serves both (docs/semantics.md section 10).
// Multi-document YAML (`---`): every document gets its own tree, problems and index; positions count lines of the whole text.

import {
  Alias,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  YAMLError,
} from 'yaml';
import { scalarOffsets, type ScalarStyle } from '../scalarOffsets';

import type { SloError } from '../types';

/** 1-based; 0:0 when unknown (values that did not come from text). */
export interface Position {
  line: number;
  column: number;
}

export const NO_POSITION: Position = { line: 0, column: 0 };

export type ValueNode = MapNode | SeqNode | ScalarNode;

export interface MapEntry {
  key: string;
  keyPos: Position;
  value: ValueNode;
}

export interface MapNode {
  kind: 'map';
  pos: Position;
  entries: MapEntry[];
}

export interface SeqNode {
  kind: 'seq';
  pos: Position;
  items: ValueNode[];
}

export interface ScalarNode {
  kind: 'scalar';
  pos: Position;
  value: unknown;
  /** Position of the character at `index` in a string value, when the source holds the string verbatim. */
  charPos?: (index: number) => Position;
}

export interface TreeProblem {
  pos: Position;
  message: string;
}

/** Default upper bound on values built from one text, so alias bombs (`&a [*b, *b, ...]`) cannot hang the parser. */
export const MAX_VALUES = 1_000_000;

export interface YamlOptions {
  /** Names the source in errors (`file:line:col`). */
  file?: string;
  /** Values (after alias expansion) allowed in the whole text; the document that passes it is refused. */
  maxValues?: number;
}

/** One YAML document of a text. `root` is absent when the document has errors or is empty (`---` with nothing after it). */
export interface TextDocument {
  /** 0-based, in the order the documents appear. */
  index: number;
  /** Where the document starts: its `---` line, or its first value (after leading comments). */
  pos: Position;
  root?: ValueNode;
  /** YAML syntax errors of this document only (path ''), with positions in the whole text. */
  errors: SloError[];
}

/**
 * Parses YAML (and therefore JSON) text into its documents (`---`), each with its own tree and errors; positions
 * count lines of the whole text. A text with no content (empty, or comments only) has no documents. Syntax errors
 * come back as values, never as exceptions. `file` names the source in errors.
 */
export function parseYamlDocuments(text: string, opts: YamlOptions = {}): TextDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const budget = { visited: 0, max: opts.maxValues ?? MAX_VALUES };
  return docs.map((doc, index) => {
    const { pos, root, problems } = readDocument(doc, text, at, budget);
    const errors = problems.map((p) => ({
      file: opts.file,
      line: p.pos.line,
      column: p.pos.column,
      path: '',
      message: p.message,
    }));
    return root ? { index, pos, root, errors } : { index, pos, errors };
  });
}

function readDocument(
  doc: Document,
  text: string,
  at: (offset: number) => Position,
  budget: ValueBudget
): { pos: Position; root?: ValueNode; problems: TreeProblem[] } {
  const pos = doc.range ? at(doc.range[0]) : { line: 1, column: 1 };
  const problems: TreeProblem[] = doc.errors.map((e) => ({
    pos: at(unclosedQuoteStart(doc, e) ?? e.pos[0]),
    message: `YAML syntax error: ${e.message}${quoteHint(e)}`,
  }));
  if (problems.length > 0 || isEmptyScalar(doc.contents)) {
    return { pos, problems };
  }
  const builder = new YamlTreeBuilder(doc, text, at, budget);
  let root: ValueNode;
  try {
    // Refuse an alias bomb before expanding it: building a million values takes seconds, measuring takes milliseconds.
    if (expandedSize(doc, doc.contents, budget.max - budget.visited) > budget.max - budget.visited) {
      throw new TooLargeError();
    }
    root = builder.build(doc.contents, []);
  } catch (e) {
    if (e instanceof TooLargeError) {
      return {
        pos,
        problems: [{ pos, message: `the document expands to more than ${budget.max} values (aliases?)` }],
      };
    }
    throw e;
  }
  if (builder.problems.length > 0) {
    return { pos, problems: builder.problems };
  }
  return { pos, root, problems: [] };
}

/** The yaml parser reports a missing closing quote at the end of input; the opening quote is where the fix goes. */
function unclosedQuoteStart(doc: Document, e: YAMLError): number | undefined {
  if (e.code !== 'MISSING_CHAR' || !e.message.includes('quote')) {
    return undefined;
  }
  let start: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      if (quoted && node.range && node.range[1] === e.pos[0]) {
        start = node.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return start;
}

/** Values such as `>=` or `@team` need quotes in YAML; say so, since the parser's wording does not. */
function quoteHint(e: YAMLError): string {
  return e.code === 'BAD_SCALAR_START' || e.message.startsWith('Block scalar header includes extra characters')
    ? ' (put the value in quotes)'
    : '';
}

class YamlTreeBuilder {
  problems: TreeProblem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly at: (offset: number) => Position,
    private readonly budget: ValueBudget
  ) {}

  build(node: unknown, ancestors: unknown[]): ValueNode {
    if (++this.budget.visited > this.budget.max) {
      throw new TooLargeError();
    }
    if (isAlias(node)) {
      return this.buildAlias(node, ancestors);
    }
    const pos = this.startOf(node);
    if (isMap(node)) {
      const inner = [...ancestors, node];
      const entries: MapEntry[] = [];
      const merged: MapEntry[] = [];
      for (const pair of node.items) {
        const keyNode = pair.key;
        const keyPos = this.startOf(keyNode);
        // `key:` with nothing after it: report at the key rather than at the colon.
        const value: ValueNode = isEmptyScalar(pair.value)
          ? { kind: 'scalar', pos: keyPos, value: null }
          : this.build(pair.value, inner);
        if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
          // `<<: *anchor` (or a list of anchors): keys written in this mapping win over merged ones.
          const sources = value.kind === 'seq' ? value.items : [value];
          for (const source of sources) {
            if (source.kind === 'map') {
              merged.push(...source.entries);
            } else {
              this.problems.push({
                pos: source.pos,
                message: 'a merge key (<<) needs a mapping or a list of mappings',
              });
            }
          }
          continue;
        }
        if (!isScalar(keyNode) || (keyNode.value !== null && typeof keyNode.value === 'object')) {
          this.problems.push({ pos: keyPos, message: 'mapping keys must be plain strings' });
          continue;
        }
        entries.push({ key: String(keyNode.value), keyPos, value });
      }
      for (const entry of merged) {
        if (!entries.some((e) => e.key === entry.key)) {
          entries.push(entry);
        }
      }
      return { kind: 'map', pos, entries };
    }
    if (isSeq(node)) {
      const inner = [...ancestors, node];
      return {
        kind: 'seq',
        pos,
        items: node.items.map((item) =>
          item == null ? { kind: 'scalar', pos, value: null } : this.build(item, inner)
        ),
      };
    }
    if (isScalar(node)) {
      return { kind: 'scalar', pos, value: node.value, charPos: this.charPosFor(node) };
    }
    this.problems.push({ pos, message: 'unsupported YAML node' });
    return { kind: 'scalar', pos, value: undefined };
  }

  /** alias.resolve walks the whole document: resolve each alias node once, however often a bomb expands it. */
  private readonly resolved = new Map<Alias, unknown>();

  private buildAlias(alias: Alias, ancestors: unknown[]): ValueNode {
    if (!this.resolved.has(alias)) {
      this.resolved.set(alias, alias.resolve(this.doc));
    }
    const target = this.resolved.get(alias);
    const pos = this.startOf(alias);
    if (!target) {
      this.problems.push({ pos, message: `unknown alias *${alias.source}` });
      return { kind: 'scalar', pos, value: null };
    }
    if (ancestors.includes(target)) {
      this.problems.push({ pos, message: `alias *${alias.source} refers to a node that contains it` });
      return { kind: 'scalar', pos, value: null };
    }
    return this.build(target, ancestors);
  }

  private startOf(node: unknown): Position {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? this.at(range[0]) : { line: 1, column: 1 };
  }

  /** Exact character positions inside string values of any style (plain, quoted with escapes, block | and >). */
  private charPosFor(node: Scalar): ((index: number) => Position) | undefined {
    if (typeof node.value !== 'string' || !node.range || !node.type) {
      return undefined;
    }
    const start = node.range[0];
    const offsets = scalarOffsets(this.text.slice(start, node.range[1]), node.value, node.type as ScalarStyle);
    if (!offsets || offsets.length === 0) {
      return undefined;
    }
    return (index) => this.at(start + offsets[Math.max(0, Math.min(index, offsets.length - 1))]);
  }
}

class TooLargeError extends Error {}

/**
 * How many values the builder will make from `root` with every alias expanded (map keys not counted, as the builder
 * does not count them), stopping once past `limit`. Each node is measured once, so it takes time in the size of the
 * text, not of the expansion. An alias to a node that contains it counts 1 (the builder reports it).
 */
function expandedSize(doc: Document, root: unknown, limit: number): number {
  const memo = new Map<unknown, number>();
  const resolved = new Map<Alias, unknown>();
  const open = new Set<unknown>();
  const size = (node: unknown): number => {
    if (isAlias(node)) {
      if (!resolved.has(node)) {
        resolved.set(node, node.resolve(doc));
      }
      const target = resolved.get(node);
      return target === undefined || open.has(target) ? 1 : 1 + size(target);
    }
    const known = memo.get(node);
    if (known !== undefined) {
      return known;
    }
    let n = 1;
    if (isMap(node) || isSeq(node)) {
      open.add(node);
      for (const item of node.items) {
        n += isPair(item) ? size(item.value) : size(item);
        if (n > limit) {
          break;
        }
      }
      open.delete(node);
    }
    memo.set(node, n);
    return n;
  };
  return size(root);
}

interface ValueBudget {
  visited: number;
  max: number;
}

function isEmptyScalar(node: unknown): boolean {
  return node == null || (isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1]);
}

/** A tree without positions for values that were never text (Grafana jsonData). Undefined object members are skipped, as JSON would. */
export function treeFromValue(value: unknown): ValueNode {
  return fromValue(value, new Set());
}

function fromValue(value: unknown, ancestors: Set<unknown>): ValueNode {
  if (Array.isArray(value) || (value !== null && typeof value === 'object' && !(value instanceof Date))) {
    if (ancestors.has(value)) {
      return { kind: 'scalar', pos: NO_POSITION, value: '[circular]' };
    }
    const inner = new Set(ancestors).add(value);
    if (Array.isArray(value)) {
      return { kind: 'seq', pos: NO_POSITION, items: value.map((item) => fromValue(item, inner)) };
    }
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => ({ key, keyPos: NO_POSITION, value: fromValue(v, inner) }));
    return { kind: 'map', pos: NO_POSITION, entries };
  }
  return { kind: 'scalar', pos: NO_POSITION, value };
}
