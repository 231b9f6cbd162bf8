import { applyAppDefaults, readAppDefaults, withAppDefaults } from './appDefaults';
import { ReadOnlyError } from './errors';
import type { PluginSettings, PluginSettingsApi, PluginSettingsUpdate } from './pluginSettingsApi';
import { saveAppDefaults } from './saveAppDefaults';
import { createSloSettingsRepository, REVISION_KEY } from './SloSettingsRepository';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const slo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `SLO ${id}`,
  indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
  objective: '99.9%',
  window: { calendar: 'month' },
  ...extra,
});

const ADMIN = { isSignedIn: true, orgRole: 'Admin', permissions: { 'plugins:write': true } };

/** Grafana's settings endpoint: GET answers what is stored, POST replaces it (or fails, storing nothing). */
function grafanaLike(jsonData: Record<string, unknown>) {
  const server = {
    stored: { enabled: true, pinned: false, jsonData } as PluginSettings,
    posts: [] as PluginSettingsUpdate[],
    failNextPost: undefined as undefined | { status: number; data: { message: string } },
  };
  const api: PluginSettingsApi = {
    get: async () => clone(server.stored),
    post: async (u) => {
      if (server.failNextPost) {
        const e = server.failNextPost;
        server.failNextPost = undefined;
        throw e;
      }
      server.posts.push(clone(u));
      server.stored = clone(u);
    },
  };
  return { server, api };
}

describe('readAppDefaults', () => {
  it('reads a data source reference and an IANA time zone', () => {
    expect(
      readAppDefaults({ defaultDatasource: { uid: 'prom-2', type: 'prometheus' }, defaultTimeZone: 'Europe/Berlin' })
    ).toEqual({
      defaults: { datasource: { uid: 'prom-2', type: 'prometheus' }, timeZone: 'Europe/Berlin' },
      errors: [],
    });
    expect(readAppDefaults({})).toEqual({ defaults: {}, errors: [] });
  });

  it('refuses a misspelt zone and a reference without uid, naming the jsonData field', () => {
    const { defaults, errors } = readAppDefaults({ defaultTimeZone: 'Europe/Berlim', defaultDatasource: 'prom' });
    expect(defaults).toEqual({});
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ['defaultDatasource', 'expected a data source reference {uid, type}'],
      ['defaultTimeZone', 'unknown time zone "Europe/Berlim": expected an IANA name'],
    ]);
  });
});

describe('the defaults in the SLOs the app reads (repository.load)', () => {
  it('fill the data source and calendar time zone an SLO leaves out, and nothing an SLO writes', async () => {
    const { api } = grafanaLike({
      defaultDatasource: { uid: 'prom-eu', type: 'prometheus' },
      defaultTimeZone: 'Europe/Berlin',
      slos: [
        slo('bare'),
        slo('explicit', {
          datasource: { uid: 'prom-us' },
          window: { calendar: { unit: 'quarter', timeZone: 'UTC' } },
        }),
        slo('unit-only', { window: { calendar: { unit: 'week' } } }),
        slo('rolling', { window: { rolling: '28d' } }),
      ],
    });
    const s = await createSloSettingsRepository({ api, user: () => ADMIN }).load();
    const byId = new Map(s.slos.map((x) => [x.id, x]));
    expect(byId.get('bare')!.datasource).toEqual({ uid: 'prom-eu', type: 'prometheus' });
    expect(byId.get('bare')!.window).toMatchObject({ kind: 'calendar', unit: 'month', timeZone: 'Europe/Berlin' });
    expect(byId.get('explicit')!.datasource).toEqual({ uid: 'prom-us' });
    expect(byId.get('explicit')!.window).toMatchObject({ unit: 'quarter', timeZone: 'UTC' });
    expect(byId.get('unit-only')!.window).toMatchObject({ unit: 'week', timeZone: 'Europe/Berlin' });
    expect(byId.get('rolling')!.window).toEqual({ kind: 'rolling', durationMs: 28 * 86_400_000 });
    expect(s.defaults.timeZone).toBe('Europe/Berlin');
    // The raw entries stay as written: the editor and the per-SLO merge work on them.
    expect(s.rawSlos[0]).toEqual(slo('bare'));
  });

  it('leave the SLOs as they are without defaults, and report a bad default instead of applying it', async () => {
    const { api } = grafanaLike({ defaultTimeZone: 'Mars/Olympus', slos: [slo('bare')] });
    const s = await createSloSettingsRepository({ api, user: () => ADMIN }).load();
    expect(s.slos[0].window).toMatchObject({ timeZone: 'UTC' });
    expect(s.slos[0].datasource).toBeUndefined();
    expect(s.defaultErrors.map((e) => e.path)).toEqual(['defaultTimeZone']);
  });

  it('are copied into new specs, never written into the parsed ones', () => {
    const spec = { id: 'a', window: { kind: 'calendar', unit: 'month', timeZone: 'UTC' } } as never;
    const [out] = applyAppDefaults([spec], [{ id: 'a', window: { calendar: 'month' } }], { timeZone: 'Asia/Tokyo' });
    expect((out as { window: { timeZone: string } }).window.timeZone).toBe('Asia/Tokyo');
    expect((spec as { window: { timeZone: string } }).window.timeZone).toBe('UTC');
  });
});

