import { ConflictError, ReadOnlyError, SaveFailedError, SloValidationError } from './errors';
import type { PluginSettings, PluginSettingsApi, PluginSettingsUpdate } from './pluginSettingsApi';
import { createSloSettingsRepository, REVISION_KEY } from './SloSettingsRepository';

// JSON round trip: what goes over HTTP (jsdom has no structuredClone).
const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const slo = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `SLO ${id}`,
  datasource: { uid: 'prometheus' },
  indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
  objective: '99.9%',
  window: { rolling: '28d' },
  ...extra,
});

const ADMIN = { isSignedIn: true, orgRole: 'Admin', permissions: { 'plugins:write': true } };

/**
 * Grafana's settings endpoint as it behaves: GET answers what is stored, POST replaces it with what it is sent, no
 * revision of its own. `failNextPost` makes the next POST fail the way a database error does (nothing stored).
 */
class GrafanaLikeSettings implements PluginSettingsApi {
  posts: PluginSettingsUpdate[] = [];
  gets = 0;
  failNextPost?: { status: number; data: { message: string } };
  /** Runs between the repository's GET and its POST: another user's save landing meanwhile. */
  beforeNextPost?: () => void;

  constructor(public stored: PluginSettings) {}

  async get(): Promise<PluginSettings> {
    this.gets++;
    return clone(this.stored);
  }

  async post(update: PluginSettingsUpdate): Promise<void> {
    this.beforeNextPost?.();
    this.beforeNextPost = undefined;
    if (this.failNextPost) {
      const e = this.failNextPost;
      this.failNextPost = undefined;
      throw e;
    }
    this.posts.push(clone(update));
    this.stored = clone(update);
  }

  /** Another user's write, straight to the store (as their own repository would after its checks). */
  edit(fn: (slos: unknown[]) => unknown[]): void {
    const slos = fn(clone(this.stored.jsonData.slos as unknown[]));
    const rev = (this.stored.jsonData[REVISION_KEY] as number | undefined) ?? 0;
    this.stored = { ...this.stored, jsonData: { ...this.stored.jsonData, slos, [REVISION_KEY]: rev + 1 } };
  }
}

function setup(jsonData: Record<string, unknown> = { slos: [slo('a'), slo('b')] }, user: object = ADMIN) {
  const server = new GrafanaLikeSettings({ enabled: true, pinned: true, jsonData });
  const saved = jest.fn();
  const repo = createSloSettingsRepository({ api: server, user: () => user, onSaved: saved });
  return { server, repo, saved };
}

describe('SloSettingsRepository.load', () => {
  it('lists valid SLOs, and every invalid one with its errors at its position', async () => {
    const { repo } = setup({ slos: [slo('a'), slo('b', { objective: '150%' }), { name: 'no id' }] });
    const s = await repo.load();
    expect(s.slos.map((x) => x.id)).toEqual(['a']);
    expect(s.invalid.map((x) => [x.index, x.id, x.name])).toEqual([
      [1, 'b', 'SLO b'],
      [2, undefined, 'no id'],
    ]);
    expect(s.invalid[0].errors[0].path).toMatch(/^slos\[1\]\.objective/);
    expect(s.revision).toBe(0);
    expect(s.provisioned).toBe(false);
    expect(s.canWrite).toBe(true);
  });

  it('knows provisioned settings and users who may not write', async () => {
    expect((await setup({ slos: [], provisioned: true }).repo.load()).provisioned).toBe(true);
    const viewer = { isSignedIn: true, orgRole: 'Viewer', permissions: { 'plugins:read': true } };
    expect((await setup(undefined, viewer).repo.load()).canWrite).toBe(false);
  });
});

