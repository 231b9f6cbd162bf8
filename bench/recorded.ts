// `npm run bench:recorded`: samples Prometheus reads (stats=all, totalQueryableSamples) for one high-cardinality SLO's
// status in raw and in recorded mode (docs/recorded-mode.md): the generator's 1000-series scenario, the recorded rules
// backfilled with promtool, a rolling 1-day SLO at the data's end. Printed, not asserted; the lead's bench:queries
// reads measureHighCardinality().
import { evaluateSlo } from '../src/query/status';
import { hcSpec, startHcBackend } from '../tests/integration/recordedHc';
import { StatsClient } from './promStats';

export interface HighCardinalityMeasure {
  /** Samples read by the raw status; null when Prometheus refused it. */
  rawSamples: number | null;
  rawError?: string;
  recordedSamples: number;
  /** rawSamples / recordedSamples. */
  ratio: number | null;
}

export async function measureHighCardinality(): Promise<HighCardinalityMeasure> {
  const be = await startHcBackend([hcSpec('recorded')]);
  try {
    const t = be.hc.endMs;
    const raw = new StatsClient(be.url);
    let rawError: string | undefined;
    try {
      await evaluateSlo(raw, hcSpec('raw'), t);
    } catch (e) {
      rawError = e instanceof Error ? e.message : String(e);
    }
    const recorded = new StatsClient(be.url);
    const [status] = await evaluateSlo(recorded, hcSpec('recorded'), t);
    if (status.answeredBy?.mode !== 'recorded') {
      throw new Error(`recorded mode did not answer: ${status.answeredBy?.reason}`);
    }
    const rawSamples = rawError === undefined ? raw.samples : null;
    return {
      rawSamples,
      ...(rawError !== undefined ? { rawError } : {}),
      recordedSamples: recorded.samples,
      ratio: rawSamples === null ? null : rawSamples / recorded.samples,
    };
  } finally {
    await be.stop();
  }
}

if (require.main === module) {
  measureHighCardinality().then(
    (m) => {
      process.stdout.write(
        `recorded mode, 1000 series, rolling 1d status: raw ${m.rawSamples ?? `failed (${m.rawError})`} samples, ` +
          `recorded ${m.recordedSamples} samples` +
          (m.ratio !== null ? `: recorded ${m.ratio.toFixed(1)}x fewer samples than raw` : '') +
          '\n'
      );
    },
    (e: unknown) => {
      process.stderr.write(`bench:recorded failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    }
  );
}
