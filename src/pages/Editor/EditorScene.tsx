// The SLO editor (/slos/new and /slos/<id>/edit): a draft validated as you type by the CLI's validator
// (domain/validateForm.ts), a debounced live preview through the detail page's loader (the same status service as the
// overview, src/query/status.ts) and saves through the settings repository (src/infrastructure/settings): a conflict
// shows what the other person changed and offers "Reload and re-apply" (their SLO with your changes on top,
// domain/conflictMerge.ts), a failed save keeps the form, nothing is half-saved.
import React from 'react';

import { locationService } from '@grafana/runtime';
import { SceneObjectBase, type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';

import { PLUGIN_BASE_URL, ROUTES, sloDetailUrl } from '../../constants';
import {
  applyAppDefaults,
  entryId,
  grafanaSloRepository,
  namesTimeZone,
  parseAppSlos,
  type SloSettingsRepository,
  type SloSettingsSnapshot,
} from '../../infrastructure/settings';
import type { SloSpec } from '../../slo';
import { defaultDetailDeps, loadDetail, type DetailData, type DetailDeps } from '../Detail/loadDetail';
import { reapply, theirChanges, type FieldChange } from './domain/conflictMerge';
import { readOnlyReason, saveProblemOf, type SaveProblem } from './domain/saveProblem';
import { emptySloForm, formToDocument, specToForm, type SloForm } from './domain/sloForm';
import { validateForm, type FormValidation } from './domain/validateForm';
import { EditorView } from './ui/EditorView';

export interface EditorPreview {
  phase: 'invalid' | 'waiting' | 'loading' | 'done' | 'error';
  data?: DetailData;
  spec?: SloSpec;
  error?: string;
}

export interface EditorSceneState extends SceneObjectState {
  mode: 'new' | 'edit';
  /** The SLO being edited (its id before any rename). */
  sloId?: string;
  phase: 'loading' | 'ready' | 'saving' | 'not-found' | 'error';
  loadError?: string;
  snapshot?: SloSettingsSnapshot;
  form: SloForm;
  validation: FormValidation;
  preview: EditorPreview;
  saveProblem?: SaveProblem;
  /** The stored SLO as a form when it was (re)loaded: what "your changes" are measured against. */
  base?: SloForm;
  /** After a refused save: what someone else changed meanwhile; `gone`: the SLO is no longer stored under its id. */
  conflict?: { gone: boolean; changes: FieldChange[] };
  /** The settings were reloaded after a conflict and the draft kept over them. */
  reapplied?: boolean;
  /** After "Reload and re-apply": the fields both you and they changed, yours kept, to review before saving. */
  review?: FieldChange[];
}

export interface EditorDeps {
  repository: () => SloSettingsRepository;
  detail: DetailDeps;
  navigate: (url: string) => void;
  /** Quiet time after the last keystroke before the preview queries the data source. */
  previewDelayMs: number;
}

export const defaultEditorDeps: EditorDeps = {
  repository: grafanaSloRepository,
  detail: defaultDetailDeps,
  navigate: (url) => locationService.push(url),
  previewDelayMs: 700,
};

export class EditorScene extends SceneObjectBase<EditorSceneState> {
  static Component = EditorSceneRenderer;

  private previewTimer?: ReturnType<typeof setTimeout>;
  private previewToken = 0;

  constructor(
    state: Pick<EditorSceneState, 'mode'> & Partial<EditorSceneState>,
    private readonly deps: EditorDeps = defaultEditorDeps
  ) {
    const form = emptySloForm();
    super({
      phase: 'loading',
      form,
      validation: validateForm(form),
      preview: { phase: 'invalid' },
      ...state,
    });
    this.addActivationHandler(() => {
      this.load();
      return () => clearTimeout(this.previewTimer);
    });
  }

  /** The other valid SLOs of the settings: ids must differ from theirs, composites may name them. */
  private others(snapshot = this.state.snapshot): SloSpec[] {
    return (snapshot?.slos ?? []).filter((s) => s.id !== this.state.sloId);
  }

  private async load(): Promise<void> {
    let snapshot: SloSettingsSnapshot;
    try {
      snapshot = await this.deps.repository().load();
    } catch (e) {
      this.setState({ phase: 'error', loadError: `The app's settings could not be read: ${(e as Error).message}` });
      return;
    }
    let form = this.state.form;
    if (this.state.mode === 'edit') {
      const stored = this.storedForm(snapshot);
      if (!stored) {
        this.setState({ phase: 'not-found', snapshot });
        return;
      }
      form = stored;
    }
    this.setState({ snapshot, phase: 'ready', base: form });
    this.setForm(form);
  }

  /**
   * The edited SLO of a snapshot as a form: the entry as stored, without the app's defaults (saving must not write a
   * default into the SLO, so that a later change of the default still reaches it: docs/app.md, Settings).
   */
  private storedForm(snapshot: SloSettingsSnapshot): SloForm | undefined {
    const spec = parseAppSlos(snapshot.rawSlos).slos.find((s) => s.id === this.state.sloId);
    if (!spec) {
      return undefined;
    }
    const form = specToForm(spec);
    const namesZone = namesTimeZone(snapshot.rawSlos.find((e) => entryId(e) === spec.id));
    return spec.window.kind === 'calendar' && !namesZone ? { ...form, timeZone: '' } : form;
  }

  /** Every keystroke: validate now, preview after a quiet moment. */
  setForm(form: SloForm): void {
    const validation = validateForm(form, this.others());
    this.setState({ form, validation });
    this.schedulePreview(validation);
  }

  private schedulePreview(validation: FormValidation): void {
    clearTimeout(this.previewTimer);
    const token = ++this.previewToken;
    const draft = validation.spec;
    // The preview shows what the overview will: the draft with the app's defaults filled in where it leaves them out.
    const snapshot = this.state.snapshot;
    const spec =
      draft && snapshot ? applyAppDefaults([draft], [formToDocument(this.state.form)], snapshot.defaults)[0] : draft;
    if (!spec) {
      this.setState({ preview: { phase: 'invalid' } });
      return;
    }
    this.setState({ preview: { ...this.state.preview, phase: 'waiting' } });
    this.previewTimer = setTimeout(async () => {
      this.setState({ preview: { ...this.state.preview, phase: 'loading' } });
      try {
        const app = { slos: [...this.others(), spec], errors: [] };
        const data = await loadDetail(app, spec, { kind: 'current' }, this.deps.detail);
        if (token === this.previewToken) {
          this.setState({ preview: { phase: 'done', data, spec } });
        }
      } catch (e) {
        if (token === this.previewToken) {
          this.setState({ preview: { phase: 'error', error: e instanceof Error ? e.message : String(e) } });
        }
      }
    }, this.deps.previewDelayMs);
  }

  async save(): Promise<void> {
    const { snapshot, validation, mode, sloId } = this.state;
    if (!snapshot || !validation.spec) {
      return;
    }
    this.setState({ phase: 'saving', saveProblem: undefined });
    try {
      await this.deps
        .repository()
        .saveSlo(snapshot, validation.document, mode === 'edit' ? { previousId: sloId } : undefined);
    } catch (e) {
      const saveProblem = saveProblemOf(e);
      this.setState({ phase: 'ready', saveProblem, conflict: undefined });
      if (saveProblem.kind === 'conflict') {
        await this.showTheirChanges();
      }
      return;
    }
    this.deps.navigate(sloDetailUrl(validation.document.id));
  }

  /** Reads the settings as they are now to say which fields someone else changed (best effort: the refusal stands). */
  private async showTheirChanges(): Promise<void> {
    const { base, mode } = this.state;
    if (mode !== 'edit' || !base) {
      return;
    }
    try {
      const theirs = this.storedForm(await this.deps.repository().load());
      this.setState({ conflict: { gone: !theirs, changes: theirChanges(base, theirs, this.state.form) } });
    } catch {
      // The conflict message stays; "Reload and re-apply" reads the settings again anyway.
    }
  }

  /**
   * After a conflict: the settings as they are now become the base; the form is their SLO with your changes put back
   * on top (the fields both changed keep yours and are listed for review), validated anew. A new SLO, or one that is
   * gone, keeps the draft as typed.
   */
  async reloadAndReapply(): Promise<void> {
    let snapshot: SloSettingsSnapshot;
    try {
      snapshot = await this.deps.repository().load();
    } catch (e) {
      this.setState({ saveProblem: { kind: 'failed', message: `Reload failed: ${(e as Error).message}` } });
      return;
    }
    const { base, form: yours, mode } = this.state;
    const theirs = mode === 'edit' ? this.storedForm(snapshot) : undefined;
    const merged = base && theirs ? reapply(base, theirs, yours) : { form: yours, review: [] };
    this.setState({
      snapshot,
      base: theirs ?? base,
      saveProblem: undefined,
      conflict: undefined,
      reapplied: true,
      review: merged.review,
    });
    this.setForm(merged.form);
  }

  cancel(): void {
    const { mode, sloId } = this.state;
    this.deps.navigate(mode === 'edit' && sloId ? sloDetailUrl(sloId) : `${PLUGIN_BASE_URL}/${ROUTES.Overview}`);
  }
}

function EditorSceneRenderer({ model }: SceneComponentProps<EditorScene>) {
  const state = model.useState();
  return (
    <EditorView
      state={state}
      readOnly={readOnlyReason(state.snapshot)}
      onForm={(f) => model.setForm(f)}
      onSave={() => model.save()}
      onReload={() => model.reloadAndReapply()}
      onCancel={() => model.cancel()}
    />
  );
}
