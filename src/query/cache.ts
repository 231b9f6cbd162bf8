// Chunk cache: range-query results for chunks that lie wholly in the settled past never change, so they are kept (LRU).
import type { FrameLike } from './frames';

export class ChunkCache {
  private readonly entries = new Map<string, FrameLike[]>();

  constructor(
    private readonly maxEntries = 500,
    /** Data younger than this may still change (late scrapes, recording rules). */
    readonly settleMs = 15 * 60_000
  ) {}

  static key(source: string, expr: string, start: number, end: number, step: number): string {
    return `${source}\u0000${expr}\u0000${start}\u0000${end}\u0000${step}`;
  }

  isSettled(end: number, now: number): boolean {
    return end <= now - this.settleMs;
  }

  get(key: string): FrameLike[] | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, frames: FrameLike[]): void {
    this.entries.set(key, frames);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
