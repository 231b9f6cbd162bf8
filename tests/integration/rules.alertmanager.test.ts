// End to end with real parts (docs/alerting.md): Prometheus 2.42 loads `burndown rules` output over data backfilled up
// to now, evaluates it every 2 s and sends to Debian's Alertmanager, which routes severity=page to one webhook and
// severity=ticket to another; two webhook receivers in this test must get exactly the expected alerts.
//
// Data (OpenMetrics written here, loaded with `promtool tsdb create-blocks-from openmetrics`), 4 days at 30 s scrapes:
//   checkout (99.9%, rolling 30d, groupBy route): /pay burns 20x during the last hour, /cart never fails
//     -> one page, 1h/5m tier, route=/pay (6h: 3.3x < 6, 1d: 0.8x < 3, 3d: 0.3x < 1);
//   search (99%, rolling 30d): a steady 2x burn for 4 days -> one ticket, 3d/6h tier (2 < 3 and < 6, 14.4).
// The burn-rate alerts' `for` (2m .. 1h) is removed here so the test takes seconds, not an hour; the generated `for`
// durations are exercised by rules.promtool.test.ts. Everything else is the generated file as is.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';

import { stringify } from 'yaml';

import { type AlertingRule, prometheusRules, type Rule, ruleFile, rulesYaml } from '../../src/rules';
import { parseSloDocument } from '../../src/slo';
import { freePort, httpGet, stopPid } from './servers';
import { openMetrics, requireBinaries, run, sleep, STEP_S, tempDir, waitFor } from './rulesTools';

const bins = requireBinaries(['prometheus', 'promtool', 'alertmanager'], 'Alertmanager end-to-end test');
const describeE2e = bins ? describe : describe.skip;
const DAYS = 4;

const SLOS = `
apiVersion: burndown/v1
slos:
  - id: checkout
    name: Checkout availability
    service: checkout
    labels: {team: payments}
    indicator:
      ratio:
        bad: http_requests_total{job="checkout",code=~"5.."}
        total: http_requests_total{job="checkout"}
    objective: 99.9%
    window: {rolling: 30d}
    groupBy: [route]
    alerting: {page: true, ticket: true, runbook: https://runbooks.example/checkout}
  - id: search
    name: Search availability
    service: search
    labels: {team: discovery}
    indicator:
      ratio:
        bad: http_requests_total{job="search",code=~"5.."}
        total: http_requests_total{job="search"}
    objective: 99%
    window: {rolling: 30d}
    alerting: {page: true, ticket: true}
`;

interface Webhook {
  url: string;
  server: Server;
  payloads: Array<{ receiver: string; status: string; alerts: ReceivedAlert[] }>;
}

interface ReceivedAlert {
  status: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

async function webhook(): Promise<Webhook> {
  const hook = { payloads: [] } as unknown as Webhook;
  hook.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hook.payloads.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200).end();
    });
  });
  hook.server.listen(0, '127.0.0.1');
  await once(hook.server, 'listening');
  const addr = hook.server.address();
  hook.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  return hook;
}

/** The routing of docs/alerting.md with the test's receivers. */
function alertmanagerConfig(pagerUrl: string, chatUrl: string): string {
  return stringify({
    route: {
      receiver: 'chat',
      group_by: ['alertname', 'slo', 'severity'],
      group_wait: '1s',
      group_interval: '1s',
      repeat_interval: '4h',
      routes: [
        { matchers: ['severity="page"'], receiver: 'pager' },
        { matchers: ['severity="ticket"'], receiver: 'chat' },
      ],
    },
    inhibit_rules: [{ source_matchers: ['severity="page"'], target_matchers: ['severity="ticket"'], equal: ['slo'] }],
    receivers: [
      { name: 'pager', webhook_configs: [{ url: pagerUrl, send_resolved: false }] },
      { name: 'chat', webhook_configs: [{ url: chatUrl, send_resolved: false }] },
    ],
  });
}

/** Each distinct alert (by its labels) a receiver got, in a stable order. */
function distinctAlerts(hook: Webhook): ReceivedAlert[] {
  const byKey = new Map<string, ReceivedAlert>();
  for (const p of hook.payloads) {
    for (const a of p.alerts) {
      byKey.set(JSON.stringify(Object.entries(a.labels).sort()), {
        status: a.status,
        labels: a.labels,
        annotations: a.annotations,
      });
    }
  }
  return [...byKey.values()];
}

