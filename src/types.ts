/**
 * The app's settings as stored by Grafana (provisioning/plugins/*.yaml or saved by the app through
 * src/infrastructure/settings). `slos` holds `burndown/v1` SLO objects as written by the user (docs/semantics.md
 * section 10); they are raw input until src/slo parses and validates them.
 */
export interface AppJsonData {
  slos?: unknown[];
  /** Set by provisioning: the SLOs are read-only in the UI (Grafana's settings API does not say it). */
  provisioned?: boolean;
  /** Bumped by every save through the settings repository (Grafana keeps no revision of its own). */
  burndownRevision?: number;
}
