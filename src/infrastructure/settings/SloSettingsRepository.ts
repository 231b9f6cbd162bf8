// Where the app's SLOs live (docs/semantics.md section 7): `jsonData.slos` of the app's plugin settings, read and
// written through Grafana's plugin settings API. Grafana keeps no revision, so the repository keeps one in
// `jsonData.burndownRevision`, re-reads the settings before every save and merges per SLO (mergeSloChange.ts):
// another SLO changed meanwhile is kept, the same SLO changed meanwhile is a ConflictError naming it.
// Nothing is half-saved: the whole jsonData (every other key kept) goes in one POST with `enabled` and `pinned` as
// stored; a failed POST stores nothing. Grafana offers no compare-and-swap, so two saves racing within one GET+POST
// round trip can still cross; the revision makes every slower conflict visible.
import type { SloError, SloSpec } from '../../slo';
import { applyAppDefaults, readAppDefaults, type AppDefaults } from './appDefaults';
import { ConflictError, ReadOnlyError, SaveFailedError, SloValidationError } from './errors';
import { entryId, mergeSloChange, type SloChange } from './mergeSloChange';
import { invalidSlos, parseAppSlos, errorIndex, type InvalidSlo } from './parseAppSlos';
import { settingsErrorMessage, type PluginSettings, type PluginSettingsApi } from './pluginSettingsApi';
import { canWritePluginSettings, type GrafanaUserLike } from './permissions';

/** jsonData keys the repository owns besides `slos`. */
export const REVISION_KEY = 'burndownRevision';
/** Set to true in provisioning/plugins/*.yaml: Grafana's settings API does not say whether an app is provisioned. */
export const PROVISIONED_KEY = 'provisioned';

/** The settings as loaded: what the caller edits against and hands back to save or delete. */
export interface SloSettingsSnapshot {
  /** jsonData.burndownRevision when loaded (0 when never saved through the app). */
  revision: number;
  /** jsonData.slos exactly as stored: the base of the per-SLO merge. */
  rawSlos: unknown[];
  /** Every SLO that validates, with the app's defaults filled in where it leaves a field out (appDefaults.ts). */
  slos: SloSpec[];
  /** Every validation problem, paths relative to jsonData (`slos[2].objective`). */
  errors: SloError[];
  /** The entries that do not validate, with their errors: listed, never hidden. */
  invalid: InvalidSlo[];
  /** SLOs come from provisioning: read-only in the UI. */
  provisioned: boolean;
  /** The signed-in user may write plugin settings. */
  canWrite: boolean;
  /** The Settings page's defaults that validate, and the errors of those that do not (paths are jsonData keys). */
  defaults: AppDefaults;
  defaultErrors: SloError[];
}

export interface SloSettingsRepository {
  load(): Promise<SloSettingsSnapshot>;
  /** Create or replace one SLO (`previousId` when the edit renames it). Resolves with the settings as saved. */
  saveSlo(
    base: SloSettingsSnapshot,
    slo: Record<string, unknown> & { id: string },
    opts?: { previousId?: string }
  ): Promise<SloSettingsSnapshot>;
  deleteSlo(base: SloSettingsSnapshot, id: string): Promise<SloSettingsSnapshot>;
  /**
   * Create several new SLOs (an import) in ONE write: every one is merged (mergeSloChange) and validated before the
   * single POST, so a conflict (an id in `base`, or taken meanwhile) or an invalid SLO stores none of them.
   */
  saveSlos(
    base: SloSettingsSnapshot,
    slos: Array<Record<string, unknown> & { id: string }>
  ): Promise<SloSettingsSnapshot>;
}

export interface RepositoryDeps {
  api: PluginSettingsApi;
  /** The signed-in user, read when loading (config.bootData.user in Grafana). */
  user: () => GrafanaUserLike | undefined;
  /** Called after every successful write (the page-wide SLO cache forgets what it held). */
  onSaved?: () => void;
}