describeE2e('burn-rate rules through Prometheus and Alertmanager to webhooks', () => {
  const tmp = tempDir('alertmanager');
  const pids: number[] = [];
  const hooks: Webhook[] = [];

  afterAll(async () => {
    for (const pid of pids) {
      await stopPid(pid);
    }
    for (const h of hooks) {
      h.server.close();
    }
    tmp.remove();
  });

  function start(bin: string, args: string[], log: string): ChildProcess {
    const fd = openSync(path.join(tmp.dir, log), 'a');
    const child = spawn(bin, args, { stdio: ['ignore', fd, fd] });
    pids.push(child.pid as number);
    return child;
  }

  it('delivers exactly the checkout page to the pager and the search ticket to the chat receiver', async () => {
    const t0 = Date.now();
    const stages: string[] = [];
    const mark = (stage: string) => stages.push(`${stage} ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { file, errors } = parseSloDocument(SLOS, { file: 'e2e-slos.yaml' });
    expect(errors).toEqual([]);

    // Data up to now, aligned to the scrape interval.
    const toS = Math.floor(Date.now() / 1000 / STEP_S) * STEP_S;
    const fromS = toS - DAYS * 86_400;
    const burnStart = toS - 3600;
    const om = path.join(tmp.dir, 'data.om');
    const text = openMetrics(fromS, toS, [
      // 20x at 99.9%: 2% of requests fail
      { labels: 'job="checkout",route="/pay"', badAt: (t) => (t > burnStart ? 2 : 0) },
      { labels: 'job="checkout",route="/cart"', badAt: () => 0 },
      // 2x at 99%: 2% of requests fail, all along
      { labels: 'job="search",route="/search"', badAt: () => 2 },
    ]);
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(om);
      out.on('error', reject);
      out.end(text, resolve);
    });
    const blocks = path.join(tmp.dir, 'prometheus-data');
    mkdirSync(blocks);
    const created = await run(bins!.promtool, [
      'tsdb',
      'create-blocks-from',
      'openmetrics',
      '--max-block-duration=240h',
      om,
      blocks,
    ]);
    expect(created.code).toBe(0);
    mark('data and blocks');

    // The generated rules, with the burn-rate alerts' `for` removed (see the top of this file).
    const groups = prometheusRules(file!.slos);
    for (const g of groups) {
      g.group.rules = g.group.rules.map((r: Rule) => {
        if ('alert' in r && r.alert === 'BurndownErrorBudgetBurn') {
          const { for: _for, ...rest } = r as AlertingRule;
          return rest;
        }
        return r;
      });
    }
    expect(ruleFile(groups).groups).toHaveLength(2);
    writeFileSync(path.join(tmp.dir, 'rules.yaml'), rulesYaml(groups));
    const checked = await run(bins!.promtool, ['check', 'rules', path.join(tmp.dir, 'rules.yaml')]);
    expect(checked.code).toBe(0);

    const pager = await webhook();
    const chat = await webhook();
    hooks.push(pager, chat);

    const amPort = await freePort();
    writeFileSync(path.join(tmp.dir, 'alertmanager.yml'), alertmanagerConfig(pager.url, chat.url));
    const am = start(
      bins!.alertmanager,
      [
        `--config.file=${path.join(tmp.dir, 'alertmanager.yml')}`,
        `--storage.path=${path.join(tmp.dir, 'alertmanager-data')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ],
      'alertmanager.log'
    );
    const promPort = await freePort();
    writeFileSync(
      path.join(tmp.dir, 'prometheus.yml'),
      stringify({
        global: { evaluation_interval: '2s' },
        rule_files: ['rules.yaml'],
        alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
      })
    );
    const prom = start(
      bins!.prometheus,
      [
        `--config.file=${path.join(tmp.dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${blocks}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
        '--storage.tsdb.retention.time=10y',
        // The first evaluation can run before the notifier has discovered Alertmanager: resend soon, not after 1m.
        '--rules.alert.resend-delay=2s',
      ],
      'prometheus.log'
    );
    await waitFor(
      'Alertmanager ready',
      async () => (await httpGet(`http://127.0.0.1:${amPort}/-/ready`, 2000)).status === 200,
      30_000,
      [am]
    );
    await waitFor(
      'Prometheus ready',
      async () => (await httpGet(`http://127.0.0.1:${promPort}/-/ready`, 2000)).status === 200,
      60_000,
      [prom]
    );
    mark('servers ready');

    await waitFor('both receivers notified', () => pager.payloads.length > 0 && chat.payloads.length > 0, 90_000, [
      am,
      prom,
    ]);
    mark('both notified');
    // Several more evaluations and group intervals: nothing else may arrive.
    await sleep(8_000);

    expect(distinctAlerts(pager)).toEqual([
      {
        status: 'firing',
        labels: {
          alertname: 'BurndownErrorBudgetBurn',
          slo: 'checkout',
          service: 'checkout',
          team: 'payments',
          route: '/pay',
          severity: 'page',
          long_window: '1h',
          short_window: '5m',
        },
        annotations: {
          summary: 'Checkout availability (route=/pay): error budget burning at 20.0x over 1h (page above 14.4x)',
          description:
            'In the last 1h Checkout availability (route=/pay) spent 2.8% of its rolling 30d error budget (objective ' +
            '99.9%). At this rate a full budget runs out in 1d 12h 0m 0s. Both the 1h and the 5m burn rates are ' +
            'above 14.4x (2% of the budget in 1h).',
          runbook_url: 'https://runbooks.example/checkout',
        },
      },
    ]);
    expect(distinctAlerts(chat)).toEqual([
      {
        status: 'firing',
        labels: {
          alertname: 'BurndownErrorBudgetBurn',
          slo: 'search',
          service: 'search',
          team: 'discovery',
          severity: 'ticket',
          long_window: '3d',
          short_window: '6h',
        },
        annotations: {
          summary: 'Search availability: error budget burning at 2.0x over 3d (ticket above 1x)',
          description:
            'In the last 3d Search availability spent 20.0% of its rolling 30d error budget (objective 99%). At this ' +
            'rate a full budget runs out in 15d 0h 0m 0s. Both the 3d and the 6h burn rates are above 1x (10% of the ' +
            'budget in 3d).',
        },
      },
    ]);
    expect(pager.payloads.every((p) => p.receiver === 'pager')).toBe(true);
    expect(chat.payloads.every((p) => p.receiver === 'chat')).toBe(true);
    process.stdout.write(
      `alertmanager e2e: ${pager.payloads.length} pager and ${chat.payloads.length} chat payloads, ` +
        `${((Date.now() - t0) / 1000).toFixed(1)} s in all (${stages.join(', ')})\n`
    );
  }, 180_000);
});
