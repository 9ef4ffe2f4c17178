import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/child-server';

// The command opens no database: a data directory that holds none is enough.
describe.skipIf(process.env.PROBITY_TEST_DB !== 'pglite')('probity match', () => {
  const dir = mkdtempSync(join(tmpdir(), 'probity-match-cli-'));
  const target = { dataDir: join(dir, 'no-database') };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n'));
    return path;
  };
  const parties = file('parties.csv', [
    'id,kind,name,aliases,uscc',
    'P1,person,张伟,,',
    'P2,person,王伟,,',
    'O1,org,腾讯科技(深圳)有限公司,Tencent Technology (Shenzhen) Co. Ltd.,',
    'O2,org,上海云启科技有限公司,,',
    'O3,org,上海云帆科技有限公司,,91310000MA1FL0000X',
  ]);

  it('prints one JSON line per query, hits best first and nothing else', async () => {
    const queries = file('queries.csv', [
      'id,kind,name,uscc',
      'Q1,person,Zhang Wei,',
      'Q2,org,"TENCENT TECHNOLOGY (SHENZHEN) LIMITED",',
      'Q3,org,无关名字,91310000MA1FL0000X',
      'Q4,org,上海雲啟科技有限公司,',
      'Q5,person,完全无关,',
    ]);
    const result = await runCli(['match', '--parties', parties, '--queries', queries, '--top', '2'], target);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(
      [
        { query: 'Q1', hits: [{ party: 'P1', score: 0.922 }] },
        { query: 'Q2', hits: [{ party: 'O1', score: 0.94 }] },
        { query: 'Q3', hits: [{ party: 'O3', score: 1 }] },
        { query: 'Q4', hits: [{ party: 'O2', score: 1 }, { party: 'O3', score: 0.618 }] },
        { query: 'Q5', hits: [] },
      ]
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(''),
    );
    expect(existsSync(target.dataDir)).toBe(false);
  });

  it('rejects a row without a known kind, naming its line, before printing anything', async () => {
    const queries = file('bad-queries.csv', ['id,kind,name', 'Q1,person,张伟', 'Q2,company,星河科技']);
    const result = await runCli(['match', '--parties', parties, '--queries', queries], target);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('line 3: kind must be person or org, not "company"');
  });

  it('accepts only --hops 0, and says why', async () => {
    const result = await runCli(['match', '--parties', parties, '--queries', parties, '--hops', '1'], target);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('only --hops 0');
  });
});
