import { expect, it } from 'vitest';
import { describeInBrowser, screenshot, signIn } from '../support/browser';

describeInBrowser('conflict check', (app) => {
  it('suggests 张建华 for a traditional-character spelling, draws his path to staff and client, and keeps the check in the history', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await signIn(page, baseUrl, 'compliance');
    await page.getByRole('menuitem', { name: '利益冲突检索' }).click();
    await page.waitForURL(/\/conflicts$/);

    // Type-ahead: the traditional spelling finds the simplified name before anything is run.
    await page.getByTestId('subject-name-0').pressSequentially('張建華', { delay: 40 });
    const suggestion = page.getByTestId('suggestion').filter({ hasText: '张建华' });
    await expect.poll(() => suggestion.count(), { timeout: 25_000 }).toBeGreaterThan(0);
    expect(await suggestion.first().textContent()).toMatch(/繁体与简体/);
    await screenshot(page, 'e2e-conflicts-suggest');

    await page.getByTestId('check-purpose').fill('上海鼎盛精密机械 2026 年度审计');
    await page.getByTestId('run-check').click();

    // The hit for 张建华 with its paths drawn: spouse of 李娜 (staff), director of 上海鼎盛 (client).
    const result = page.getByTestId('check-result');
    const hit = result.locator('[data-testid="hit-card"]', { has: page.getByTestId('conflict-path').filter({ hasText: '李娜' }) });
    await expect.poll(() => hit.count(), { timeout: 20_000 }).toBe(1);
    expect(await hit.getByTestId('hit-party').textContent()).toBe('张建华');
    const toStaff = hit.locator('[data-testid="conflict-path"][data-target="staff"]', { hasText: '李娜' });
    expect(await toStaff.count()).toBe(1);
    expect(await toStaff.getByTestId('path-edge').first().textContent()).toBe('配偶');
    expect(await toStaff.textContent()).toContain('员工');
    const toClient = hit.locator('[data-testid="conflict-path"][data-target="client"]', { hasText: '上海鼎盛精密机械股份有限公司' });
    expect(await toClient.count()).toBeGreaterThan(0);
    expect(await result.getByTestId('subject-result').first().getByTestId('conflict-level').first().getAttribute('data-level')).toBe('likely');

    const ref = (await result.getByTestId('check-ref').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^CC-\d{4}-\d{6}$/);
    expect(await result.textContent()).toContain('林晓雯');
    await screenshot(page, 'e2e-conflicts');

    // The history lists the check; opening it shows the same hits as saved.
    await page.getByTestId('tab-history').click();
    await page.waitForURL(/\/conflicts\/history$/);
    const row = page.locator('.ant-table-row', { hasText: ref });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('張建華');
    await row.getByTestId('history-ref').click();
    await page.waitForURL(/\/conflicts\/checks\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('check-ref').textContent(), { timeout: 10_000 }).toBe(ref);
    const saved = page.locator('[data-testid="hit-card"]', { has: page.getByTestId('conflict-path').filter({ hasText: '李娜' }) });
    expect(await saved.count()).toBe(1);
    expect(await page.getByTestId('check-result').textContent()).toContain('上海鼎盛精密机械 2026 年度审计');
    await screenshot(page, 'e2e-conflicts-saved');

    // In English the same saved check reads in English, reasons and relationship labels included.
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => saved.getByTestId('path-edge').first().textContent(), { timeout: 10_000 }).toBe('spouse');
    expect(await saved.getByTestId('hit-reasons').textContent()).toMatch(/traditional and simplified/);
    await screenshot(page, 'e2e-conflicts-en');
    await page.getByTestId('lang-switch').click();
    await page.close();
  });

  it('finds a pinyin spelling and says clearly when nothing is found', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 1000 } });
    await signIn(page, baseUrl, 'manager');
    await page.goto(`${baseUrl}/conflicts`);
    await page.getByTestId('subject-name-0').fill('Zhang Jianhua');
    await expect.poll(() => page.getByTestId('suggestion').filter({ hasText: '张建华' }).count(), { timeout: 25_000 }).toBeGreaterThan(0);

    await page.getByTestId('subject-name-0').fill('');
    await page.getByTestId('subject-name-0').fill('甲乙丙丁戊己庚辛壬癸咨询有限公司');
    await page.getByTestId('check-mode').getByText('精确匹配').click();
    await page.getByTestId('run-check').click();
    const none = page.getByTestId('no-hits');
    await expect.poll(() => none.count(), { timeout: 20_000 }).toBe(1);
    expect(await none.textContent()).toMatch(/未发现与“甲乙丙丁戊己庚辛壬癸咨询有限公司”相同或相关的主体[\s\S]*精确匹配[\s\S]*个已知主体中检索/);
    expect(await page.getByTestId('check-result').getByTestId('conflict-level').first().getAttribute('data-level')).toBe('none');
    // Managers run checks but do not change the firm's settings or read everyone's checks.
    expect(await page.getByTestId('tab-settings').count()).toBe(0);
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.locator('.ant-table-row', { hasText: '甲乙丙丁戊己庚辛壬癸咨询有限公司' }).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.ant-table-row', { hasText: '張建華' }).count()).toBe(0);
    expect(await page.getByTestId('history-scope').count()).toBe(0);
    await page.close();
  });

  it('lets the auditor read everyone’s saved checks but not run one', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, baseUrl, 'auditor');
    // The menu item leads the auditor to the saved checks, the one tab an auditor has.
    await page.getByRole('menuitem', { name: '利益冲突检索' }).click();
    await page.waitForURL(/\/conflicts\/history$/);
    const row = page.locator('.ant-table-row', { hasText: '張建華' });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain('林晓雯');
    expect(await page.getByTestId('tab-check').count()).toBe(0);
    await page.close();
  });

  it('leads the administrator to the firm’s defaults, not to running checks', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN' });
    await signIn(page, baseUrl, 'admin');
    await expect.poll(() => page.getByRole('menuitem', { name: '用户管理' }).count()).toBe(1);
    await page.getByRole('menuitem', { name: '利益冲突检索' }).click();
    await page.waitForURL(/\/conflicts\/settings$/);
    const minScore = page.locator('input#minScore');
    await expect.poll(() => minScore.inputValue(), { timeout: 10_000 }).toBe('50');
    expect(await page.getByTestId('tab-history').count()).toBe(0);
    await minScore.fill('60');
    await page.getByTestId('settings-hops').getByText('1').click();
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByText('检索设置已保存').count()).toBeGreaterThan(0);
    const saved = await page.evaluate(async () => (await fetch('/api/conflict-checks/settings')).json());
    expect(saved).toEqual({ defaultMode: 'fuzzy', defaultHops: 1, minScore: 0.6 });
    await page.close();
  });
});
