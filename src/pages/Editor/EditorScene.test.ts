// The editor scene against the real settings repository over an in-memory plugin settings API (Grafana's settings
// endpoint is the only thing faked): load, edit, save; a conflict and "Reload and re-apply"; a failed POST keeps the
// draft; read-only snapshots. The preview is never reached (its delay outlasts each test).
import { createSloSettingsRepository, type PluginSettings } from '../../infrastructure/settings';
import type { DetailDeps } from '../Detail/loadDetail';
import { EditorScene, type EditorDeps } from './EditorScene';

const CHECKOUT = {
  id: 'checkout',
  name: 'Checkout',
  indicator: { ratio: { bad: 'errors_total', total: 'requests_total' } },
  objective: '99.5%',
  window: { rolling: '28d' },
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function setup(opts: { role?: string; provisioned?: boolean; slos?: unknown[]; jsonData?: object } = {}) {
  let stored: PluginSettings = {
    enabled: true,
    pinned: true,
    jsonData: { slos: opts.slos ?? [CHECKOUT], ...opts.jsonData, ...(opts.provisioned ? { provisioned: true } : {}) },
  };
  let failNext = false;
  const api = {
    get: async () => clone(stored),
    post: async (s: PluginSettings) => {
      if (failNext) {
        failNext = false;
        throw { status: 500, data: { message: 'database is locked' } };
      }
      stored = clone(s);
    },
  };
  const repository = () => createSloSettingsRepository({ api, user: () => ({ orgRole: opts.role ?? 'Admin' }) });
  const navigated: string[] = [];
  const deps: EditorDeps = {
    repository,
    detail: {} as DetailDeps,
    navigate: (url) => navigated.push(url),
    previewDelayMs: 3_600_000,
  };
  return {
    deps,
    navigated,
    stored: () => stored,
    failNextPost: () => (failNext = true),
    changeBehind: (patch: Record<string, unknown>) =>
      (stored = { ...stored, jsonData: { ...stored.jsonData, slos: [{ ...CHECKOUT, ...patch }] } }),
  };
}

const active: Array<() => void> = [];
afterEach(() => active.splice(0).forEach((deactivate) => deactivate()));

async function opened(scene: EditorScene): Promise<EditorScene> {
  active.push(scene.activate());
  await new Promise((r) => setTimeout(r, 0));
  return scene;
}

const entry = (s: PluginSettings) => (s.jsonData.slos as Array<Record<string, unknown>>)[0];

describe('EditorScene', () => {
  it('loads an SLO into the form, saves the change and opens its detail page', async () => {
    const env = setup();
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'checkout' }, env.deps));
    expect(scene.state.phase).toBe('ready');
    expect(scene.state.form.objective).toBe('99.5%');
    scene.setForm({ ...scene.state.form, objective: '99.9%' });
    expect(scene.state.validation.errors).toEqual([]);
    await scene.save();
    expect(entry(env.stored()).objective).toBe('99.9%');
    expect(env.stored().jsonData.burndownRevision).toBe(1);
    expect(env.navigated).toEqual(['/a/burndown-slo-app/slos/checkout']);
  });

  it("never writes the app's defaults into the SLO it saves (they stay defaults)", async () => {
    const monthly = { ...CHECKOUT, window: { calendar: { unit: 'month' } } };
    const env = setup({
      slos: [monthly],
      jsonData: { defaultTimeZone: 'Europe/Berlin', defaultDatasource: { uid: 'prom-b', type: 'prometheus' } },
    });
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'checkout' }, env.deps));
    scene.setForm({ ...scene.state.form, objective: '99.9%' });
    await scene.save();
    const saved = entry(env.stored());
    expect(saved.objective).toBe('99.9%');
    expect(saved.datasource).toBeUndefined();
    expect(JSON.stringify(saved.window)).not.toContain('Europe/Berlin');
    // Read back, the defaults still apply to it.
    const back = await env.deps.repository().load();
    expect(back.slos[0].window).toMatchObject({ kind: 'calendar', timeZone: 'Europe/Berlin' });
    expect(back.slos[0].datasource).toEqual({ uid: 'prom-b', type: 'prometheus' });
  });

  it('refuses a save over a concurrent change and says what changed; "Reload and re-apply" keeps both changes', async () => {
    const env = setup();
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'checkout' }, env.deps));
    scene.setForm({ ...scene.state.form, objective: '99.9%', service: 'shop' });
    env.changeBehind({ name: 'Renamed meanwhile', objective: '99%' });
    await scene.save();
    expect(scene.state.saveProblem?.kind).toBe('conflict');
    expect(scene.state.saveProblem?.message).toMatch(/SLO "checkout" was changed by someone else/);
    expect(scene.state.conflict).toEqual({
      gone: false,
      changes: [
        { field: 'name', label: 'Name', theirs: '"Renamed meanwhile"', yours: '"Checkout"', both: false },
        { field: 'objective', label: 'Objective', theirs: '"99%"', yours: '"99.9%"', both: true },
      ],
    });
    expect(entry(env.stored())).toMatchObject({ name: 'Renamed meanwhile', objective: '99%' });
    await scene.reloadAndReapply();
    expect(scene.state.reapplied).toBe(true);
    expect(scene.state.form).toMatchObject({ name: 'Renamed meanwhile', objective: '99.9%', service: 'shop' });
    expect(scene.state.review?.map((r) => r.field)).toEqual(['objective']);
    await scene.save();
    expect(entry(env.stored())).toMatchObject({ name: 'Renamed meanwhile', objective: '99.9%', service: 'shop' });
    expect(env.navigated).toEqual(['/a/burndown-slo-app/slos/checkout']);
  });

  it('says so when the SLO was deleted meanwhile, and keeps the draft as typed on re-apply', async () => {
    const env = setup({ slos: [CHECKOUT, { ...CHECKOUT, id: 'other' }] });
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'checkout' }, env.deps));
    scene.setForm({ ...scene.state.form, objective: '99.9%' });
    env.changeBehind({ id: 'other' }); // only "other" is stored now
    await scene.save();
    expect(scene.state.saveProblem?.kind).toBe('conflict');
    expect(scene.state.conflict).toEqual({ gone: true, changes: [] });
    await scene.reloadAndReapply();
    expect(scene.state.form.objective).toBe('99.9%');
    expect(scene.state.review).toEqual([]);
  });

  it('keeps the form when the POST fails, and stores nothing', async () => {
    const env = setup();
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'checkout' }, env.deps));
    scene.setForm({ ...scene.state.form, objective: '99.8%' });
    env.failNextPost();
    await scene.save();
    expect(scene.state.saveProblem).toMatchObject({ kind: 'failed' });
    expect(scene.state.saveProblem?.message).toMatch(/database is locked/);
    expect(scene.state.form.objective).toBe('99.8%');
    expect(entry(env.stored()).objective).toBe('99.5%');
    expect(env.navigated).toEqual([]);
  });

  it('creates a new SLO, refusing an id that is taken as you type', async () => {
    const env = setup();
    const scene = await opened(new EditorScene({ mode: 'new' }, env.deps));
    const form = { ...scene.state.form, id: 'checkout', name: 'Copy', ratioQuery: 'e_total', ratioTotal: 'r_total' };
    scene.setForm(form);
    expect(scene.state.validation.errors.map((e) => e.path)).toEqual(['id']);
    scene.setForm({ ...form, id: 'checkout-copy' });
    await scene.save();
    expect((env.stored().jsonData.slos as unknown[]).length).toBe(2);
    expect(env.navigated).toEqual(['/a/burndown-slo-app/slos/checkout-copy']);
  });

  it('says "not found" for an unknown id', async () => {
    const scene = await opened(new EditorScene({ mode: 'edit', sloId: 'nope' }, setup().deps));
    expect(scene.state.phase).toBe('not-found');
  });
});
