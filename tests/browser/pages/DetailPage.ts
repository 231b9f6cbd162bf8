// Page object of the app's SLO detail page on the test host: reads what a user sees through the pages' test ids
// (src/shared/testIds.ts), never through CSS classes.

import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.detail;
const SETTLE_MS = 90_000;

export interface EpisodeRow {
  start: number;
  end: number;
  bad: number;
  share: number | null;
  text: string;
}

export interface PreviousCard {
  start: number;
  end: number;
  met: boolean | null;
  sli: number | null;
  consumed: number | null;
  text: string;
}

const num = (v: string | null) => (v === null || v === '' ? null : Number(v));

export class DetailPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  /** Waits until the page is done (figures of the period known), not found, or failed. */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['done', 'not-found', 'error'], SETTLE_MS);
    return this;
  }

  /** Waits until the previous periods' results are shown. */
  async previousSettled(): Promise<this> {
    await this.page.getByTestId(ids.previous).first().waitFor({ timeout: SETTLE_MS });
    return this;
  }

  async state(): Promise<string> {
    return (await this.root.getAttribute('data-state')) ?? '';
  }

  async periodLabel(): Promise<string> {
    return (await this.root.getAttribute('data-period')) ?? '';
  }

  /** Bucket width of the period's charts and episodes (ms). */
  async step(): Promise<number> {
    return Number(await this.root.getAttribute('data-step'));
  }

  async figure(which: 'budgetLeft' | 'sli'): Promise<number | null> {
    return num(await this.page.getByTestId(ids[which]).getAttribute('data-value'));
  }

  async policyLevel(): Promise<string> {
    return (await this.page.getByTestId(ids.policy).getAttribute('data-level')) ?? '';
  }

  async previous(): Promise<PreviousCard[]> {
    return this.page.getByTestId(ids.previous).evaluateAll((els) =>
      els.map((el) => {
        const n = (k: string) => {
          const v = el.getAttribute(k);
          return v === null || v === '' ? null : Number(v);
        };
        const met = el.getAttribute('data-met');
        return {
          start: Number(el.getAttribute('data-start')),
          end: Number(el.getAttribute('data-end')),
          met: met === '' ? null : met === 'true',
          sli: n('data-sli'),
          consumed: n('data-consumed'),
          text: (el as HTMLElement).innerText,
        };
      })
    );
  }

  async choosePrevious(start: number): Promise<void> {
    await this.page.locator(`[data-testid="${ids.previous}"][data-start="${start}"]`).click();
  }

  async chooseMonth(month: string): Promise<void> {
    await this.page.locator(`[data-testid="${ids.periodKind}"][data-kind="month"]`).click();
    await this.page.getByTestId(ids.monthInput).fill(month);
    await this.page.getByRole('button', { name: 'Show month' }).click();
  }

  async tab(name: 'budget' | 'episodes' | 'definition'): Promise<void> {
    await this.page.locator(`[data-testid="${ids.tab}"][data-tab="${name}"]`).click();
  }

  /** The burn-rate chart's log-scale switch (on the budget tab). */
  async setLogScale(on: boolean): Promise<void> {
    await this.page.getByTestId(ids.logScale).setChecked(on, { force: true });
  }

  async logScale(): Promise<boolean> {
    return this.page.getByTestId(ids.logScale).isChecked();
  }

  async charts(): Promise<Array<{ kind: string; points: number }>> {
    return this.page
      .getByTestId(ids.chart)
      .evaluateAll((els) =>
        els.map((el) => ({ kind: el.getAttribute('data-kind') ?? '', points: Number(el.getAttribute('data-points')) }))
      );
  }

  async episodes(): Promise<EpisodeRow[]> {
    return this.page.getByTestId(ids.episode).evaluateAll((els) =>
      els.map((el) => {
        const share = el.getAttribute('data-share');
        return {
          start: Number(el.getAttribute('data-start')),
          end: Number(el.getAttribute('data-end')),
          bad: Number(el.getAttribute('data-bad')),
          share: share === '' || share === null ? null : Number(share),
          text: (el as HTMLElement).innerText,
        };
      })
    );
  }

  async exclusions(): Promise<string[]> {
    return this.page.getByTestId(ids.exclusion).allInnerTexts();
  }

  async policyChanges(): Promise<Array<{ at: number; level: string }>> {
    return this.page
      .getByTestId(ids.policyChange)
      .evaluateAll((els) =>
        els.map((el) => ({ at: Number(el.getAttribute('data-at')), level: el.getAttribute('data-level') ?? '' }))
      );
  }

  async yaml(): Promise<string> {
    return this.page.getByTestId(ids.yaml).innerText();
  }

  async exploreHref(): Promise<string | null> {
    return this.page.getByTestId(ids.exploreLink).getAttribute('href');
  }

  async notFoundText(): Promise<string> {
    return this.page.getByTestId(ids.notFound).innerText();
  }
}
