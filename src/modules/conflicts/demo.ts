// A few checks the demo firm's compliance officer has already run, so the history is not empty.
import { eq } from 'drizzle-orm';
import { permissionsOf } from '../../core/access';
import { users } from '../../platform/auth/auth.tables';
import type { RequestContext } from '../../platform/context';
import type { Db } from '../../platform/db/database';
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
  const [officer] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!officer) return 0;
  const ctx: RequestContext = {
    principal: { userId: officer.id, username, roles: ['compliance'], permissions: permissionsOf(['compliance']), via: 'session' },
    requestId: 'seed',
    ip: null,
  };
  const index = new PartyIndex(db);
  await index.start();
  for (const input of DEMO_CHECKS) await runCheck(db, index, ctx, input, 'zh-CN');
  index.stop();
  return DEMO_CHECKS.length;
}
