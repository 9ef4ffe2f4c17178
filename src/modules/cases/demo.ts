// The demo firm's conflict cases, made through the same use cases as the API from the conflicts planted
// in its registry — all but 李娜's, which is left for a conflict check to find.
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../platform/db/database';
import { demoContext } from '../../platform/seed/demo-context';
import { clients, parties } from '../registry/registry.tables';
import { openCase, transitionCase } from './cases.service';
import { conflictCases } from './cases.tables';
import type { TransitionInput } from './cases.types';

async function clientIdsNamed(db: Db, names: string[]): Promise<string[]> {
  const rows = await db.select({ id: clients.id, name: parties.primaryName }).from(clients).innerJoin(parties, eq(parties.id, clients.partyId)).where(inArray(parties.primaryName, names));
  return names.map((name) => rows.find((r) => r.name === name)!.id);
}

async function partyIdsNamed(db: Db, names: string[]): Promise<string[]> {
  const rows = await db.select({ id: parties.id, name: parties.primaryName }).from(parties).where(and(inArray(parties.primaryName, names), eq(parties.kind, 'person')));
  return names.map((name) => rows.find((r) => r.name === name)!.id);
}

async function moves(db: Db, username: string, id: string, steps: Omit<TransitionInput, 'version'>[]): Promise<void> {
  const ctx = await demoContext(db, username);
  for (const step of steps) {
    const [row] = await db.select({ version: conflictCases.version }).from(conflictCases).where(eq(conflictCases.id, id));
    await transitionCase(db, ctx, id, { ...step, version: row!.version });
  }
}

export async function seedDemoCases(db: Db): Promise<number> {
  const compliance = await demoContext(db, 'compliance');
  const staff = await demoContext(db, 'staff');

  // Two competing medical-device makers share a venture-capital shareholder: compliance investigates.
  const makers = await clientIdsNamed(db, ['苏州瑞丰医疗器械有限公司', '苏州博远医疗器械有限公司']);
  const rivals = await openCase(
    db,
    compliance,
    { source: 'compliance', title: '瑞丰与博远：竞争对手共同股东', description: '两家客户为同一细分市场的竞争对手，且同为苏州启明创业投资的被投企业；税务部与审计部分别为其服务，需评估信息交叉风险。', kind: 'client_client', subjectMatters: ['service', 'rights'], severity: 'medium', clientIds: makers, partyIds: [], staffIds: [] },
    'zh-CN',
  );
  await moves(db, 'compliance', rivals, [{ event: 'start_investigation', comment: '调取两家客户项目组名单，核对是否有人员交叉' }]);

  // A former audit senior manager now runs a client's finance: assessed, awaiting the resolution.
  const [yuanhang] = await clientIdsNamed(db, ['杭州远航电子商务有限公司']);
  const [former] = await partyIdsNamed(db, ['马晓东']);
  const revolving = await openCase(
    db,
    compliance,
    { source: 'compliance', title: '远航电商：前审计高级经理任客户财务总监', description: '马晓东 2023 年 6 月离职，同年 9 月起任该客户财务总监；本所仍承接其年度审计。', kind: 'client_firm', subjectMatters: ['service'], severity: null, clientIds: [yuanhang!], partyIds: [former!], staffIds: [] },
    'zh-CN',
  );
  await moves(db, 'compliance', revolving, [
    { event: 'start_investigation', comment: '核对离职时间与项目参与记录' },
    { event: 'assess', comment: '离职未满三年，且曾负责该客户审计', severity: 'high', impact: '审计独立性可能受到质疑', assessment: '前员工在离职三年内任审计客户关键财务岗位，按独立性要求须调整项目组并复核其在职期间的工作底稿。' },
  ]);

  // A sales manager reports that the prospect he brought in is run by his brother: waiting for compliance.
  const [huachuang] = await clientIdsNamed(db, ['深圳华创信息技术有限公司']);
  const [brother] = await partyIdsNamed(db, ['王志刚']);
  await openCase(
    db,
    staff,
    { source: 'staff_report', title: '华创信息：客户实际控制人为本人兄弟', description: '我引荐的潜在客户深圳华创信息技术有限公司由我的兄弟王志刚控股并担任法定代表人，特此报告。', kind: 'staff_client', subjectMatters: ['price', 'service'], severity: null, clientIds: [huachuang!], partyIds: [brother!], staffIds: [staff.principal!.userId] },
    'zh-CN',
  );
  return 3;
}
