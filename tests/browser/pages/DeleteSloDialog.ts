// Page object of the detail page's "Delete SLO" and its confirmation (src/pages/Editor/ui/EditorLinks.tsx): the
// button by its test id, the dialog by its role and title, the alert-rules checkbox by its label.
import type { Locator, Page } from 'playwright-core';

import { pageTestIds } from '../../../src/shared/testIds';

const ids = pageTestIds.editorLinks;
const SETTLE_MS = 60_000;

export class DeleteSloDialog {
  constructor(readonly page: Page) {}

  get button(): Locator {
    return this.page.getByTestId(ids.delete);
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  get rulesCheckbox(): Locator {
    return this.dialog.getByLabel('Also delete its Grafana-managed alert rules (if any)');
  }

  /** Clicks "Delete SLO" and waits for the confirmation; returns its title. */
  async open(): Promise<string> {
    await this.button.click();
    await this.dialog.waitFor({ timeout: SETTLE_MS });
    return (await this.dialog.getByRole('heading').first().innerText()).trim();
  }

  async cancel(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Cancel' }).click();
    await this.dialog.waitFor({ state: 'detached', timeout: SETTLE_MS });
  }

  /** Sets the "also delete its alert rules" checkbox (checked by default). */
  async alsoDeleteRules(on: boolean): Promise<void> {
    if ((await this.rulesCheckbox.isChecked()) !== on) {
      await this.rulesCheckbox.click({ force: true });
    }
  }

  async confirm(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await this.dialog.waitFor({ state: 'detached', timeout: SETTLE_MS });
  }

  /** The notice after a delete that kept the alert rules. */
  async deletedNotice(): Promise<{ rulesKept: string; text: string }> {
    const el = this.page.getByTestId(ids.deleted);
    await el.waitFor({ timeout: SETTLE_MS });
    return { rulesKept: (await el.getAttribute('data-rules-kept')) ?? '', text: (await el.innerText()).trim() };
  }
}
