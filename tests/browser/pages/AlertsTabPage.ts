// Page object of the detail page's Alerts tab on the test host: reads and drives it through the pages' test ids
// (src/shared/testIds.ts), and reads the faked Grafana's alert rules store (window.__burndownAlerting__).
import type { Download, Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.detail;
const SETTLE_MS = 60_000;

export interface FiringRow {
  source: string;
  name: string;
  severity: string;
  text: string;
}

export interface FakeRule {
  uid: string;
  folderUID: string;
  ruleGroup: string;
  title: string;
  provenance: string;
  condition: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  data: Array<{ refId: string; datasourceUid: string; model: Record<string, unknown> }>;
}

export class AlertsTabPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.alerts);
  }

  /** Opens the tab by clicking it. */
  async open(): Promise<this> {
    await this.page.locator(`[data-testid="${ids.tab}"][data-tab="alerts"]`).click();
    return this.settled();
  }

  /** Waits until Grafana's rules were read (or failed) and the firing alerts are known. */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.alerts, ['done', 'error'], SETTLE_MS);
    await waitForPageState(this.page, ids.firing, ['done', 'error'], SETTLE_MS);
    return this;
  }

  async rulesCount(): Promise<number> {
    return Number(await this.root.getAttribute('data-rules'));
  }

  async location(): Promise<string> {
    return (await this.root.getAttribute('data-location')) ?? '';
  }

  async policy(): Promise<string> {
    const p = this.page.getByTestId(ids.alertsPolicy);
    return (await p.count()) > 0 ? (await p.innerText()).trim() : '';
  }

  async yaml(): Promise<string> {
    return this.page.getByTestId(ids.rulesYaml).innerText();
  }

  async downloadRules(): Promise<{ name: string; text: string }> {
    const [download] = (await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(ids.rulesDownload).click(),
    ])) as [Download, void];
    const chunks: Buffer[] = [];
    for await (const c of await download.createReadStream()) {
      chunks.push(c as Buffer);
    }
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Whether the create/update control is there (hidden from users who cannot write). */
  async canWrite(): Promise<boolean> {
    return (await this.page.getByTestId(ids.alertsWrite).count()) > 0;
  }

  /** "create" or "update": what the button will do. */
  async writeAction(): Promise<string> {
    return (await this.page.getByTestId(ids.alertsWrite).getAttribute('data-action')) ?? '';
  }

  async chooseFolder(title: string): Promise<void> {
    const input = this.page.getByTestId(ids.alertsFolder).locator('input');
    await input.click();
    await input.fill(title);
    await input.press('Enter');
  }

  async setGroup(name: string): Promise<void> {
    await this.page.getByTestId(ids.alertsGroup).fill(name);
  }

  /** Clicks create/update (or delete) and waits for the outcome; returns its kind and text. */
  async write(): Promise<{ kind: string; text: string }> {
    return this.act(ids.alertsWrite);
  }

  async delete(): Promise<{ kind: string; text: string }> {
    return this.act(ids.alertsDelete);
  }

  private async act(testId: string): Promise<{ kind: string; text: string }> {
    const before = await this.page.evaluate(() => window.__burndownRequests__?.length ?? 0);
    await this.page.getByTestId(testId).click();
    const result = this.page.getByTestId(ids.alertsResult);
    await result.waitFor({ timeout: SETTLE_MS });
    // the tab reads Grafana's rules again after every write
    await this.page.waitForFunction((n) => (window.__burndownRequests__?.length ?? 0) > n, before);
    await this.settled();
    return { kind: (await result.getAttribute('data-kind')) ?? '', text: (await result.innerText()).trim() };
  }

  async firingState(): Promise<string> {
    return (await this.page.getByTestId(ids.firing).getAttribute('data-state')) ?? '';
  }

  async firingText(): Promise<string> {
    return (await this.page.getByTestId(ids.firing).innerText()).trim();
  }

  async firing(): Promise<FiringRow[]> {
    return this.page.getByTestId(ids.firingRow).evaluateAll((rows) =>
      rows.map((r) => ({
        source: r.getAttribute('data-source') ?? '',
        name: r.getAttribute('data-name') ?? '',
        severity: r.getAttribute('data-severity') ?? '',
        text: (r as HTMLElement).innerText,
      }))
    );
  }

  /** What the faked Grafana holds. */
  async fakeRules(): Promise<FakeRule[]> {
    return this.page.evaluate(() => [...(window.__burndownAlerting__?.rules.values() ?? [])] as unknown as FakeRule[]);
  }

  /** Makes the faked rules-state endpoint report a rule as firing (Grafana's evaluation cannot run here). */
  async fakeFiring(uid: string): Promise<void> {
    await this.page.evaluate((u) => window.__burndownAlerting__?.firing.add(u), uid);
  }

  /** The data-source queries the page sent, with their status (window.__burndownRequests__ of the host). */
  async requests(): Promise<Array<{ method: string; url: string; status: number }>> {
    return this.page.evaluate(() => [...(window.__burndownRequests__ ?? [])]);
  }
}
