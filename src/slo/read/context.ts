// Where positioned readers put what they find: errors (the input is refused) and notes (it is read, with a remark),
// both as SloError values with file, line, column and field path (docs/semantics.md section 10).

import type { SloError } from '../types';
import type { Position } from './tree';

export interface ReadContext {
  /** Names the source in every error and note (`file:line:col`). */
  readonly file?: string;
  readonly errors: SloError[];
  readonly notes: SloError[];
}

export function readContext(file?: string): ReadContext {
  return { file, errors: [], notes: [] };
}

export function report(ctx: ReadContext, pos: Position, path: string, message: string): void {
  ctx.errors.push({ file: ctx.file, line: pos.line, column: pos.column, path, message });
}

export function note(ctx: ReadContext, pos: Position, path: string, message: string): void {
  ctx.notes.push({ file: ctx.file, line: pos.line, column: pos.column, path, message });
}

/** Errors or notes sorted by position; equal (or unknown, line 0) positions keep the order they were found in. */
export function sortedByPosition(list: readonly SloError[]): SloError[] {
  return list
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.e.column - b.e.column || a.i - b.i)
    .map(({ e }) => e);
}

/** `a.b` field paths; the root is ''. */
export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

export function itemPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
