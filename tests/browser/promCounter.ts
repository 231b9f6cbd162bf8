// Opt-in counter of the host server's Prometheus proxy (server.ts, HostServerOptions.countPrometheus), for
// `npm run bench:overview`: counts the queries the page sends to Prometheus and the samples Prometheus read for them.
// Only while counting, each query is sent upstream with stats=all and the answer's
// data.stats.samples.totalQueryableSamples is added up (Prometheus' own count); the answer is passed on unchanged.
import { appendFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/**
 * BENCH_QUERY_LOG=<file>: one JSON line per query (kind, parameters, Prometheus' stats: timings and samples), so a
 * bench's Prometheus CPU can be traced to the queries that spend it.
 */
const QUERY_LOG = process.env.BENCH_QUERY_LOG;

export interface PromCounts {
  requests: number;
  instants: number;
  ranges: number;
  samples: number;
}

export const ZERO_COUNTS: PromCounts = { requests: 0, instants: 0, ranges: 0, samples: 0 };

export function diffCounts(after: PromCounts, before: PromCounts): PromCounts {
  return {
    requests: after.requests - before.requests,
    instants: after.instants - before.instants,
    ranges: after.ranges - before.ranges,
    samples: after.samples - before.samples,
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function samplesOf(text: string): number {
  try {
    const body = JSON.parse(text) as { data?: { stats?: { samples?: { totalQueryableSamples?: number } } } };
    return body.data?.stats?.samples?.totalQueryableSamples ?? 0;
  } catch {
    return 0;
  }
}

function logQuery(file: string, kind: string, url: URL, body: Buffer, answer: string): void {
  const params = new URLSearchParams(body.length > 0 ? body.toString('utf8') : url.search);
  let stats: unknown;
  try {
    stats = (JSON.parse(answer) as { data?: { stats?: unknown } }).data?.stats;
  } catch {
    stats = undefined;
  }
  const line = { at: Date.now(), kind, ...Object.fromEntries([...params].filter(([k]) => k !== 'stats')), stats };
  appendFileSync(file, `${JSON.stringify(line)}\n`);
}

/** A counting proxy: forwards `req` to `url` with stats=all (form body or query string) and counts its samples. */
export function countingProxy(counts: PromCounts) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const kind = url.pathname.endsWith('/api/v1/query_range')
      ? 'ranges'
      : url.pathname.endsWith('/api/v1/query')
      ? 'instants'
      : undefined;
    let body = await readAll(req);
    if (kind && req.method === 'POST') {
      body = Buffer.concat([body, Buffer.from(`${body.length > 0 ? '&' : ''}stats=all`)]);
    } else if (kind) {
      url.searchParams.set('stats', 'all');
    }
    counts.requests++;
    if (kind) {
      counts[kind]++;
    }
    const upstream = httpRequest(url, {
      method: req.method,
      headers: {
        'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded',
        'content-length': String(body.length),
        accept: 'application/json',
      },
    });
    upstream.on('response', async (up) => {
      const answer = await readAll(up);
      counts.samples += samplesOf(answer.toString('utf8'));
      if (QUERY_LOG && kind) {
        logQuery(QUERY_LOG, kind, url, body, answer.toString('utf8'));
      }
      res.writeHead(up.statusCode ?? 502, {
        'Content-Type': up.headers['content-type'] ?? 'application/json',
        'Cache-Control': 'no-store',
      });
      res.end(answer);
    });
    upstream.on('error', (e) => {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'proxy', error: e.message }));
    });
    upstream.end(body);
  };
}