function revisionOf(jsonData: Record<string, unknown>): number {
  const r = jsonData[REVISION_KEY];
  return typeof r === 'number' && Number.isInteger(r) && r >= 0 ? r : 0;
}

function snapshotOf(settings: PluginSettings, user: GrafanaUserLike | undefined): SloSettingsSnapshot {
  const raw = settings.jsonData.slos;
  const { slos, errors } = parseAppSlos(raw);
  const rawSlos = Array.isArray(raw) ? raw : [];
  const { defaults, errors: defaultErrors } = readAppDefaults(settings.jsonData);
  return {
    revision: revisionOf(settings.jsonData),
    rawSlos,
    slos: applyAppDefaults(slos, rawSlos, defaults),
    errors,
    invalid: invalidSlos(raw, errors),
    provisioned: settings.jsonData[PROVISIONED_KEY] === true,
    canWrite: canWritePluginSettings(user),
    defaults,
    defaultErrors,
  };
}

export function createSloSettingsRepository(deps: RepositoryDeps): SloSettingsRepository {
  const { api } = deps;

  async function apply(base: SloSettingsSnapshot, changes: SloChange[]): Promise<SloSettingsSnapshot> {
    const changedIds = changes.map((c) => (c.kind === 'delete' ? c.id : c.slo.id));
    const sloId = changedIds.join(', ');
    if (base.provisioned) {
      throw new ReadOnlyError('provisioned');
    }
    if (!base.canWrite) {
      throw new ReadOnlyError('permission');
    }
    // Always from a fresh read: what the caller loaded may be minutes old.
    const current = await api.get();
    const user = deps.user();
    if (current.jsonData[PROVISIONED_KEY] === true) {
      throw new ReadOnlyError('provisioned');
    }
    const currentSlos = Array.isArray(current.jsonData.slos) ? current.jsonData.slos : [];
    // Each change merges into the list the previous one left; any ConflictError aborts before the POST.
    let merged: unknown[] | undefined;
    for (const change of changes) {
      merged = mergeSloChange(base.rawSlos, merged ?? currentSlos, change) ?? merged;
    }
    if (merged === undefined) {
      return snapshotOf(current, user);
    }
    const putIds = changes.flatMap((c) => (c.kind === 'put' ? [c.slo.id] : []));
    if (putIds.length > 0) {
      const list = merged;
      const errors = parseAppSlos(list).errors;
      for (const id of putIds) {
        const index = list.findIndex((e) => entryId(e) === id);
        const own = errors.filter((e) => errorIndex(e) === index);
        if (own.length > 0) {
          throw new SloValidationError(id, own);
        }
      }
    }
    const written: PluginSettings = {
      enabled: current.enabled,
      pinned: current.pinned,
      jsonData: { ...current.jsonData, slos: merged, [REVISION_KEY]: revisionOf(current.jsonData) + 1 },
    };
    try {
      await api.post(written);
    } catch (e) {
      const status = (e as { status?: number })?.status;
      if (status === 403) {
        throw new ReadOnlyError('permission');
      }
      throw new SaveFailedError(sloId, settingsErrorMessage(e), status);
    }
    deps.onSaved?.();
    return snapshotOf(written, user);
  }

  return {
    async load() {
      return snapshotOf(await api.get(), deps.user());
    },
    saveSlo: (base, slo, opts) => apply(base, [{ kind: 'put', slo, previousId: opts?.previousId }]),
    deleteSlo: (base, id) => apply(base, [{ kind: 'delete', id }]),
    async saveSlos(base, slos) {
      // Create only: an import never replaces an SLO the caller saw (the page asks to rename or skip it).
      const taken = slos.find((slo) => base.rawSlos.some((e) => entryId(e) === slo.id));
      if (taken && !base.provisioned && base.canWrite) {
        throw new ConflictError(taken.id, 'exists');
      }
      return apply(
        base,
        slos.map((slo) => ({ kind: 'put' as const, slo }))
      );
    },
  };
}
