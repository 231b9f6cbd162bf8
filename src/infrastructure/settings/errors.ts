// Why a save of the app's SLOs was refused: each error says which SLO and what to do next.
import { formatSloError, type SloError } from '../../slo';

/** The SLO changed (or appeared, or went) since the caller loaded the settings: reload and re-apply. */
export class ConflictError extends Error {
  constructor(readonly sloId: string, readonly reason: 'changed' | 'deleted' | 'created' | 'exists') {
    super(
      {
        changed: `SLO "${sloId}" was changed by someone else since you loaded it. Reload to see their change, then re-apply yours.`,
        deleted: `SLO "${sloId}" was deleted by someone else since you loaded it. Reload; save it again to restore it.`,
        created: `An SLO with id "${sloId}" was created by someone else since you loaded the settings. Reload, or pick another id.`,
        exists: `An SLO with id "${sloId}" already exists. Pick another id.`,
      }[reason]
    );
    this.name = 'ConflictError';
  }
}

/** The settings are provisioned (provisioning rewrites them on restart) or the user may not write them. */
export class ReadOnlyError extends Error {
  constructor(readonly reason: 'provisioned' | 'permission') {
    super(
      reason === 'provisioned'
        ? 'The SLOs of this app are provisioned (jsonData.provisioned in provisioning/plugins): change them in the provisioning file; "copy as YAML" gives the SLO to paste there.'
        : 'You may not change the SLOs: writing plugin settings needs the plugins:write permission (an org Admin has it).'
    );
    this.name = 'ReadOnlyError';
  }
}

/** The SLO to save does not validate; the errors' paths are relative to `jsonData` (`slos[3].objective`). */
export class SloValidationError extends Error {
  constructor(readonly sloId: string, readonly errors: SloError[]) {
    super(`SLO "${sloId}" is not valid: ${errors.map(formatSloError).join('; ')}`);
    this.name = 'SloValidationError';
  }
}

/** Grafana refused or failed the POST: nothing was stored. */
export class SaveFailedError extends Error {
  constructor(readonly sloId: string, readonly detail: string, readonly status?: number) {
    super(`SLO "${sloId}" was not saved (nothing changed): ${detail}`);
    this.name = 'SaveFailedError';
  }
}
