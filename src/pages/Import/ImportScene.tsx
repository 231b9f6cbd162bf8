// Import (/a/burndown-slo-app/import): Sloth, Pyrra and OpenSLO text pasted or uploaded -> a preview of the SLOs it
// would create (src/import: importSpecs, pure) with every note and refusal -> the chosen SLOs saved through the
// settings repository in ONE write (saveSlos: nothing half-saved). Read-only settings (provisioned, or a user without
// plugins:write) get the result as burndown/v1 YAML to paste into the provisioning file instead. The chosen format
// lives in the URL (?from=sloth); the pasted text and the choices do not.
import React from 'react';

import {
  SceneObjectBase,
  SceneObjectUrlSyncConfig,
  type SceneComponentProps,
  type SceneObjectState,
  type SceneObjectUrlValues,
} from '@grafana/scenes';

import { importSpecs, type ImportInput, type ImportOptions, type ImportResult } from '../../import';
import {
  ConflictError,
  entryId,
  grafanaSloRepository,
  settingsErrorMessage,
  type SloSettingsRepository,
  type SloSettingsSnapshot,
} from '../../infrastructure/settings';
import { buildImportPlan, freeId, savedEntries, type ImportChoice, type ImportChoices } from './domain/importPlan';
import { ImportView } from './ui/ImportView';

export type ImportFrom = ImportOptions['from'];
export const IMPORT_FORMATS: readonly ImportFrom[] = ['auto', 'sloth', 'pyrra', 'openslo'];
/** The name the pasted text has in notes and refusals (`pasted:12:3: ...`). */
export const PASTED_FILE = 'pasted';

export interface ImportSceneState extends SceneObjectState {
  from: ImportFrom;
  pasted: string;
  /** Uploaded files, by name (a file uploaded again replaces the earlier one). */
  files: ImportInput[];
  result?: ImportResult;
  choices: ImportChoices;
  snapshot?: SloSettingsSnapshot;
  loading: boolean;
  saving: boolean;
  /** Ids saved by the last import. */
  savedIds?: string[];
  /** Why the settings could not be read or the import was not saved. */
  error?: string;
}

export interface ImportDeps {
  repository: () => SloSettingsRepository;
}

const defaultDeps: ImportDeps = { repository: grafanaSloRepository };

export function existingIds(snapshot: SloSettingsSnapshot | undefined): string[] {
  return (snapshot?.rawSlos ?? []).map(entryId).filter((id): id is string => id !== undefined);
}

export class ImportScene extends SceneObjectBase<ImportSceneState> {
  static Component = ImportSceneRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['from'] });

  constructor(state: Partial<ImportSceneState> = {}, private readonly deps: ImportDeps = defaultDeps) {
    super({ from: 'auto', pasted: '', files: [], choices: {}, loading: true, saving: false, ...state });
    this.addActivationHandler(() => {
      this.reload();
    });
  }

  getUrlState(): SceneObjectUrlValues {
    return { from: this.state.from === 'auto' ? undefined : this.state.from };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const from = IMPORT_FORMATS.find((f) => f === values.from) ?? 'auto';
    if (from !== this.state.from) {
      this.setState({ from });
      this.preview();
    }
  }

  setFrom(from: ImportFrom): void {
    this.setState({ from });
    this.preview();
  }

  setPasted(pasted: string): void {
    this.setState({ pasted });
    this.preview();
  }

  addFiles(added: ImportInput[]): void {
    const names = new Set(added.map((f) => f.file));
    this.setState({ files: [...this.state.files.filter((f) => !names.has(f.file)), ...added] });
    this.preview();
  }

  removeFile(name: string): void {
    this.setState({ files: this.state.files.filter((f) => f.file !== name) });
    this.preview();
  }

  choose(id: string, change: Partial<ImportChoice>): void {
    const plan = this.plan();
    const row = plan?.rows.find((r) => r.id === id);
    const current: ImportChoice = this.state.choices[id] ?? {
      selected: row?.selected ?? true,
      resolution: row?.resolution,
    };
    const next = { ...current, ...change };
    if (change.resolution === 'rename' && next.rename === undefined) {
      // Start from a free id: one click to a valid rename.
      next.rename = freeId(id, new Set([...existingIds(this.state.snapshot), ...(plan?.rows.map((r) => r.id) ?? [])]));
    }
    this.setState({ choices: { ...this.state.choices, [id]: next } });
  }

  plan() {
    const { result, snapshot, choices } = this.state;
    return result ? buildImportPlan(result, existingIds(snapshot), choices) : undefined;
  }

  /** Saves the chosen SLOs in one write; a concurrent change is explained and the settings read again. */
  async importChosen(): Promise<void> {
    const plan = this.plan();
    const { snapshot } = this.state;
    if (!plan || !snapshot || plan.blocked > 0 || plan.toSave.length === 0) {
      return;
    }
    this.setState({ saving: true, error: undefined, savedIds: undefined });
    try {
      const after = await this.deps.repository().saveSlos(snapshot, savedEntries(plan));
      this.setState({ saving: false, snapshot: after, savedIds: plan.toSave.map((s) => s.id) });
    } catch (e) {
      const message = e instanceof Error ? e.message : settingsErrorMessage(e);
      this.setState({ saving: false, error: message });
      if (e instanceof ConflictError) {
        // Someone changed the settings meanwhile: show their ids as conflicts now.
        await this.reload(message);
      }
    }
  }

  async reload(keepError?: string): Promise<void> {
    this.setState({ loading: true });
    try {
      const snapshot = await this.deps.repository().load();
      this.setState({ loading: false, snapshot, error: keepError });
    } catch (e) {
      this.setState({ loading: false, error: `The app's settings could not be read: ${settingsErrorMessage(e)}` });
    }
  }

  private preview(): void {
    const { pasted, files, from } = this.state;
    const inputs = [...(pasted.trim() ? [{ file: PASTED_FILE, text: pasted }] : []), ...files];
    this.setState({
      result: inputs.length > 0 ? importSpecs(inputs, { from }) : undefined,
      savedIds: undefined,
    });
  }
}

function ImportSceneRenderer({ model }: SceneComponentProps<ImportScene>) {
  const s = model.useState();
  return (
    <ImportView
      state={s}
      plan={model.plan()}
      onFrom={(f) => model.setFrom(f)}
      onPaste={(t) => model.setPasted(t)}
      onFiles={(f) => model.addFiles(f)}
      onRemoveFile={(n) => model.removeFile(n)}
      onChoose={(id, c) => model.choose(id, c)}
      onImport={() => model.importChosen()}
    />
  );
}
