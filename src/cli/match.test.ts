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
    expect(result.stdout.endsWith('\n')).toBe(true);
    const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { query: string; hits: { party: string; score: number }[] });
    // Exactly the contract's shape: the query's id and its hits, each a party id and a score, best first.
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['query', 'hits']);
      for (const hit of line.hits) expect(Object.keys(hit)).toEqual(['party', 'score']);
      expect(line.hits.map((h) => h.score)).toEqual(line.hits.map((h) => h.score).sort((a, b) => b - a));
    }
    expect(lines.map((line) => [line.query, line.hits.map((h) => h.party)])).toEqual([
      ['Q1', ['P1']],
      ['Q2', ['O1']],
      ['Q3', ['O3']],
      ['Q4', ['O2', 'O3']],
      ['Q5', []],
    ]);
    const score = (query: string, at = 0) => lines.find((line) => line.query === query)!.hits[at]!.score;
    // Transliteration and a changed legal form are likely matches; an identifier or the same name (繁/简) is certain;
    // another company sharing place and trade is only a resemblance.
    expect([score('Q1'), score('Q2')].every((s) => s >= 0.8 && s < 1)).toBe(true);
    expect([score('Q3'), score('Q4')]).toEqual([1, 1]);
    expect(score('Q4', 1)).toBeLessThan(0.8);
    expect(existsSync(target.dataDir)).toBe(false);
  });

  it('rejects a row without a known kind, naming its line, before printing anything', async () => {
    const queries = file('bad-queries.csv', ['id,kind,name', 'Q1,person,张伟', 'Q2,company,星河科技']);
    const result = await runCli(['match', '--parties', parties, '--queries', queries], target);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('line 3: kind must be person or org, not "company"');
  });

  it('follows relationships for --hops above 0, to parties marked staff or client', async () => {
    const people = file('people.csv', ['id,kind,name,role', 'S1,person,李娜,staff', 'P1,person,张建华,', 'C1,org,上海鼎盛精密机械股份有限公司,client', 'X1,person,陌生人,']);
    const links = file('links.csv', ['from,to,type', 'P1,S1,spouse', 'P1,C1,director', 'X1,P1,business_partner']);
    const queries = file('people-queries.csv', ['id,kind,name', 'Q1,person,張建華', 'Q2,person,陌生人']);
    const result = await runCli(['match', '--parties', people, '--queries', queries, '--top', '1', '--hops', '2', '--relationships', links], target);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { query: 'Q1', hits: [{ party: 'P1', score: 1, paths: [{ target: 'staff', steps: [{ type: 'spouse', party: 'S1' }] }, { target: 'client', steps: [{ type: 'director', party: 'C1' }] }] }] },
      {
        query: 'Q2',
        hits: [{ party: 'X1', score: 1, paths: [{ target: 'staff', steps: [{ type: 'business_partner', party: 'P1' }, { type: 'spouse', party: 'S1' }] }, { target: 'client', steps: [{ type: 'business_partner', party: 'P1' }, { type: 'director', party: 'C1' }] }] }],
      },
    ]);
    const withoutLinks = await runCli(['match', '--parties', people, '--queries', queries, '--hops', '1'], target);
    expect([withoutLinks.code, withoutLinks.stdout]).toEqual([2, '']);
    expect(withoutLinks.stderr).toContain('--relationships FILE');
  });
});
