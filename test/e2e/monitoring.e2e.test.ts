import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot, signIn } from '../support/browser';
import { choose, confirm, dialog } from '../support/ui';

/** Staff asks for an "other" benefit for 程国 of 上海鼎盛 through the form, with the justification its amount needs. */
async function submitRequest(page: Page, amount: string, purpose: string): Promise<string> {
  await page.getByRole('menuitem', { name: '新建申请' }).click();
  await page.waitForURL(/\/benefits\/new$/);
  await page.getByTestId('br-type').getByText('其他').click();
  await choose(page, 'br-client', '上海鼎盛精密机械股份有限公司', '上海鼎盛');
  await choose(page, 'br-counterparty', '程国');
  await page.getByTestId('br-amount').fill(amount);
  await page.getByTestId('br-purpose').fill(purpose);
  const justification = page.getByTestId('br-justification');
  await expect.poll(() => justification.count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await justification.fill('项目阶段性答谢，金额经部门负责人确认');
  await page.getByTestId('br-submit').click();
  await page.waitForURL(/\/benefits\/requests\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect.poll(() => page.getByTestId('request-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('in_approval');
  return (await page.getByTestId('request-ref').textContent())?.trim() ?? '';
}

describeInBrowser('early warning', (app) => {
  it('sees a split raised as an alert as soon as it is submitted, explained, and escalates it to a case', async () => {
    const { browser, baseUrl } = app();

    // 1. 王强 splits ¥5,500 for one recipient into two requests, each under the ¥5,000 threshold.
    const staff = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(staff, baseUrl, 'staff');
    const first = await submitRequest(staff, '3000', '项目启动会答谢');
    const second = await submitRequest(staff, '2500', '项目中期答谢');
    await staff.close();

    // 2. Compliance finds the alert, already raised, with the sentence that explains it.
    const compliance = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(compliance, baseUrl, 'compliance');
    await compliance.getByRole('menuitem', { name: /预警$/ }).click();
    await compliance.waitForURL(/\/alerts$/);
    const row = compliance.getByTestId('alert-row').filter({ hasText: '拆分' }).filter({ hasText: '程国' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await compliance.getByTestId('dashboard-open').textContent()).toMatch(/[1-9]/);
    await screenshot(compliance, 'e2e-monitoring-alerts');
    await row.first().click();
    await compliance.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    const explanation = (await compliance.getByTestId('alert-explanation').textContent()) ?? '';
    expect(explanation).toContain('¥5,500.00');
    expect(explanation).toContain('¥5,000.00');
    expect(explanation).toContain('程国');
    const facts = (await compliance.getByTestId('alert-requests').textContent()) ?? '';
    expect(facts).toContain(first);
    expect(facts).toContain(second);
    expect(await compliance.getByTestId('alert-state').getAttribute('data-state')).toBe('new');

    // 3. Reviewed, then escalated to a conflict case with the alert's sentence as its description.
    await compliance.getByTestId('alert-review').click();
    await expect.poll(() => compliance.getByTestId('alert-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('reviewing');
    await compliance.getByTestId('alert-escalate').click();
    await expect.poll(() => dialog(compliance).count(), { timeout: 10_000 }).toBe(1);
    expect(await dialog(compliance).getByTestId('escalate-description').inputValue()).toContain('¥5,500.00');
    await confirm(compliance);
    await expect.poll(() => compliance.getByTestId('alert-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('escalated');
    const caseLink = compliance.getByTestId('alert-case-link');
    expect(await caseLink.textContent()).toMatch(/^CF-\d{4}-\d{6}$/);
    await screenshot(compliance, 'e2e-monitoring-escalated');
    await caseLink.click();
    await compliance.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect.poll(async () => (await compliance.locator('body').textContent()) ?? '', { timeout: 10_000 }).toContain('¥5,500.00');
    await compliance.close();
  });
});
