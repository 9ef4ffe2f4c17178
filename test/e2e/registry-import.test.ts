import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { usccCheckCharacter } from '../../src/core/identifiers';
import { describeInBrowser, screenshot, signIn } from '../support/browser';

const uscc = (first17: string) => first17 + usccCheckCharacter(first17);
const GOOD_USCC = uscc('91330100MA2B3C4D5');
// Same shape, wrong check character: a USCC_CHECK_DIGIT rejection, not a format one.
const BAD_USCC = GOOD_USCC.slice(0, 17) + (GOOD_USCC.endsWith('1') ? '2' : '1');

/** Three good parties and, on line 5 (the header is line 1), one with a broken USCC. */
async function partiesWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('主体');
  sheet.addRows([
    ['id', 'kind', 'name', 'aliases', 'uscc', 'country'],
    ['P1', 'org', '杭州青禾云织贸易有限公司', '青禾云织', GOOD_USCC, 'CN'],
    ['P2', 'person', '欧阳砚秋', 'Ouyang Yanqiu', '', 'CN'],
    ['P3', 'org', '宁波远帆启航物流有限公司', '', '', 'CN'],
    ['P4', 'org', '校验位错误测试有限公司', '', BAD_USCC, 'CN'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeInBrowser('registry import wizard', (app) => {
  it('checks an XLSX of parties, shows the rejected row, imports the valid ones and finds them in the list', async () => {
    const { browser, baseUrl } = app();
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    await signIn(page, baseUrl, 'compliance');
    await page.getByRole('menuitem', { name: '数据导入' }).click();
    await page.waitForURL(/\/registry\/import$/);

    await page.getByTestId('import-kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: /^主体$/ }).click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'parties.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await partiesWorkbook(),
    });
    await page.getByTestId('import-validate').click();

    const result = page.getByTestId('import-result');
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/有效行\s*3/);
    expect(await result.textContent()).toMatch(/被拒绝的行\s*1/);
    const rejected = result.locator('tr', { hasText: 'USCC_CHECK_DIGIT' });
    expect(await rejected.count()).toBe(1);
    expect((await rejected.locator('td').first().textContent())?.trim()).toBe('5');
    await screenshot(page, 'e2e-registry-import-check');

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('导入完成');
    expect(await result.textContent()).toContain('主体 3 条');
    await screenshot(page, 'e2e-registry-import-done');

    await result.getByRole('button', { name: '查看主体' }).click();
    await page.waitForURL(/\/registry\/parties$/);
    const search = page.getByTestId('parties-search').locator('input');
    await search.fill('欧阳砚秋');
    await search.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('.ant-table-row').first().textContent()).toContain('欧阳砚秋');
    await screenshot(page, 'e2e-registry-parties');
  });
});