describe('saveAppDefaults', () => {
  it('writes the defaults over a fresh read, keeping slos and every other key, and bumps the revision', async () => {
    const { server, api } = grafanaLike({ slos: [slo('a')], other: { x: 1 }, [REVISION_KEY]: 3 });
    // Someone saved an SLO after the page loaded: the save must not drop it.
    server.stored.jsonData.slos = [slo('a'), slo('b')];
    const written = await saveAppDefaults(api, {
      timeZone: 'Europe/Berlin',
      datasource: { uid: 'p', type: 'prometheus' },
    });
    expect(server.posts).toEqual([
      {
        enabled: true,
        pinned: false,
        jsonData: {
          slos: [slo('a'), slo('b')],
          other: { x: 1 },
          [REVISION_KEY]: 4,
          defaultTimeZone: 'Europe/Berlin',
          defaultDatasource: { uid: 'p', type: 'prometheus' },
        },
      },
    ]);
    expect(written).toEqual(server.posts[0]);
  });

  it('removes a default that is unset', async () => {
    const { server, api } = grafanaLike({
      slos: [],
      defaultTimeZone: 'Europe/Berlin',
      defaultDatasource: { uid: 'p' },
    });
    await saveAppDefaults(api, {});
    expect(server.stored.jsonData).toEqual({ slos: [], [REVISION_KEY]: 1 });
    expect(withAppDefaults({ a: 1, defaultTimeZone: 'UTC' }, { timeZone: 'Asia/Tokyo' })).toEqual({
      a: 1,
      defaultTimeZone: 'Asia/Tokyo',
    });
  });

  it('refuses provisioned settings and a 403, and stores nothing when Grafana fails the POST', async () => {
    const provisioned = grafanaLike({ slos: [], provisioned: true });
    await expect(saveAppDefaults(provisioned.api, { timeZone: 'UTC' })).rejects.toMatchObject({
      reason: 'provisioned',
    });
    expect(provisioned.server.posts).toHaveLength(0);

    const { server, api } = grafanaLike({ slos: [slo('a')] });
    const before = clone(server.stored);
    server.failNextPost = { status: 403, data: { message: 'Permissions needed: plugins:write' } };
    await expect(saveAppDefaults(api, { timeZone: 'UTC' })).rejects.toBeInstanceOf(ReadOnlyError);
    server.failNextPost = { status: 500, data: { message: 'database is locked' } };
    await expect(saveAppDefaults(api, { timeZone: 'UTC' })).rejects.toThrow(
      'The settings were not saved (nothing changed): HTTP 500: database is locked'
    );
    expect(server.stored).toEqual(before);
  });
});
