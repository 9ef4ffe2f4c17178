// A few checks the demo firm's compliance officer has already run, so the history is not empty.
import type { Db } from '../../platform/db/database';
import { demoContext } from '../../platform/seed/demo-context';
import { runCheck } from './conflicts.service';
import type { ConflictCheckInput } from './conflicts.types';
import { PartyIndex } from './party-index';

const DEMO_CHECKS: ConflictCheckInput[] = [
  { subjects: [{ name: '上海鼎盛精密机械股份有限公司', kind: 'org', role: 'prospective_client', identifiers: [] }], purpose: '2026 年度财务报表审计续约' },
  {
    subjects: [
      { name: '深圳華創信息技術有限公司', kind: 'org', role: 'prospective_client', identifiers: [] },
      { name: 'Wang Zhigang', kind: 'person', role: 'counterparty', identifiers: [] },
    ],
    purpose: '新客户承接：财务咨询',
  },
  { subjects: [{ name: '杭州远航电子商务有限公司', kind: 'org', role: 'benefit_recipient', identifiers: [] }], purpose: '中秋礼品发放前核查', hops: 1 },
];

export async function seedDemoChecks(db: Db, username = 'compliance'): Promise<number> {
  const ctx = await demoContext(db, username);
  const index = new PartyIndex(db);
  await index.start();
  for (const input of DEMO_CHECKS) await runCheck(db, index, ctx, input, 'zh-CN');
  index.stop();
  return DEMO_CHECKS.length;
}
