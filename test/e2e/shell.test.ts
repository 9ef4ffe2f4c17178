import { expect, it } from 'vitest';
import { describeInBrowser, screenshot } from '../support/browser';
import { TEST_PASSWORD } from '../support/constants';

describeInBrowser('sign in, switch language, sign out', (app) => {
  it('signs the compliance officer in, switches to English and back, remembers it, and signs out', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN' });
    const failedRequests: string[] = [];
    page.on('requestfailed', (request) => failedRequests.push(request.url()));
    await page.goto(`${baseUrl}/audit`);
    await page.waitForURL(/\/login/);
    expect(page.url()).toContain('next=');

    await page.getByTestId('login-username').fill('compliance');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);

    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/audit$/);
    await expect.poll(() => page.getByTestId('user-menu').textContent()).toContain('林晓雯');
    await expect.poll(() => page.getByRole('menuitem', { name: '审计日志' }).count()).toBe(1);
    // Pages the compliance officer may not manage are not offered.
    expect(await page.getByRole('menuitem', { name: '用户管理' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Audit trail' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('menuitem', { name: 'Audit trail' }).count()).toBe(1);

    // The audit trail page itself loads and shows the sign-in just made.
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'e2e-shell');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    expect(failedRequests.filter((url) => !url.startsWith(baseUrl))).toEqual([]);
  });
});
