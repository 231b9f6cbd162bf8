// Page object of the app's Reports page on the test host: reads what a user sees through the pages' test ids
// (src/shared/testIds.ts), never through CSS classes.
import type { Download, Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.reports;
const SETTLE_MS = 150_000;

export interface ReportRow {
  id: string;
  met: boolean | null;
  budgetUsed: number | null;
  text: string;
}

export class ReportsPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the report for the current choice is made (or failed). */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['done'], SETTLE_MS);
    return this;
  }

  /** Picks one of the period buttons ("Last quarter") and waits for the new report. */
  async choosePeriod(label: string): Promise<this> {
    await this.page.getByRole('radio', { name: label }).check({ force: true });
    await this.page
      .locator(`[data-testid="${ids.root}"][data-state="loading"]`)
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    return this.settled();
  }

  async typePeriod(text: string): Promise<this> {
    const input = this.page.getByTestId(ids.periodInput);
    await input.fill(text);
    await input.press('Enter');
    await this.page
      .locator(`[data-testid="${ids.root}"][data-state="loading"]`)
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    return this.settled();
  }

  async rows(): Promise<ReportRow[]> {
    return this.page.getByTestId(ids.row).evaluateAll((els) =>
      els.map((el) => {
        const met = el.getAttribute('data-met');
        const used = el.getAttribute('data-budget-used');
        return {
          id: el.getAttribute('data-slo-id') ?? '',
          met: met === '' ? null : met === 'true',
          budgetUsed: used === '' || used === null ? null : Number(used),
          text: (el as HTMLElement).innerText,
        };
      })
    );
  }

  async download(which: 'csv' | 'json'): Promise<{ name: string; text: string }> {
    const [download] = (await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByTestId(which === 'csv' ? ids.exportCsv : ids.exportJson).click(),
    ])) as [Download, void];
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) {
      chunks.push(c as Buffer);
    }
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  /** Opens the printable page (a new tab) and returns it once loaded. */
  async openPrintable(): Promise<Page> {
    const [popup] = await Promise.all([
      this.page.context().waitForEvent('page'),
      this.page.getByTestId(ids.print).click(),
    ]);
    await popup.waitForLoadState('load');
    return popup;
  }
}
