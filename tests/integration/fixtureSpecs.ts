// The scenario fixture's SLO specs by id (tests/fixtures/scenario-slos.yaml), parsed as the CLI and the app parse them.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parseSloDocument } from '../../src/slo';
import type { SloSpec } from '../../src/slo/types';
import { ROOT } from './servers';
import { FIXTURE } from './truth';

export function fixtureSpecs(): Map<string, SloSpec> {
  const { file: parsed, errors } = parseSloDocument(readFileSync(path.join(ROOT, FIXTURE), 'utf8'), { file: FIXTURE });
  if (!parsed) {
    throw new Error(`fixture does not parse: ${JSON.stringify(errors)}`);
  }
  return new Map(parsed.slos.map((s) => [s.id, s]));
}
