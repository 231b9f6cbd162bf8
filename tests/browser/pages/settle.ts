// Waiting for an app page to settle: its root reaches one of the given data-state values, or the test host reports
// a failure (which becomes the test's error, with the host's message).
import type { Page } from 'playwright-core';

import { hostTestIds } from '../host/params';

export async function waitForPageState(page: Page, rootTestId: string, states: readonly string[], timeoutMs: number) {
  const hostError = page.getByTestId(hostTestIds.error);
  const done = states.map((s) => `[data-state="${s}"]`).join(', ');
  await page.locator(`[data-testid="${rootTestId}"]:is(${done})`).or(hostError).first().waitFor({ timeout: timeoutMs });
  if ((await hostError.count()) > 0) {
    throw new Error(`the test host failed: ${await hostError.first().innerText()}`);
  }
}
