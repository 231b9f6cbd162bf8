// A PromClient that counts the requests it passes on: how the tests and the bench check "at most 2 requests per SLO".
import type { PromClient } from './client';
import type { FrameLike } from './frames';

export class CountingPromClient implements PromClient {
  readonly id: string;
  /** Requests sent so far (instant and range). */
  requests = 0;
  /** Every query sent, in order. */
  readonly queries: string[] = [];

  constructor(private readonly inner: PromClient) {
    this.id = inner.id;
  }

  instant(expr: string, t: number): Promise<FrameLike[]> {
    this.requests++;
    this.queries.push(expr);
    return this.inner.instant(expr, t);
  }

  range(expr: string, start: number, end: number, stepMs: number): Promise<FrameLike[]> {
    this.requests++;
    this.queries.push(expr);
    return this.inner.range(expr, start, end, stepMs);
  }
}
