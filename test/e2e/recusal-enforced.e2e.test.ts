import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot, signIn } from '../support/browser';
import { choose, confirm, dialog, move, stateOf } from '../support/ui';

const CLIENT = '上海鼎盛精密机械股份有限公司';

/** Searches the client list; the caller waits for what the answer should show. */
async function searchClients(page: Page, q: string): Promise<void> {
  const input = page.locator('.ant-input-search input');
  await input.fill(q);
  await input.press('Enter');
}

const clientRows = (page: Page, name: string) => page.locator('.ant-table-row', { hasText: name });

// The issue's proof: the conflict planted in the demo firm (李娜's husband 张建华 sits on the board of
// the client 上海鼎盛) is found by a conflict check, taken through a case to a recusal, and the recusal
// then keeps 李娜 out of everything of that client, with her attempt on the supervision report.
describeInBrowser('a planted conflict from check to enforced recusal', (app) => {
  it('finds 李娜 —配偶— 张建华 —董事→ 上海鼎盛 in a check, resolves the case with her recusal, and then the client is gone for her', async () => {
    const { browser, baseUrl } = app();

    // Before: 李娜 sees the client like any colleague.
    const liNa = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1000 } });
    await signIn(liNa, baseUrl, 'li.na');
    await liNa.goto(`${baseUrl}/registry/clients`);
    await searchClients(liNa, '上海鼎盛');
    await expect.poll(() => clientRows(liNa, CLIENT).count(), { timeout: 15_000 }).toBe(1);

    // 1. Compliance checks the client's name; the hit on the client leads to 李娜.
    const compliance = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(compliance, baseUrl, 'compliance');
    await compliance.getByRole('menuitem', { name: '利益冲突检索' }).click();
    await compliance.waitForURL(/\/conflicts$/);
    await compliance.getByTestId('subject-name-0').fill(CLIENT);
    await compliance.getByTestId('run-check').click();
    const hit = compliance.getByTestId('check-result').locator('[data-testid="hit-card"]', { has: compliance.getByTestId('conflict-path').filter({ hasText: '李娜' }) });
    await expect.poll(() => hit.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await hit.first().textContent()).toContain('张建华');
    await screenshot(compliance, 'e2e-enforced-check');

    // 2. A case from that hit, with the path as its evidence.
    await hit.first().getByTestId('hit-open-case').click();
    await expect.poll(() => dialog(compliance).count(), { timeout: 10_000 }).toBe(1);
    if (await dialog(compliance).getByTestId('from-hit-path').count()) await choose(compliance, 'from-hit-path', '李娜');
    await dialog(compliance).getByTestId('from-hit-matters').getByText('服务').click();
    await confirm(compliance);
    await compliance.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('reported');
    expect(await compliance.getByTestId('case-evidence').getByTestId('conflict-path').textContent()).toContain('张建华');
    expect(await compliance.getByTestId('subjects-clients').textContent()).toContain(CLIENT);
    expect(await compliance.getByTestId('subjects-staff').textContent()).toContain('李娜');

    // 3. Investigated, assessed, resolved with her recusal, put in effect.
    await move(compliance, 'start_investigation', '受理');
    await move(compliance, 'assess', '关系属实', async () => {
      await choose(compliance, 'move-severity', '高');
      await dialog(compliance).getByTestId('move-impact').fill('审计独立性受影响');
      await dialog(compliance).getByTestId('move-assessment').fill('员工配偶任客户董事，须回避。');
    });
    await move(compliance, 'decide_resolution', '李娜回避该客户', async () => {
      const row = dialog(compliance).getByTestId('mitigation-row');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.getByTestId('mitigation-staff').textContent()).toContain('李娜');
      expect(await row.getByTestId('mitigation-clients').textContent()).toContain(CLIENT);
    });
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('resolution_decided');
    const mitigation = compliance.getByTestId('mitigations').locator('.ant-table-row');
    await mitigation.getByTestId('mitigation-in-effect').click();
    await expect.poll(() => dialog(compliance).count(), { timeout: 10_000 }).toBe(1);
    await dialog(compliance).getByTestId('move-comment').fill('已通知审计项目组');
    await confirm(compliance);
    await expect.poll(() => mitigation.getByTestId('mitigation-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('in_effect');
    await move(compliance, 'put_mitigations_in_effect', '回避已落实');
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('mitigations_in_effect');
    const clientId = await compliance.evaluate(async (name) => {
      const found = (await (await fetch(`/api/registry/clients?q=${encodeURIComponent(name)}`)).json()) as { items: { id: string; party: { name: string } }[] };
      return found.items.find((c) => c.party.name === name)!.id;
    }, CLIENT);

    // 4. Enforced: 李娜's search no longer finds the client, its page is "not found", her 我的回避 says why.
    await liNa.goto(`${baseUrl}/registry/clients`);
    await searchClients(liNa, '苏州瑞丰');
    await expect.poll(() => clientRows(liNa, '苏州瑞丰医疗器械有限公司').count(), { timeout: 15_000 }).toBe(1);
    await searchClients(liNa, '上海鼎盛');
    await expect.poll(() => liNa.locator('.ant-table-placeholder').count(), { timeout: 15_000 }).toBe(1);
    expect(await clientRows(liNa, CLIENT).count()).toBe(0);
    await liNa.goto(`${baseUrl}/registry/clients/${clientId}`);
    await expect.poll(() => liNa.locator('.ant-result-404').count(), { timeout: 15_000 }).toBe(1);
    expect(await liNa.locator('.ant-result-title').textContent()).toBe('客户不存在。');
    await screenshot(liNa, 'e2e-enforced-not-found');
    await liNa.getByRole('menuitem', { name: '我的回避' }).click();
    const restriction = liNa.getByTestId('my-restriction');
    await expect.poll(() => restriction.count(), { timeout: 15_000 }).toBe(1);
    expect(await restriction.textContent()).toContain(CLIENT);
    await liNa.close();

    // 5. Her attempt is on the supervision report.
    await compliance.getByRole('menuitem', { name: '越权尝试' }).click();
    await compliance.waitForURL(/\/recusals\/denials$/);
    const row = compliance.getByTestId('denials-table').locator('.ant-table-row', { hasText: '李娜' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(compliance, 'e2e-enforced-denials');
    await compliance.close();
  }, 240_000);
});
