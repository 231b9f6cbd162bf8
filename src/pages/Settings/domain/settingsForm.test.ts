import {
  defaultsFromForm,
  formFromDefaults,
  INVALID_SLOS_URL,
  settingsWritable,
  validateSettingsForm,
} from './settingsForm';

describe('the Settings form model', () => {
  it('round-trips the defaults, an empty time zone meaning none', () => {
    const d = { datasource: { uid: 'prom', type: 'prometheus' }, timeZone: 'Europe/Berlin' };
    expect(defaultsFromForm(formFromDefaults(d))).toEqual(d);
    expect(formFromDefaults({})).toEqual({ datasource: undefined, timeZone: '' });
    expect(defaultsFromForm({ timeZone: '  ' })).toEqual({});
    expect(defaultsFromForm({ timeZone: ' Asia/Tokyo ' })).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('accepts IANA names and UTC, and names the field of a zone Intl does not know', () => {
    for (const tz of ['', 'UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires']) {
      expect(validateSettingsForm({ timeZone: tz })).toEqual({});
    }
    expect(validateSettingsForm({ timeZone: 'Europe/Berlim' })).toEqual({
      timeZone: '"Europe/Berlim" is not an IANA time zone (for example Europe/Berlin, America/New_York or UTC)',
    });
    expect(validateSettingsForm({ timeZone: 'CEST+2' }).timeZone).toMatch(/not an IANA time zone/);
  });

  it('offers Save only to a writer of settings that are not provisioned', () => {
    expect(settingsWritable({ provisioned: false, canWrite: true })).toBe(true);
    expect(settingsWritable({ provisioned: true, canWrite: true })).toBe(false);
    expect(settingsWritable({ provisioned: false, canWrite: false })).toBe(false);
  });

  it('links the invalid SLOs to the overview filtered by status', () => {
    expect(INVALID_SLOS_URL).toBe('/a/burndown-slo-app/slos?status=invalid');
  });
});
