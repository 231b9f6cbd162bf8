// Reading input files with bounded memory: never more than the limit (+1 chunk) is read, from a file, a device such
// as /dev/zero, or standard input; binary data stops the read at the first chunk that holds a NUL byte.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeSloBytes, MAX_SLO_FILE_BYTES, tooLargeError } from '../slo/limits';
import { CannotReadError, SloInputError } from './io';

const CHUNK = 64 * 1024;
/** Secrets (tokens, passwords) and CA bundles are small; anything larger is a wrong path. */
export const MAX_SECRET_BYTES = 1024 * 1024;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) || code || (e as Error).message;
}

/** Collects chunks until the limit is passed; stops early on a NUL byte (binary) when `textOnly`. */
class Collector {
  private readonly chunks: Buffer[] = [];
  size = 0;
  binary = false;

  constructor(private readonly limit: number, private readonly textOnly: boolean) {}

  /** false when reading should stop. */
  add(chunk: Buffer): boolean {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.textOnly && chunk.includes(0)) {
      this.binary = true;
      return false;
    }
    return this.size <= this.limit;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function readFd(fd: number, collector: Collector): void {
  const buf = Buffer.alloc(CHUNK);
  for (;;) {
    const n = readSync(fd, buf, 0, CHUNK, null);
    if (n === 0 || !collector.add(Buffer.from(buf.subarray(0, n)))) {
      return;
    }
  }
}

async function readStream(stream: NodeJS.ReadableStream & { destroy?: () => void }, collector: Collector) {
  for await (const chunk of stream) {
    if (!collector.add(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string))) {
      stream.destroy?.();
      return;
    }
  }
}

/** Bytes read (at most limit + one chunk) and the size known so far: a regular file's size from stat, else what was read. */
async function readBounded(path: string, limit: number, textOnly: boolean): Promise<{ bytes: Buffer; size: number }> {
  const collector = new Collector(limit, textOnly);
  if (path === '-') {
    await readStream(process.stdin, collector);
    return { bytes: collector.bytes(), size: collector.size };
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new CannotReadError(path, reason(e));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) {
      throw new CannotReadError(path, 'is a directory');
    }
    if (st.isFile() && st.size > limit) {
      // Refused from its size alone: not a byte is read.
      return { bytes: Buffer.alloc(0), size: st.size };
    }
    readFd(fd, collector);
    return { bytes: collector.bytes(), size: collector.size };
  } catch (e) {
    throw e instanceof CannotReadError ? e : new CannotReadError(path, reason(e));
  } finally {
    closeSync(fd);
  }
}

/** An SLO file as text, or SloInputError (too large, binary, not UTF-8) with file:line:col. */
export async function readSloFile(path: string, limit = MAX_SLO_FILE_BYTES): Promise<string> {
  const { bytes, size } = await readBounded(path, limit, true);
  const name = path === '-' ? '<stdin>' : path;
  if (size > limit) {
    throw new SloInputError(tooLargeError(name, size, limit));
  }
  const decoded = decodeSloBytes(bytes, name, limit);
  if (decoded.error) {
    throw new SloInputError(decoded.error);
  }
  return decoded.text;
}

/** A token, password or PEM file: bounded, trailing newlines removed (as `echo secret > file` writes them). */
export async function readSecretFile(path: string): Promise<string> {
  const { bytes, size } = await readBounded(path, MAX_SECRET_BYTES, false);
  if (size > MAX_SECRET_BYTES) {
    throw new CannotReadError(path, `larger than ${MAX_SECRET_BYTES / 1024 / 1024} MiB, not a secret or CA file`);
  }
  return bytes.toString('utf8').replace(/[\r\n]+$/, '');
}
