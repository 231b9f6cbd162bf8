// What a command may touch (output, files, clock, backends), so tests run commands in-process; and the exit codes.
import type { PromClient } from '../query';
import type { SloError } from '../slo';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_BACKEND = 3;
export const EXIT_INTERNAL = 4;

/** How to reach a Prometheus-compatible API: extra headers (auth, tenant), a timeout and a CA bundle for private TLS. */
export interface ClientSettings {
  headers: Record<string, string>;
  timeoutMs: number;
  /** PEM text of the CA bundle that signs the backend's certificate. */
  ca?: string;
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** An SLO file (`-` is standard input): throws CannotReadError or SloInputError. */
  readFile: (path: string) => string | Promise<string>;
  now: () => number;
  client: (url: string, settings: ClientSettings) => PromClient;
  /** A small secret or CA file (tokens, passwords, PEM); defaults to a bounded read of the real file. */
  readSecret?: (path: string) => string | Promise<string>;
  /** Environment variables (BURNDOWN_*); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** A file that cannot be opened or read at all: one line, `cannot read x.yaml: no such file`. */
export class CannotReadError extends Error {
  constructor(readonly path: string, readonly reason: string) {
    super(`cannot read ${path}: ${reason}`);
    this.name = 'CannotReadError';
  }
}

/** A file whose bytes are refused before parsing (too large, binary, not UTF-8): an SLO error with a position. */
export class SloInputError extends Error {
  constructor(readonly error: SloError) {
    super(error.message);
    this.name = 'SloInputError';
  }
}

/** An SLO file with problems, already printed one per line. */
export class InvalidFileError extends Error {}
