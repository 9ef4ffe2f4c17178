import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { describeInBrowser, screenshot, signIn } from '../support/browser';
import { choose, confirm, dialog } from '../support/ui';

const CLIENT = '上海鼎盛精密机械股份有限公司';

/** The text of a date picker, whether the test id sits on its input or around it. */
const pickerValue = (picker: Locator) =>
  picker.evaluate((node) => ((node.tagName === 'INPUT' ? node : node.querySelector('input')) as { value?: string } | null)?.value ?? '');

describeInBrowser('staff disclosures of interests (利益披露)', (app) => {
  it('王强 discloses an interest touching a client in words; compliance finds it under 全部披露 and clears it with conditions until a date, which 王强 then sees on 我的披露', async () => {
    const { browser, baseUrl } = app();

    // 1. 王强 discloses, in words, that his brother works for a client.
    const staff = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(staff, baseUrl, 'staff');
    await staff.getByRole('menuitem', { name: '利益披露' }).click();
    await staff.waitForURL(/\/disclosures$/);
    // Staff see only their own disclosures.
    expect(await staff.getByTestId('disclosures-tab-all').count()).toBe(0);
    await staff.getByTestId('disclosure-new').click();
    await expect.poll(() => dialog(staff).count(), { timeout: 10_000 }).toBe(1);
    await dialog(staff).getByTestId('disclosure-summary').fill('本人胞弟在上海鼎盛精密机械股份有限公司财务部任职');
    await choose(staff, 'disclosure-client', CLIENT, '上海鼎盛');
    await screenshot(staff, 'e2e-disclosures-new');
    await confirm(staff);
    await staff.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const status = staff.getByTestId('disclosure-status').first();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    const ref = (await staff.getByTestId('disclosure-ref').textContent())?.trim() ?? '';
    expect(ref).toMatch(/^DS-\d{4}-\d{6}$/);
    expect(await staff.getByTestId('disclosure-client-name').textContent()).toBe(CLIENT);
    expect(await staff.getByTestId('disclosure-user').textContent()).toBe('王强');
    // Only compliance decides.
    expect(await staff.getByTestId('disclosure-decide').count()).toBe(0);

    // 2. Compliance finds it among everyone's pending disclosures.
    const compliance = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1500, height: 1100 } });
    await signIn(compliance, baseUrl, 'compliance');
    await compliance.getByRole('menuitem', { name: '利益披露' }).click();
    await compliance.waitForURL(/\/disclosures$/);
    await compliance.getByTestId('disclosures-tab-all').click();
    await choose(compliance, 'disclosures-filter-status-all', '待审查');
    const row = compliance.getByTestId('disclosures-table-all').locator('.ant-table-row', { hasText: ref });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('王强');
    expect(await row.textContent()).toContain(CLIENT);
    await choose(compliance, 'disclosures-filter-status-all', '附条件准许');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
    await choose(compliance, 'disclosures-filter-status-all', '待审查');
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await screenshot(compliance, 'e2e-disclosures-all');
    await row.getByTestId('disclosure-link').click();
    await compliance.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);

    // 3. Cleared on condition that 王强 stays out of the client's work, until the date the form offers.
    await compliance.getByTestId('disclosure-decide').click();
    await expect.poll(() => dialog(compliance).count(), { timeout: 10_000 }).toBe(1);
    await dialog(compliance).getByTestId('disclosure-decision-choice').getByText('附条件准许').click();
    const condition = dialog(compliance).getByTestId('mitigation-row');
    await expect.poll(() => condition.count(), { timeout: 10_000 }).toBe(1);
    expect(await condition.getByTestId('mitigation-kind').textContent()).toContain('回避');
    expect(await condition.getByTestId('mitigation-staff').textContent()).toContain('王强');
    expect(await condition.getByTestId('mitigation-clients').textContent()).toContain(CLIENT);
    await condition.getByTestId('mitigation-description').fill('不参与该客户的审计工作');
    const expiresOn = await pickerValue(dialog(compliance).getByTestId('disclosure-expires-on'));
    expect(expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog(compliance).getByTestId('disclosure-comment').fill('亲属任职于客户非审计相关部门，回避后可继续工作');
    await screenshot(compliance, 'e2e-disclosures-decide');
    await confirm(compliance);
    const decided = compliance.getByTestId('disclosure-status').first();
    await expect.poll(() => decided.getAttribute('data-status'), { timeout: 15_000 }).toBe('cleared_with_conditions');
    expect(await compliance.getByTestId('disclosure-expiry').textContent()).toContain(expiresOn);
    const history = compliance.getByTestId('disclosure-decision');
    expect(await history.count()).toBe(1);
    expect(await history.getAttribute('data-decision')).toBe('cleared_with_conditions');
    expect(await history.getByTestId('disclosure-conditions').textContent()).toContain('不参与该客户的审计工作');
    await screenshot(compliance, 'e2e-disclosures-decided');
    await compliance.close();

    // 4. 王强 sees the decision and how long it holds on 我的披露, and the conditions on the disclosure.
    await staff.getByRole('menuitem', { name: '利益披露' }).click();
    await staff.waitForURL(/\/disclosures$/);
    const mine = staff.getByTestId('disclosures-table-mine').locator('.ant-table-row', { hasText: ref });
    await expect.poll(() => mine.getByTestId('disclosure-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('cleared_with_conditions');
    expect(await mine.getByTestId('disclosure-expiry').textContent()).toContain(expiresOn);
    await screenshot(staff, 'e2e-disclosures-mine');
    await mine.getByTestId('disclosure-link').click();
    await staff.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);
    await expect.poll(() => staff.getByTestId('disclosure-decision').count(), { timeout: 10_000 }).toBe(1);
    expect(await staff.getByTestId('disclosure-decision').textContent()).toContain('林晓雯');
    const conditions = (await staff.getByTestId('disclosure-conditions').textContent()) ?? '';
    expect(conditions).toContain('不参与该客户的审计工作');
    expect(conditions).toContain('王强');
    expect(conditions).toContain(CLIENT);

    // The same page in English.
    await staff.getByTestId('lang-switch').click();
    await expect.poll(() => staff.getByTestId('disclosure-status').first().textContent(), { timeout: 10_000 }).toBe('Cleared with conditions');
    expect(await staff.getByRole('menuitem', { name: 'Disclosures of interests' }).count()).toBe(1);
    await staff.getByTestId('lang-switch').click();
    await staff.close();
  }, 240_000);
});
