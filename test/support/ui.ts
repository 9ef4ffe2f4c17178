// Steps of the web app's forms and case workflow, shared by the browser tests.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Opens an antd select, optionally types into it, and picks the option showing `option`; a multiple select is then closed. */
export async function choose(page: Page, testId: string, option: string, search?: string): Promise<void> {
  const select = page.getByTestId(testId);
  await select.click();
  if (search) await select.locator('input').pressSequentially(search, { delay: 30 });
  const item = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: option });
  await expect.poll(() => item.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await item.first().click();
  if (await select.evaluate((node) => node.classList.contains('ant-select-multiple'))) await page.keyboard.press('Escape');
  // The list closes with an animation that still covers what lies below it.
  await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count(), { timeout: 5_000 }).toBe(0);
}

export const dialog = (page: Page) => page.locator('.ant-modal:visible');

/** Confirms the open dialog and waits until it has closed. */
export async function confirm(page: Page): Promise<void> {
  await dialog(page).locator('.ant-modal-footer .ant-btn-primary').click();
  // A refusal stays in the dialog: its text says why.
  await expect.poll(async () => ((await page.locator('.ant-modal-wrap:visible').count()) === 0 ? 'closed' : await dialog(page).locator('.ant-alert').allTextContents()), { timeout: 30_000 }).toBe('closed');
}

export const stateOf = (page: Page) => page.getByTestId('case-state').first().getAttribute('data-state');

/** Runs one workflow move from its button: `fill` completes the dialog's own fields, then the comment. */
export async function move(page: Page, event: string, comment: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`case-move-${event}`).click();
  await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(1);
  await fill?.();
  await dialog(page).getByTestId('move-comment').fill(comment);
  await confirm(page);
}
