// The Alerts tab's pure pieces: the SLO's Prometheus rules file (as `burndown rules` writes it), where its Grafana
// rules live now, and the firing alerts in the order the tab lists them (pages first, then the oldest).
import { prometheusRules, rulesYaml } from '../../../rules';
import type { SloSpec } from '../../../slo/types';

export const DEFAULT_RULE_GROUP = 'burndown-slos';

export function sloRulesYaml(spec: SloSpec): string {
  return rulesYaml(prometheusRules([spec]));
}

export function rulesFileName(spec: SloSpec): string {
  return `${spec.id}-rules.yaml`;
}

/** The one folder and group of the stored rules; undefined when there are none or they are spread (shown as such). */
export function rulesLocation(
  rules: ReadonlyArray<{ folderUID: string; ruleGroup: string }>
): { folderUid: string; ruleGroup: string } | undefined {
  const places = new Set(rules.map((r) => `${r.folderUID}\u0000${r.ruleGroup}`));
  if (places.size !== 1) {
    return undefined;
  }
  const [folderUid, ruleGroup] = [...places][0].split('\u0000');
  return { folderUid, ruleGroup };
}

const SEVERITY_ORDER: Record<string, number> = { page: 0, ticket: 1 };

export function sortFiring<T extends { severity?: string; since?: number; name: string }>(alerts: readonly T[]): T[] {
  return [...alerts].sort(
    (a, b) =>
      (SEVERITY_ORDER[a.severity ?? ''] ?? 2) - (SEVERITY_ORDER[b.severity ?? ''] ?? 2) ||
      (a.since ?? Infinity) - (b.since ?? Infinity) ||
      a.name.localeCompare(b.name)
  );
}
