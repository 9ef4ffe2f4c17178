import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeInBrowser, screenshot, signIn } from '../support/browser';
import { choose } from '../support/ui';

/** A JSON read through the signed-in page, as the web app makes it. */
const apiGet = (page: Page, url: string) => page.evaluate(async (path) => (await fetch(path)).json() as Promise<any>, url);

// A 1×1 PNG: the server accepts evidence files by their content, not by their name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describeInBrowser('client benefits', (app) => {
  it('takes a gift from request with live pre-check, through the manager’s approval and finance’s payment, to the auditor’s trail and ledger', async () => {
    const { browser, baseUrl } = app();

    // 1. Staff (王强, sales) asks for a gift to a contact of 上海鼎盛, charged to the audit department.
    const staff = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(staff, baseUrl, 'staff');
    await staff.getByRole('menuitem', { name: '新建申请' }).click();
    await staff.waitForURL(/\/benefits\/new$/);
    await staff.getByTestId('br-type').getByText('礼品').click();
    await choose(staff, 'br-client', '上海鼎盛精密机械股份有限公司', '上海鼎盛');
    await choose(staff, 'br-counterparty', '程国');
    await staff.getByTestId('br-amount').fill('800');
    await choose(staff, 'br-department', '审计部');
    await staff.getByTestId('br-purpose').fill('年度审计项目结项答谢');

    // Without the photo the gift policy requires, the pre-check refuses it.
    const panel = staff.getByTestId('precheck-panel');
    const outcome = panel.getByTestId('precheck-outcome');
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('blocked');
    expect(await panel.locator('[data-testid="finding"][data-code="MISSING_EVIDENCE"]').count()).toBe(1);

    await choose(staff, 'attachment-kind', '照片');
    await staff.getByTestId('attachment-input').setInputFiles({ name: '礼品照片.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => outcome.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('approve');
    const chain = panel.getByTestId('precheck-chain');
    await expect.poll(() => chain.getByTestId('chain-step').count(), { timeout: 10_000 }).toBe(1);
    expect(await chain.getByTestId('chain-step').first().textContent()).toContain('部门经理');
    expect(await chain.getByTestId('step-approvers').first().textContent()).toContain('陈志远');
    expect(await panel.getByTestId('risk-level').getAttribute('data-level')).toBe('low');
    expect(await panel.getByTestId('cumulative-client').textContent()).toMatch(/¥\s?0\.00/);
    await screenshot(staff, 'e2e-benefits-form');

    await staff.getByTestId('br-submit').click();
    await staff.waitForURL(/\/benefits\/requests\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const requestUrl = staff.url();
    await expect.poll(() => staff.getByTestId('request-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('in_approval');
    const ref = (await staff.getByTestId('request-ref').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^BR-\d{4}-\d{6}$/);
    expect(await staff.getByTestId('request-chain').textContent()).toContain('陈志远');
    expect(await staff.getByTestId('tab-attachments').textContent()).toContain('1');
    await screenshot(staff, 'e2e-benefits-submitted');
    await staff.close();

    // 2. 陈志远, manager of the audit department, is told and approves from his inbox.
    const manager = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1000 } });
    await signIn(manager, baseUrl, 'manager');
    await expect.poll(async () => Number((await manager.getByTestId('notification-count').textContent())?.trim() || 0), { timeout: 15_000 }).toBeGreaterThan(0);
    await manager.getByTestId('notification-bell').click();
    await expect.poll(() => manager.getByTestId('notification').filter({ hasText: ref }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await manager.keyboard.press('Escape');
    await manager.getByRole('menuitem', { name: '待我审批' }).click();
    await manager.waitForURL(/\/benefits\/inbox$/);
    const item = manager.locator(`[data-testid="inbox-item"][data-ref="${ref}"]`);
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(1);
    expect(await item.textContent()).toContain('程国');
    await item.getByTestId('inbox-comment').fill('同意，注意控制全年额度');
    await screenshot(manager, 'e2e-benefits-inbox');
    await item.getByTestId('inbox-approve').click();
    await expect.poll(() => item.count(), { timeout: 15_000 }).toBe(0);
    await manager.close();

    // 3. Finance pays it in full with a voucher.
    const finance = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1000 } });
    await signIn(finance, baseUrl, 'finance');
    await finance.getByRole('menuitem', { name: '付款登记' }).click();
    await finance.waitForURL(/\/benefits\/payments$/);
    const row = finance.locator('.ant-table-row', { hasText: ref });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.getByTestId('record-payment').click();
    const dialog = finance.locator('.ant-modal:visible');
    await expect.poll(() => finance.getByTestId('payment-amount').inputValue(), { timeout: 10_000 }).toBe('800.00');
    await finance.getByTestId('payment-voucher').fill('PZ-2026-1201');
    await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    await finance.getByTestId('payments-state').getByText('已付款').click();
    await expect.poll(() => finance.locator('.ant-table-row', { hasText: ref }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(finance, 'e2e-benefits-paid');
    await finance.close();

    // 4. The auditor reads the trail step by step and the ledger entries.
    const auditor = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(auditor, baseUrl, 'auditor');
    expect(await auditor.getByRole('menuitem', { name: '新建申请' }).count()).toBe(0);
    await auditor.goto(requestUrl);
    await expect.poll(() => auditor.getByTestId('request-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('paid');
    const events = auditor.getByTestId('request-events');
    const kinds = await events.getByTestId('request-event').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['created', 'submitted', 'approved', 'paid']));
    expect(await events.textContent()).toContain('同意，注意控制全年额度');
    expect(await auditor.getByTestId('request-chain').getByTestId('step-decision').textContent()).toContain('陈志远');
    expect(await auditor.getByTestId('request-actions').locator('button').count()).toBe(0);
    await auditor.getByTestId('tab-ledger').click();
    const ledger = auditor.getByTestId('ledger-table');
    await expect.poll(() => ledger.locator('.ant-table-row').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    const payment = ledger.locator('.ant-table-row', { hasText: 'PZ-2026-1201' });
    expect(await payment.count()).toBe(1);
    expect(await payment.textContent()).toMatch(/¥\s?800\.00/);
    await screenshot(auditor, 'e2e-benefits-trail');

    // The ledger page lists the payment with the filter's totals.
    await auditor.getByRole('menuitem', { name: '好处费台账' }).click();
    await auditor.waitForURL(/\/benefits\/ledger$/);
    await expect.poll(() => auditor.getByTestId('ledger-table').locator('.ant-table-row', { hasText: ref }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await auditor.getByTestId('ledger-total-paid').textContent()).toMatch(/¥/);
    await screenshot(auditor, 'e2e-benefits-ledger');
    await auditor.close();
  });

  it('lets compliance publish a new policy version and a new authority matrix, and reads in English', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(page, baseUrl, 'compliance');
    await page.getByRole('menuitem', { name: '政策与审批权限' }).click();
    await page.waitForURL(/\/benefits\/policy$/);
    const table = page.getByTestId('policy-table');
    await expect.poll(() => table.locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(7);
    expect(await table.locator('.ant-table-row', { hasText: '礼品' }).textContent()).toMatch(/¥\s?2,000\.00/);

    // A new version from the current one: the gift limit per item goes to ¥1,500.
    await page.getByTestId('policy-edit').click();
    const form = page.getByTestId('policy-form');
    await form.getByRole('tab', { name: '礼品' }).click();
    const perItem = form.locator('input[id="types_gift_perItem"]');
    await expect.poll(() => perItem.inputValue(), { timeout: 10_000 }).toBe('2000.00');
    await perItem.fill('1500');
    await form.locator('input[id="note"]').fill('礼品单笔限额下调');
    await page.getByTestId('policy-publish').click();
    await expect.poll(() => page.getByText('礼品单笔限额下调').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const policy = await apiGet(page, '/api/benefits/policy');
    expect(policy.versions.map((v: { version: number }) => v.version)).toContain(2);
    const v2 = await apiGet(page, '/api/benefits/policy/versions/2');
    expect(v2.types.gift.perItem).toEqual({ amountMinor: 150_000, severity: 'hard' });
    // What was not touched is carried over as it was.
    const v1 = await apiGet(page, '/api/benefits/policy/versions/1');
    expect(v2.types.hospitality).toEqual(v1.types.hospitality);
    expect(v2.types.gift.perRecipientPerPeriod).toEqual(v1.types.gift.perRecipientPerPeriod);

    // The matrix published again as it stands makes a new version with the same rules.
    await page.getByTestId('policy-tab-matrix').click();
    await expect.poll(() => page.getByTestId('matrix-table').locator('.ant-table-row').count(), { timeout: 15_000 }).toBe(4);
    await page.getByTestId('matrix-edit').click();
    await page.getByTestId('matrix-publish').click();
    await expect.poll(async () => (await apiGet(page, '/api/benefits/matrix')).version, { timeout: 15_000 }).toBe(2);
    await screenshot(page, 'e2e-benefits-matrix');

    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByTestId('policy-tab-matrix').textContent(), { timeout: 10_000 }).toBe('Authority matrix');
    expect(await page.getByRole('menuitem', { name: 'Approval inbox' }).count()).toBe(1);
    await page.getByTestId('lang-switch').click();
    await page.close();
  });

  it('lets an approver name a deputy for a time away and revoke it, from 我的代理', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'manager');
    await page.getByRole('menuitem', { name: '我的代理' }).click();
    await page.waitForURL(/\/benefits\/delegations$/);

    // Far ahead, so no chain of the other tests is routed to the deputy.
    await page.getByTestId('delegation-create').click();
    await choose(page, 'delegation-to', '吴静', '吴静');
    await page.getByTestId('delegation-reason').fill('年假');
    // Typed dates; Enter in the last one submits the dialog, as Enter in any of its fields does.
    const dates = page.locator('.ant-modal .ant-picker-range input');
    await dates.nth(0).click();
    await dates.nth(0).fill('2031-01-06');
    await dates.nth(0).press('Enter');
    await dates.nth(1).fill('2031-01-10');
    await dates.nth(1).press('Enter');
    await expect.poll(() => page.locator('.ant-modal-wrap:visible').count(), { timeout: 15_000 }).toBe(0);

    const row = page.getByTestId('delegations').locator('.ant-table-row', { hasText: '吴静' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('2031-01-06 ~ 2031-01-10');
    const mine = await apiGet(page, '/api/benefits/delegations?scope=mine');
    expect(mine.items).toEqual([expect.objectContaining({ from: expect.objectContaining({ displayName: '陈志远' }), to: expect.objectContaining({ displayName: '吴静' }), reason: '年假' })]);
    await screenshot(page, 'e2e-benefits-delegations');

    await row.getByRole('button', { name: '撤销' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('已撤销');
    expect((await apiGet(page, '/api/benefits/delegations?scope=mine')).items).toEqual([]);
    await page.close();
  });
});