describe('SloSettingsRepository.saveSlo', () => {
  it('writes the whole jsonData in one POST, keeping other keys, enabled and pinned, and bumps the revision', async () => {
    const { server, repo, saved } = setup({ slos: [slo('a')], defaultTimeZone: 'Europe/Berlin', [REVISION_KEY]: 7 });
    const base = await repo.load();
    const after = await repo.saveSlo(base, slo('a', { objective: '99%' }));
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0]).toEqual({
      enabled: true,
      pinned: true,
      jsonData: { slos: [slo('a', { objective: '99%' })], defaultTimeZone: 'Europe/Berlin', [REVISION_KEY]: 8 },
    });
    expect(after.revision).toBe(8);
    expect(after.slos[0].objective).toBe(0.99);
    expect(saved).toHaveBeenCalledTimes(1);
    // It re-read the settings before writing: one GET to load, one before the POST.
    expect(server.gets).toBe(2);
  });

  it('merges when another SLO changed since the caller loaded', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [slos[0], slo('b', { objective: '95%' }), slo('c')]);
    await repo.saveSlo(base, slo('a', { objective: '99%' }));
    expect(server.stored.jsonData.slos).toEqual([
      slo('a', { objective: '99%' }),
      slo('b', { objective: '95%' }),
      slo('c'),
    ]);
    expect(server.stored.jsonData[REVISION_KEY]).toBe(2);
  });

  it('refuses with a ConflictError naming the SLO when the same SLO changed meanwhile, and writes nothing', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [slo('a', { name: 'Renamed by Bob' }), slos[1]]);
    const before = clone(server.stored);
    const err = await repo.saveSlo(base, slo('a', { objective: '99%' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).sloId).toBe('a');
    expect((err as Error).message).toMatch(/SLO "a" was changed by someone else/);
    expect(server.posts).toHaveLength(0);
    expect(server.stored).toEqual(before);
  });

  it('refuses to re-create an SLO deleted meanwhile, and a new SLO whose id was taken meanwhile', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [slos[1], slo('c')]);
    await expect(repo.saveSlo(base, slo('a', { objective: '99%' }))).rejects.toMatchObject({
      sloId: 'a',
      reason: 'deleted',
    });
    await expect(repo.saveSlo(base, slo('c'))).rejects.toMatchObject({ sloId: 'c', reason: 'created' });
    expect(server.posts).toHaveLength(0);
  });

  it('renames an SLO, refusing a new id that is taken', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    await expect(repo.saveSlo(base, slo('b'), { previousId: 'a' })).rejects.toMatchObject({ reason: 'exists' });
    const after = await repo.saveSlo(base, slo('a2'), { previousId: 'a' });
    expect(after.rawSlos).toEqual([slo('a2'), slo('b')]);
    expect(server.posts).toHaveLength(1);
  });

  it('leaves the stored settings as they were when the POST fails', async () => {
    const { server, repo, saved } = setup();
    const base = await repo.load();
    const before = clone(server.stored);
    server.failNextPost = { status: 500, data: { message: 'database is locked' } };
    const err = await repo.saveSlo(base, slo('a', { objective: '99%' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaveFailedError);
    expect((err as Error).message).toBe('SLO "a" was not saved (nothing changed): HTTP 500: database is locked');
    expect(server.stored).toEqual(before);
    expect(saved).not.toHaveBeenCalled();
    // The same base still saves once the server is back: the failed attempt changed nothing.
    await repo.saveSlo(base, slo('a', { objective: '99%' }));
    expect(server.stored.jsonData[REVISION_KEY]).toBe(1);
  });

  it('refuses an SLO that does not validate, with errors at its position, and keeps other invalid SLOs', async () => {
    const { server, repo } = setup({ slos: [slo('a'), { id: 'broken' }] });
    const base = await repo.load();
    const err = await repo.saveSlo(base, slo('a', { objective: '150%' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SloValidationError);
    expect((err as SloValidationError).errors[0].path).toMatch(/^slos\[0\]\.objective/);
    await repo.saveSlo(base, slo('a', { objective: '99%' }));
    expect((server.stored.jsonData.slos as unknown[])[1]).toEqual({ id: 'broken' });
  });

  it('is read-only when provisioned or without plugins:write, before any request', async () => {
    const p = setup({ slos: [slo('a')], provisioned: true });
    await expect(p.repo.saveSlo(await p.repo.load(), slo('a'))).rejects.toBeInstanceOf(ReadOnlyError);
    const editor = setup(undefined, { isSignedIn: true, orgRole: 'Editor', permissions: { 'dashboards:write': true } });
    const base = await editor.repo.load();
    await expect(editor.repo.deleteSlo(base, 'a')).rejects.toMatchObject({ reason: 'permission' });
    expect(p.server.posts.length + editor.server.posts.length).toBe(0);
  });

  it('reports a 403 from Grafana as a permission problem', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.failNextPost = { status: 403, data: { message: 'You do not have permission' } };
    await expect(repo.saveSlo(base, slo('a', { objective: '99%' }))).rejects.toMatchObject({ reason: 'permission' });
  });
});

describe('SloSettingsRepository.deleteSlo', () => {
  it('deletes one SLO, keeping the others as stored now', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [slos[0], slo('b', { objective: '95%' })]);
    const after = await repo.deleteSlo(base, 'a');
    expect(after.rawSlos).toEqual([slo('b', { objective: '95%' })]);
    expect(server.stored.jsonData.slos).toEqual([slo('b', { objective: '95%' })]);
  });

  it('refuses to delete an SLO changed meanwhile; an SLO already gone needs no write', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [slo('a', { objective: '90%' })]);
    await expect(repo.deleteSlo(base, 'a')).rejects.toMatchObject({ sloId: 'a', reason: 'changed' });
    const after = await repo.deleteSlo(base, 'b');
    expect(after.rawSlos).toEqual([slo('a', { objective: '90%' })]);
    expect(server.posts).toHaveLength(0);
  });
});

