// Settled-data cache (docs/semantics.md section 8, "Split counts"): answers about the settled past never change, so
// they are kept (LRU, bounded): range-query chunks, the settled pieces of exact counts (pending ones too, so two
// loaders that need the same piece at once send it once) and split-point verdicts. Only settled entries are stored:
// anything younger than settleMs could be hit again only with a different answer. One cache (PAGE_CACHE) serves the
// overview, the detail page and every panel of a dashboard for the page's life.
import { SETTLE_MS } from '../engine/splitPoints';
import type { FrameLike } from './frames';

export class ChunkCache {
  private readonly entries = new Map<string, unknown>();

  constructor(
    private readonly maxEntries = 20_000,
    /** Data younger than this may still change (late scrapes, recording rules). */
    readonly settleMs = SETTLE_MS
  ) {}

  static key(source: string, expr: string, start: number, end: number, step: number): string {
    return `${source}\u0000${expr}\u0000${start}\u0000${end}\u0000${step}`;
  }

  /** The key of an instant query's answer (an expression whose every range ends with `@`, i.e. settled). */
  static instantKey(source: string, expr: string): string {
    return `${source}\u0000${expr}`;
  }

  isSettled(end: number, now: number): boolean {
    return end <= now - this.settleMs;
  }

  get<V = FrameLike[]>(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit as V | undefined;
  }

  set<V = FrameLike[]>(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The page's cache: one per browser page (a module instance), shared by the overview, the detail page and every panel.
 * Bounded: a quarter SLO's figures and chart keep about 85 entries (the window's week and day pieces per counter,
 * their split verdicts per counter, the settled points of its range queries; bench:queries prints the count), so
 * 50,000 hold an overview of 500 SLOs; each entry is small (an instant answer, or a chunk of at most 11,000 points).
 */
export const PAGE_CACHE = new ChunkCache(50_000);
