/**
 * The app's settings as stored by Grafana (provisioning/plugins/*.yaml or the settings page).
 * `slos` holds `burndown/v1` SLO objects as written by the user (DESIGN.md section 10); they are
 * raw input until src/slo parses and validates them.
 */
export interface AppJsonData {
  slos?: unknown[];
}
