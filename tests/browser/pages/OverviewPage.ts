// Page object of the app's SLO overview on the test host: reads what a user sees through the pages' test ids
// (src/shared/testIds.ts), never through CSS classes.

import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { hostAppTestIds, hostTestIds } from '../host/params';

const ids = pageTestIds.overview;
const SETTLE_MS = 90_000;

export interface OverviewRowFigures {
  id: string;
  state: string;
  /** Raw fractions from data-value; null when the row shows no figure. */
  remaining: number | null;
  sli: number | null;
  text: string;
}

export class OverviewPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the settings are read and every SLO's status is known (or the page failed). */
  async settled(): Promise<this> {
    const hostError = this.page.getByTestId(hostTestIds.error);
    await this.page.locator(`[data-testid="${ids.root}"][data-state="done"]`).or(hostError).first().waitFor({
      timeout: SETTLE_MS,
    });
    if ((await hostError.count()) > 0) {
      throw new Error(`the test host failed: ${await hostError.first().innerText()}`);
    }
    return this;
  }

  async title(): Promise<string> {
    return (await this.page.getByTestId(hostAppTestIds.title).innerText()).trim();
  }

  /** The instant the figures are for (epoch ms). */
  async evaluatedAt(): Promise<number> {
    return Number(await this.root.getAttribute('data-evaluated-at'));
  }

  async rows(): Promise<OverviewRowFigures[]> {
    return this.page.getByTestId(ids.row).evaluateAll(
      (trs, t) =>
        trs.map((tr) => {
          const num = (id: string) => {
            const v = tr.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') ?? '';
            return v === '' ? null : Number(v);
          };
          return {
            id: tr.getAttribute('data-slo-id') ?? '',
            state: tr.getAttribute('data-state') ?? '',
            remaining: num(t.remaining),
            sli: num(t.sli),
            text: (tr as HTMLElement).innerText,
          };
        }),
      { remaining: ids.remaining, sli: ids.sli }
    );
  }

  async rowIds(): Promise<string[]> {
    return (await this.rows()).map((r) => r.id);
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId(ids.search).fill(text);
  }

  async searchText(): Promise<string> {
    return this.page.getByTestId(ids.search).inputValue();
  }

  /** Invalid SLOs as listed: their position in jsonData.slos and the text shown (name and errors). */
  async invalidSlos(): Promise<Array<{ index: number; text: string }>> {
    return this.page
      .getByTestId(ids.invalid)
      .evaluateAll((lis) =>
        lis.map((li) => ({ index: Number(li.getAttribute('data-index')), text: (li as HTMLElement).innerText }))
      );
  }

  /** Computed background colours: the page (Grafana's canvas) and the SLO table (the primary background). */
  async backgrounds(): Promise<{ page: string; table: string; body: string }> {
    return this.page.evaluate((t) => {
      const bg = (el: Element | null) => (el ? getComputedStyle(el).backgroundColor : '');
      return {
        page: bg(document.querySelector(`[data-testid="${t.page}"]`)),
        table: bg(document.querySelector('table[aria-label="SLOs"]')),
        body: bg(document.body),
      };
    }, hostAppTestIds);
  }

  /** The theme's colours as the browser computes them (window.__burndownHost__.theme). */
  async themeBackgrounds(): Promise<{ canvas: string; primary: string }> {
    return this.page.evaluate(() => {
      const theme = window.__burndownHost__!.theme;
      const probe = document.createElement('div');
      document.body.appendChild(probe);
      const rgb = (c: string) => {
        probe.style.backgroundColor = c;
        return getComputedStyle(probe).backgroundColor;
      };
      const out = { canvas: rgb(theme.colors.background.canvas), primary: rgb(theme.colors.background.primary) };
      probe.remove();
      return out;
    });
  }

  /** Requests the page made to the faked Grafana API (window.__burndownRequests__). */
  async grafanaRequests(): Promise<Array<{ method: string; url: string; status: number }>> {
    return this.page.evaluate(() => window.__burndownRequests__ ?? []);
  }
}
