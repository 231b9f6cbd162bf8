// Page object of the app's config page (Settings) on the test host: reads what a user sees through the pages' test
// ids (src/shared/testIds.ts), never through CSS classes.
import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';
import { waitForPageState } from './settle';

const ids = pageTestIds.settings;
const SETTLE_MS = 60_000;

export class SettingsPage {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId(ids.root);
  }

  get timeZone(): Locator {
    return this.page.getByTestId(ids.timeZone);
  }

  get save(): Locator {
    return this.page.getByTestId(ids.save);
  }

  /** Waits until the settings are read (or could not be). */
  async settled(): Promise<this> {
    await waitForPageState(this.page, ids.root, ['done', 'error'], SETTLE_MS);
    return this;
  }

  async counts(): Promise<{ valid: number; invalid: number }> {
    const value = async (id: string) => Number(await this.page.getByTestId(id).getAttribute('data-value'));
    return { valid: await value(ids.validCount), invalid: await value(ids.invalidCount) };
  }

  /** Each invalid SLO's text (name, id, errors). */
  async invalid(): Promise<string[]> {
    return this.page.getByTestId(ids.invalid).allInnerTexts();
  }

  async saveTimeZone(tz: string): Promise<void> {
    await this.timeZone.fill(tz);
    await this.save.click();
    await this.page.getByTestId(ids.saved).or(this.page.getByTestId(ids.saveError)).first().waitFor();
  }
}
