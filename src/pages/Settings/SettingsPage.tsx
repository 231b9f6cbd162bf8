// The app's config page (AppPlugin.addConfigPage; Grafana shows it at /plugins/burndown-slo-app, page "settings"):
// the default data source and time zone for SLOs that leave them out, whether provisioning manages the settings, and
// the valid and invalid SLOs with each invalid one's errors. Reads the settings fresh (not the plugin meta Grafana
// loaded with the page) and saves through saveAppDefaults, which keeps `slos` and every other jsonData key.
import React, { useCallback, useEffect, useMemo, useState } from 'react';

import type { AppPluginMeta, PluginConfigPageProps } from '@grafana/data';

import {
  grafanaPluginSettingsApi,
  grafanaSloRepository,
  resetAppSlosCache,
  saveAppDefaults,
  settingsErrorMessage,
  type AppDefaults,
  type SloSettingsSnapshot,
} from '../../infrastructure/settings';
import type { AppJsonData } from '../../types';
import { defaultsFromForm, formFromDefaults, validateSettingsForm, type SettingsForm } from './domain/settingsForm';
import { SettingsView } from './ui/SettingsView';

export interface SettingsDeps {
  load(): Promise<SloSettingsSnapshot>;
  /** Rejects with a message to show; nothing is stored then. */
  save(defaults: AppDefaults): Promise<void>;
}

export function grafanaSettingsDeps(): SettingsDeps {
  return {
    load: () => grafanaSloRepository().load(),
    save: async (defaults) => {
      await saveAppDefaults(grafanaPluginSettingsApi(), defaults);
      // Panels on this page load read the SLOs with the old defaults until told.
      resetAppSlosCache();
    },
  };
}

export type SettingsPageProps = Partial<PluginConfigPageProps<AppPluginMeta<AppJsonData>>> & { deps?: SettingsDeps };

export function SettingsPage({ deps: given }: SettingsPageProps) {
  const deps = useMemo(() => given ?? grafanaSettingsDeps(), [given]);
  const [snapshot, setSnapshot] = useState<SloSettingsSnapshot>();
  const [loadError, setLoadError] = useState<string>();
  const [form, setForm] = useState<SettingsForm>({ timeZone: '' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    const s = await deps.load();
    setSnapshot(s);
    setForm(formFromDefaults(s.defaults));
  }, [deps]);

  useEffect(() => {
    load().catch((e: unknown) => setLoadError(settingsErrorMessage(e)));
  }, [load]);

  const errors = validateSettingsForm(form);

  const onChange = (next: SettingsForm) => {
    setForm(next);
    setSaved(false);
  };

  const onSave = async () => {
    if (Object.keys(errors).length > 0) {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      await deps.save(defaultsFromForm(form));
    } catch (e) {
      // The form keeps what the user typed.
      setSaveError(settingsErrorMessage(e));
      setSaving(false);
      return;
    }
    try {
      await load();
      setSaved(true);
    } catch (e) {
      setSaveError(`Saved, but the settings could not be read back: ${settingsErrorMessage(e)}`);
    }
    setSaving(false);
  };

  return (
    <SettingsView
      snapshot={snapshot}
      loadError={loadError}
      form={form}
      errors={errors}
      saving={saving}
      saveError={saveError}
      saved={saved}
      onChange={onChange}
      onSave={onSave}
    />
  );
}
