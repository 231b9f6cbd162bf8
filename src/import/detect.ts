// `--from auto`: which format one YAML document is in, from its version keys; or why it is not an SLO spec at all.

import type { ValueNode } from '../slo/read';
import type { ImportFormat } from './types';

export type Detected = { format: ImportFormat } | { refusal: string; path: string };

const EXPECTED =
  'expected a Sloth (version: prometheus/v1 or apiVersion: sloth.slok.dev/v1), Pyrra (apiVersion: pyrra.dev/v1alpha1) or OpenSLO (apiVersion: openslo/v1) document';

export function detectFormat(root: ValueNode): Detected {
  if (root.kind === 'seq') {
    const first = root.items[0];
    const api = first ? text(first, 'apiVersion') : undefined;
    // An empty list is an OpenSLO file with no objects (what `burndown export` writes for nothing).
    return !first || api?.startsWith('openslo/')
      ? { format: 'openslo' }
      : { refusal: `a list of objects that are not OpenSLO: ${EXPECTED}`, path: '[0]' };
  }
  const version = text(root, 'version');
  const api = text(root, 'apiVersion');
  const kind = text(root, 'kind');
  if (version === 'prometheus/v1') {
    return { format: 'sloth' };
  }
  if (api === 'sloth.slok.dev/v1') {
    return kind === 'PrometheusServiceLevel'
      ? { format: 'sloth' }
      : {
          refusal:
            kind === 'AlertWindows'
              ? "kind AlertWindows is Sloth's table of burn-rate alert windows, not an SLO spec: nothing to import"
              : `kind ${kind ?? '(none)'} is not a Sloth SLO spec: expected PrometheusServiceLevel`,
          path: 'kind',
        };
  }
  if (api?.startsWith('pyrra.dev/')) {
    return kind === 'ServiceLevelObjective'
      ? { format: 'pyrra' }
      : { refusal: `kind ${kind ?? '(none)'} is not a Pyrra SLO: expected ServiceLevelObjective`, path: 'kind' };
  }
  if (api?.startsWith('openslo/')) {
    return { format: 'openslo' };
  }
  if (root.kind === 'map' && root.entries.some((e) => e.key === 'groups')) {
    return {
      refusal:
        "a Prometheus rules file (such as Sloth's or Pyrra's generated output), not an SLO spec: import the spec it was generated from",
      path: 'groups',
    };
  }
  if (api === 'burndown/v1') {
    return { refusal: 'already a burndown/v1 document: use it as it is (burndown validate)', path: 'apiVersion' };
  }
  return { refusal: `not an SLO spec this importer knows: ${EXPECTED}`, path: '' };
}

function text(node: ValueNode, key: string): string | undefined {
  const v = node.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
  return v?.kind === 'scalar' && typeof v.value === 'string' ? v.value : undefined;
}