describe('SloSettingsRepository.saveSlos (an import: several new SLOs, all or nothing)', () => {
  it('adds every SLO in ONE POST after the SLOs stored now, keeping other keys, and bumps the revision once', async () => {
    const { server, repo, saved } = setup({ slos: [slo('a')], defaultTimeZone: 'UTC', [REVISION_KEY]: 3 });
    const base = await repo.load();
    server.edit((slos) => [...slos, slo('b')]);
    const after = await repo.saveSlos(base, [slo('c'), slo('d')]);
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0].jsonData).toEqual({
      slos: [slo('a'), slo('b'), slo('c'), slo('d')],
      defaultTimeZone: 'UTC',
      [REVISION_KEY]: 5,
    });
    expect(after.slos.map((s) => s.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(saved).toHaveBeenCalledTimes(1);
  });

  it('stores none of them when one id was taken meanwhile (ConflictError naming it)', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.edit((slos) => [...slos, slo('d', { name: 'Bob made d' })]);
    const before = clone(server.stored);
    await expect(repo.saveSlos(base, [slo('c'), slo('d'), slo('e')])).rejects.toMatchObject({
      name: 'ConflictError',
      sloId: 'd',
      reason: 'created',
    });
    expect(server.posts).toHaveLength(0);
    expect(server.stored).toEqual(before);
  });

  it('stores none of them when two share an id, or one already exists in what the caller loaded', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    await expect(repo.saveSlos(base, [slo('c'), slo('c', { name: 'again' })])).rejects.toBeInstanceOf(ConflictError);
    await expect(repo.saveSlos(base, [slo('c'), slo('a', { name: 'imported a' })])).rejects.toMatchObject({
      sloId: 'a',
      reason: 'exists',
    });
    expect(server.posts).toHaveLength(0);
  });

  it('stores none of them when one does not validate, naming that SLO and its field', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    const err = await repo.saveSlos(base, [slo('c'), slo('d', { objective: '150%' })]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SloValidationError);
    expect((err as SloValidationError).sloId).toBe('d');
    expect((err as SloValidationError).errors[0].path).toMatch(/^slos\[3\]\.objective/);
    expect(server.posts).toHaveLength(0);
  });

  it('stores none of them when the POST fails, naming them all; read-only settings refuse before any request', async () => {
    const { server, repo } = setup();
    const base = await repo.load();
    server.failNextPost = { status: 500, data: { message: 'database is locked' } };
    const err = await repo.saveSlos(base, [slo('c'), slo('d')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaveFailedError);
    expect((err as Error).message).toBe('SLO "c, d" was not saved (nothing changed): HTTP 500: database is locked');
    expect(server.stored.jsonData.slos).toEqual([slo('a'), slo('b')]);
    const p = setup({ slos: [], provisioned: true });
    await expect(p.repo.saveSlos(await p.repo.load(), [slo('c')])).rejects.toMatchObject({ reason: 'provisioned' });
    expect(p.server.gets).toBe(1);
  });
});
