import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDataDir, runCli } from '../../test/support/child-server';
import { TEST_PASSWORD } from '../../test/support/constants';
import { usccCheckCharacter } from '../core/identifiers';
import { translate, type MessageCode } from '../platform/i18n/messages';
import { cliLocale } from './import';

describe.skipIf(process.env.PROBITY_TEST_DB !== 'pglite')('probity import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probity-import-cli-'));
  const target = { dataDir: join(dir, 'data') };
  // Unpacked from the test template: much faster than a first start migrating a new database.
  beforeAll(async () => {
    const template = inject('templateDatabase');
    if (template.kind === 'pglite') await createDataDir(target.dataDir, TEST_PASSWORD, template.dumpFile);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  // The child inherits this process's environment, so it picks the same language.
  const reject = (line: number, field: string, code: MessageCode, params?: Record<string, number>) => ({ line, field, code, message: translate(code, cliLocale(), params) });
  const body = '91110000000000001';
  const good = body + usccCheckCharacter(body);
  const bad = body + (good.endsWith('0') ? '1' : '0');

  it('checks a file with --dry-run --json, then writes its valid rows; exit 1 while any row is rejected', async () => {
    const parties = file('parties.csv', ['id,kind,name,uscc', `C-1,org,北京星河科技有限公司,${good}`, 'C-2,person,王小明,', `C-3,org,坏码公司,${bad}`, 'C-2,person,重复,', ''].join('\n'));
    const rejected = [reject(4, 'uscc', 'USCC_CHECK_DIGIT'), reject(5, 'id', 'DUPLICATE_IN_FILE', { line: 3 })];

    const dry = await runCli(['import', parties, '--kind', 'parties', '--dry-run', '--json'], target);
    expect(dry.code, dry.stderr).toBe(1);
    expect(dry.stdout).toBe(`${JSON.stringify({ valid: 2, rejected, written: false, created: {} })}\n`);

    // Not a terminal: writes without asking.
    const real = await runCli(['import', parties, '--kind', 'parties', '--json'], target);
    expect(real.code, real.stderr).toBe(1);
    expect(JSON.parse(real.stdout)).toEqual({ valid: 2, rejected, written: true, created: { parties: 2, names: 2, identifiers: 1 } });

    const links = file('relationships.csv', 'from,to,type,percentage\nC-2,C-1,股东,25\n');
    const linked = await runCli(['import', links, '--kind', 'relationships'], target);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.stdout).toBe(`${links}: 1 rows (csv, utf-8): 1 valid, 0 rejected.\nImported: relationships 1.\n`);
  });

  it('reports a file it cannot read in the same JSON shape, and explains its usage', async () => {
    const png = file('picture.csv', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    const refused = await runCli(['import', png, '--kind', 'parties', '--json'], target);
    expect(refused.code, refused.stderr).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({ valid: 0, rejected: [reject(0, 'file', 'UNSUPPORTED_FILE')] });

    const usage = await runCli(['import', png, '--kind', 'people'], target);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('import needs a FILE and --kind (parties, clients, contacts, relationships, ftm)');
  });
});
