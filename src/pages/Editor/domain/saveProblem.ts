// What the repository answered to a save or delete, as the editor shows it; and when the editor is read-only
// (docs/semantics.md section 7: provisioned settings, or a user without plugins:write).
import {
  ConflictError,
  ReadOnlyError,
  SaveFailedError,
  SloValidationError,
  type SloSettingsSnapshot,
} from '../../../infrastructure/settings';

export interface SaveProblem {
  kind: 'conflict' | 'failed' | 'read-only' | 'invalid';
  message: string;
}

/** Read-only: provisioned settings (provisioning rewrites them on restart), or a user without plugins:write. */
export function readOnlyReason(s: SloSettingsSnapshot | undefined): 'provisioned' | 'permission' | undefined {
  return s?.provisioned ? 'provisioned' : s && !s.canWrite ? 'permission' : undefined;
}

export function saveProblemOf(e: unknown): SaveProblem {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof ConflictError) {
    return { kind: 'conflict', message };
  }
  if (e instanceof ReadOnlyError) {
    return { kind: 'read-only', message };
  }
  if (e instanceof SloValidationError) {
    return { kind: 'invalid', message };
  }
  if (e instanceof SaveFailedError) {
    return { kind: 'failed', message };
  }
  return { kind: 'failed', message: `The SLO was not saved: ${message}` };
}
