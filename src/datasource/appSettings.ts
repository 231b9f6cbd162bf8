// The SLOs the app knows (DESIGN.md section 7): read from the app's settings (`jsonData.slos`, provisioned or saved in
// the UI) through Grafana's plugin settings API, validated with src/slo, cached for the page load.
import { getBackendSrv } from '@grafana/runtime';

import pluginJson from '../plugin.json';
import { parseSloObjects, type SloError, type SloSpec } from '../slo';

export const APP_SETTINGS_URL = `/api/plugins/${pluginJson.id}/settings`;

export interface AppSlos {
  /** Every SLO that validates. An invalid SLO does not hide the valid ones. */
  slos: SloSpec[];
  /** Problems with `jsonData.slos`, paths relative to it (`slos[2].objective`). */
  errors: SloError[];
}

interface PluginSettingsResponse {
  jsonData?: { slos?: unknown } | null;
}

const INDEX_RE = /^slos\[(\d+)\]/;

/**
 * Validate `jsonData.slos`, keeping the valid SLOs when some are not: SLOs named by an error are left out and the rest
 * validated again (a composite may depend on a dropped SLO), until what remains is clean.
 */
export function parseAppSlos(raw: unknown): AppSlos {
  if (raw === undefined || raw === null) {
    return { slos: [], errors: [] };
  }
  const first = parseSloObjects(raw, { file: 'jsonData' });
  if (first.slos) {
    return { slos: first.slos, errors: [] };
  }
  if (!Array.isArray(raw)) {
    return { slos: [], errors: first.errors };
  }
  const errors = [...first.errors];
  let kept = raw.map((_, i) => i);
  let pending = first.errors;
  while (pending.length > 0) {
    const bad = new Set<number>();
    for (const e of pending) {
      const m = INDEX_RE.exec(e.path);
      if (!m) {
        // A problem with the list as a whole: nothing can be trusted.
        return { slos: [], errors };
      }
      bad.add(kept[Number(m[1])]);
    }
    kept = kept.filter((i) => !bad.has(i));
    if (kept.length === 0) {
      return { slos: [], errors };
    }
    const again = parseSloObjects(
      kept.map((i) => raw[i]),
      { file: 'jsonData' }
    );
    if (again.slos) {
      return { slos: again.slos, errors };
    }
    // Report further problems with the original positions.
    pending = again.errors;
    for (const e of again.errors) {
      const m = INDEX_RE.exec(e.path);
      const path = m ? e.path.replace(INDEX_RE, `slos[${kept[Number(m[1])]}]`) : e.path;
      if (!errors.some((x) => x.path === path && x.message === e.message)) {
        errors.push({ ...e, path });
      }
    }
  }
  return { slos: [], errors };
}

let cached: Promise<AppSlos> | undefined;

/**
 * The app's SLOs, fetched once per page load. A failed request is not cached, so the next panel render retries.
 * Rejects with the server's message when the settings cannot be read.
 */
export function loadAppSlos(): Promise<AppSlos> {
  if (!cached) {
    const request = getBackendSrv()
      .get<PluginSettingsResponse>(APP_SETTINGS_URL, undefined, undefined, { showErrorAlert: false })
      .then((settings) => parseAppSlos(settings?.jsonData?.slos));
    cached = request;
    request.catch(() => {
      if (cached === request) {
        cached = undefined;
      }
    });
  }
  return cached;
}

/** Forget the cached settings (after the app's settings change, and in tests). */
export function resetAppSlosCache(): void {
  cached = undefined;
}

/** A readable message for a failed settings request (FetchError from Grafana, or any Error). */
export function settingsErrorMessage(e: unknown): string {
  const err = e as { status?: number; statusText?: string; data?: { message?: string }; message?: string };
  if (err?.data?.message) {
    return err.status ? `HTTP ${err.status}: ${err.data.message}` : err.data.message;
  }
  if (err?.status) {
    return `HTTP ${err.status} ${err.statusText ?? ''}`.trim();
  }
  return err?.message ?? String(e);
}
