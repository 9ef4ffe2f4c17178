import { expect, it } from 'vitest';
import { describeInBrowser, screenshot, signIn } from '../support/browser';
import { choose, confirm, dialog, move, stateOf } from '../support/ui';

const CLIENT = '上海鼎盛精密机械股份有限公司';

describeInBrowser('conflict cases and recusals', (app) => {
  it('takes a conflict li.na reports through compliance’s investigation, assessment and a recusal in effect, which her 我的回避 then shows', async () => {
    const { browser, baseUrl } = app();

    // 1. 李娜 reports that her husband 张建华 sits on the board of a client.
    const liNa = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(liNa, baseUrl, 'li.na');
    await liNa.getByRole('menuitem', { name: '报告利益冲突' }).click();
    await liNa.waitForURL(/\/conflict-report$/);
    await liNa.getByTestId('report-title').fill('本人配偶任客户董事');
    await liNa.getByTestId('report-description').fill('我的配偶张建华担任上海鼎盛精密机械股份有限公司董事，本人参与该客户的年度审计。');
    await liNa.getByTestId('report-matters').getByText('服务').click();
    await choose(liNa, 'report-clients', CLIENT, '上海鼎盛');
    await choose(liNa, 'report-parties', '张建华', '张建华');
    await choose(liNa, 'report-staff', '李娜', '李娜');
    await screenshot(liNa, 'e2e-cases-report');
    await liNa.getByTestId('report-submit').click();
    await liNa.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => stateOf(liNa), { timeout: 10_000 }).toBe('reported');
    const ref = (await liNa.getByTestId('case-ref').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^CF-\d{4}-\d{6}$/);
    expect(await liNa.getByTestId('subjects-clients').textContent()).toContain(CLIENT);
    expect(await liNa.getByTestId('subjects-staff').textContent()).toContain('李娜');
    expect(await liNa.getByTestId('subjects-parties').textContent()).toContain('张建华');
    // The reporter follows her case but does not run it.
    expect(await liNa.getByTestId('case-actions').locator('button').count()).toBe(0);

    // 2. Compliance finds it in the list by state and number, and opens it.
    const compliance = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(compliance, baseUrl, 'compliance');
    await compliance.getByRole('menuitem', { name: '冲突案件' }).click();
    await compliance.waitForURL(/\/cases$/);
    await choose(compliance, 'filter-state', '已报告');
    await compliance.getByTestId('cases-search').locator('input').fill(ref);
    await compliance.getByTestId('cases-search').locator('input').press('Enter');
    const rows = compliance.getByTestId('cases-table').locator('.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    expect(await rows.first().textContent()).toContain('本人配偶任客户董事');
    await choose(compliance, 'filter-state', '已结案');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(0);
    await choose(compliance, 'filter-state', '已报告');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(compliance, 'e2e-cases-list');
    await rows.first().getByTestId('case-link').click();
    await compliance.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    // Compliance sees what the registry graph ties 李娜 to the client by, in words.
    const graph = compliance.getByTestId('case-graph');
    await expect.poll(() => graph.getByTestId('graph-link').count(), { timeout: 20_000 }).toBe(1);
    expect(await graph.textContent()).toContain('李娜 —配偶— 张建华');

    // 3. Investigation, assessment, and a resolution: 李娜 steps away from the client.
    await move(compliance, 'start_investigation', '受理，开始调查');
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('investigating');
    await move(compliance, 'assess', '经核实关系属实', async () => {
      await choose(compliance, 'move-severity', '高');
      await dialog(compliance).getByTestId('move-impact').fill('审计独立性受到影响');
      await dialog(compliance).getByTestId('move-assessment').fill('员工配偶为客户董事，构成员工与客户之间的利益冲突，须回避。');
    });
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('assessed');
    expect(await compliance.getByTestId('case-severity').getAttribute('data-severity')).toBe('high');

    await move(compliance, 'decide_resolution', '李娜回避该客户的全部业务', async () => {
      // The plan starts as a recusal of the staff the case names from its clients.
      const row = dialog(compliance).getByTestId('mitigation-row');
      await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
      expect(await row.getByTestId('mitigation-kind').textContent()).toContain('回避');
      expect(await row.getByTestId('mitigation-staff').textContent()).toContain('李娜');
      expect(await row.getByTestId('mitigation-clients').textContent()).toContain(CLIENT);
      await screenshot(compliance, 'e2e-cases-resolution');
    });
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('resolution_decided');
    const mitigation = compliance.getByTestId('mitigations').locator('.ant-table-row');
    await expect.poll(() => mitigation.count(), { timeout: 10_000 }).toBe(1);
    expect(await mitigation.textContent()).toContain('李娜');
    expect(await mitigation.getByTestId('mitigation-status').getAttribute('data-status')).toBe('planned');
    // Not before every mitigation is in place.
    expect(await compliance.getByTestId('case-move-put_mitigations_in_effect').isDisabled()).toBe(true);

    // 4. The recusal is put in effect, then the case moves on.
    await mitigation.getByTestId('mitigation-in-effect').click();
    await expect.poll(() => dialog(compliance).count(), { timeout: 10_000 }).toBe(1);
    // The server records the recusal itself: the dialog says for whom and from which client.
    const notice = (await dialog(compliance).getByTestId('in-effect-notice').textContent()) ?? '';
    expect(notice).toContain('李娜');
    expect(notice).toContain(CLIENT);
    await dialog(compliance).getByTestId('move-comment').fill('已通知项目组');
    await confirm(compliance);
    await expect.poll(() => mitigation.getByTestId('mitigation-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('in_effect');
    expect(await mitigation.getByTestId('mitigation-records').count()).toBe(1);
    await move(compliance, 'put_mitigations_in_effect', '回避已落实');
    await expect.poll(() => stateOf(compliance), { timeout: 10_000 }).toBe('mitigations_in_effect');
    const kinds = await compliance.getByTestId('timeline-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds).toEqual(['open', 'start_investigation', 'assess', 'decide_resolution', 'mitigation_in_effect', 'put_mitigations_in_effect']);
    await screenshot(compliance, 'e2e-cases-case');

    // The recusal management page lists it as approved, from the case.
    await compliance.getByRole('menuitem', { name: '回避管理' }).click();
    await compliance.getByTestId('tab-records').click();
    const recusal = compliance.getByTestId('recusals-table').locator('.ant-table-row', { hasText: '李娜' });
    await expect.poll(() => recusal.count(), { timeout: 15_000 }).toBe(1);
    expect(await recusal.getByTestId('recusal-status').getAttribute('data-status')).toBe('approved');
    expect(await recusal.textContent()).toContain(ref);
    await compliance.close();

    // 5. 李娜's own page says what keeps her out, and why.
    await liNa.getByRole('menuitem', { name: '我的回避' }).click();
    await liNa.waitForURL(/\/recusals\/mine$/);
    const restriction = liNa.getByTestId('my-restriction');
    await expect.poll(() => restriction.count(), { timeout: 15_000 }).toBe(1);
    expect(await restriction.getAttribute('data-cause')).toBe('recused');
    expect(await restriction.textContent()).toContain(CLIENT);
    expect((await restriction.getByTestId('restriction-explanation').textContent())?.trim()).not.toBe('');
    const mine = liNa.getByTestId('my-recusals').locator('.ant-table-row');
    await expect.poll(() => mine.count(), { timeout: 10_000 }).toBe(1);
    expect(await mine.getByTestId('recusal-status').getAttribute('data-status')).toBe('approved');
    expect(await mine.textContent()).toContain(CLIENT);
    await screenshot(liNa, 'e2e-cases-my-recusals');
    await liNa.close();
  }, 240_000);

  it('opens a case from a conflict-check hit, keeping the path 李娜 —配偶— 张建华 as its evidence, and reads in English (the evidence as it was found)', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(page, baseUrl, 'compliance');
    await page.getByRole('menuitem', { name: '利益冲突检索' }).click();
    await page.waitForURL(/\/conflicts$/);
    await page.getByTestId('subject-name-0').fill('张建华');
    await page.getByTestId('run-check').click();
    const hit = page.getByTestId('check-result').locator('[data-testid="hit-card"]', { has: page.getByTestId('conflict-path').filter({ hasText: '李娜' }) });
    await expect.poll(() => hit.count(), { timeout: 20_000 }).toBe(1);

    await hit.getByTestId('hit-open-case').click();
    await expect.poll(() => dialog(page).count(), { timeout: 10_000 }).toBe(1);
    expect(await dialog(page).getByTestId('from-hit-title').inputValue()).toContain('张建华');
    if (await dialog(page).getByTestId('from-hit-path').count()) await choose(page, 'from-hit-path', '李娜');
    await dialog(page).getByTestId('from-hit-matters').getByText('服务').click();
    await confirm(page);
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    await expect.poll(() => stateOf(page), { timeout: 10_000 }).toBe('reported');

    // The evidence: the check it came from and the path drawn node by node.
    const evidence = page.getByTestId('case-evidence');
    expect(await evidence.textContent()).toMatch(/CC-\d{4}-\d{6}/);
    const path = evidence.getByTestId('conflict-path');
    expect(await path.getAttribute('data-target')).toBe('staff');
    expect(await path.getByTestId('path-node').allTextContents()).toEqual(['张建华', expect.stringContaining('李娜')]);
    expect(await path.getByTestId('path-edge').first().textContent()).toBe('配偶');
    expect(await page.getByTestId('subjects-staff').textContent()).toContain('李娜');
    expect(await page.getByTestId('case-summary').textContent()).toContain('利益冲突检索');
    await screenshot(page, 'e2e-cases-from-hit');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('case-state').first().textContent(), { timeout: 10_000 }).toBe('Reported');
    expect(await page.getByRole('menuitem', { name: 'Conflict cases' }).count()).toBe(1);
    expect(await page.getByTestId('case-move-start_investigation').textContent()).toBe('Start investigation');
    await page.getByTestId('lang-switch').click();
    await page.close();
  });

  it('lets compliance set up an information barrier and lift it, and read the refused-attempt report', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1000 } });
    await signIn(page, baseUrl, 'compliance');
    await page.getByRole('menuitem', { name: '回避管理' }).click();
    await page.waitForURL(/\/recusals\/manage$/);
    await expect.poll(() => page.getByTestId('suggestions-table').locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId('suggestion-explanation').first().textContent()).toMatch(/—/);
    await screenshot(page, 'e2e-recusal-suggestions');

    await page.getByRole('menuitem', { name: '信息隔离墙' }).click();
    await page.waitForURL(/\/recusals\/barriers$/);
    await page.getByTestId('barrier-create').click();
    await dialog(page).getByTestId('barrier-name').fill('鼎盛并购项目隔离');
    await choose(page, 'barrier-clients', CLIENT, '上海鼎盛');
    await choose(page, 'barrier-users', '王强', '王强');
    await dialog(page).getByTestId('barrier-reason').fill('并购项目敏感信息');
    await confirm(page);
    const wall = page.getByTestId('barriers-table').locator('.ant-table-row', { hasText: '鼎盛并购项目隔离' });
    await expect.poll(() => wall.count(), { timeout: 15_000 }).toBe(1);
    expect(await wall.textContent()).toContain('王强');
    await screenshot(page, 'e2e-recusal-barriers');
    await wall.getByTestId('barrier-revoke').click();
    await dialog(page).getByTestId('barrier-revoke-comment').fill('项目结束');
    await confirm(page);
    await expect.poll(() => wall.count(), { timeout: 15_000 }).toBe(0);

    await page.getByRole('menuitem', { name: '越权尝试' }).click();
    await page.waitForURL(/\/recusals\/denials$/);
    await expect.poll(() => page.getByTestId('denials-table').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'e2e-recusal-denials');
    await page.close();
  });
});
