// Policy presets (docs/semantics.md section 5, Policy): three ready-made sets of levels, least to most severe, in the
// shape of the file's `policy` (PolicyLevel). Data, not code: the editor offers them and the user edits the copy.
import type { PolicyLevel } from './types';

export type PolicyPresetId = 'conservative' | 'balanced' | 'aggressive';

export interface PolicyPreset {
  id: PolicyPresetId;
  /** What the editor shows. */
  label: string;
  description: string;
  levels: readonly PolicyLevel[];
}

const ACTIONS = {
  notify: ['notify the owning team'],
  freeze: ['freeze non-critical releases'],
  stop: ['freeze all releases', 'prioritise reliability work'],
} as const;

/** Exceptions every preset allows while releases are frozen. */
const FROZEN_EXCEPTIONS = ['security-fix', 'sev1-remediation'];

function levels(notify: number, freeze: number, stop: number): PolicyLevel[] {
  return [
    // Notify informs the team; a release gate stops only at freeze and stop.
    { name: 'notify', below: notify, actions: [...ACTIONS.notify], blocksReleases: false },
    { name: 'freeze', below: freeze, actions: [...ACTIONS.freeze], exceptions: [...FROZEN_EXCEPTIONS] },
    { name: 'stop', below: stop, actions: [...ACTIONS.stop], exceptions: [...FROZEN_EXCEPTIONS] },
  ];
}

export const POLICY_PRESETS: readonly PolicyPreset[] = [
  {
    id: 'conservative',
    label: 'Conservative',
    description: 'notify below 50%, freeze below 30%, stop below 10%',
    levels: levels(0.5, 0.3, 0.1),
  },
  {
    id: 'balanced',
    label: 'Balanced',
    description: 'notify below 50%, freeze below 20%, stop when the budget is spent',
    levels: levels(0.5, 0.2, 0),
  },
  {
    id: 'aggressive',
    label: 'Aggressive',
    description: 'notify below 25%, freeze below 10%, stop when the budget is spent',
    levels: levels(0.25, 0.1, 0),
  },
];

/** A fresh, editable copy of a preset's levels. */
export function policyPreset(id: PolicyPresetId): PolicyLevel[] {
  const preset = POLICY_PRESETS.find((p) => p.id === id)!;
  return preset.levels.map((l) => ({
    ...l,
    actions: [...l.actions],
    ...(l.exceptions ? { exceptions: [...l.exceptions] } : {}),
  }));
}
