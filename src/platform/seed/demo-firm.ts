import { processMonitoringEvents } from '../../modules/monitoring/consumer';
import { runRiskAssessment } from '../../modules/monitoring/risk.service';
import { count } from 'drizzle-orm';
import type { Role } from '../../core/access';
import { departments, users } from '../auth/auth.tables';
import { hashPassword } from '../auth/password';
import { createUser } from '../auth/users.service';
import { appendAudit } from '../audit/audit.service';
import { systemContext } from '../context';
import { inTransaction, type Db } from '../db/database';
import { seedDemoBenefits } from '../../modules/benefits/demo';
import { seedDemoBenefitPolicy } from '../../modules/benefits/policy.demo';
import { seedDemoCases } from '../../modules/cases/demo';
import { seedDemoChecks } from '../../modules/conflicts/demo';
import { seedDemoRegistry } from '../../modules/registry/demo/seed-registry';

const DEPARTMENTS = [
  { code: 'AUD', name: '审计部', nameEn: 'Audit' },
  { code: 'TAX', name: '税务部', nameEn: 'Tax' },
  { code: 'FIN', name: '财务部', nameEn: 'Finance' },
  { code: 'CMP', name: '合规部', nameEn: 'Compliance' },
  { code: 'SAL', name: '销售部', nameEn: 'Sales' },
] as const;

type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];

interface DemoPerson {
  username: string;
  displayName: string;
  department: DepartmentCode;
  roles: Role[];
}

/** The sign-ins named by role, shown on the console and in the README. */
export const DEMO_ROLE_USERS: DemoPerson[] = [
  { username: 'admin', displayName: '赵建国', department: 'FIN', roles: ['admin'] },
  { username: 'compliance', displayName: '林晓雯', department: 'CMP', roles: ['compliance'] },
  { username: 'manager', displayName: '陈志远', department: 'AUD', roles: ['manager', 'staff'] },
  { username: 'finance', displayName: '黄丽娟', department: 'FIN', roles: ['finance', 'staff'] },
  { username: 'auditor', displayName: '周明哲', department: 'AUD', roles: ['auditor'] },
  { username: 'staff', displayName: '王强', department: 'SAL', roles: ['staff'] },
  { username: 'mediator', displayName: '孙慧敏', department: 'CMP', roles: ['mediator', 'compliance'] },
];

const person = (username: string, displayName: string, department: DepartmentCode, ...roles: Role[]): DemoPerson => ({
  username,
  displayName,
  department,
  roles: roles.length ? roles : ['staff'],
});

const OTHER_STAFF: DemoPerson[] = [
  person('li.na', '李娜', 'AUD'),
  person('zhang.wei', '张伟', 'AUD'),
  person('liu.yang', '刘洋', 'AUD'),
  person('yang.fan', '杨帆', 'AUD'),
  person('wu.jing', '吴静', 'TAX', 'manager', 'staff'),
  person('xu.lei', '徐磊', 'TAX'),
  person('zhu.ting', '朱婷', 'TAX'),
  person('hu.jun', '胡军', 'TAX'),
  person('guo.min', '郭敏', 'TAX'),
  person('he.xin', '何欣', 'FIN'),
  person('gao.peng', '高鹏', 'FIN'),
  person('luo.yan', '罗艳', 'CMP', 'compliance'),
  person('zheng.hao', '郑浩', 'CMP', 'compliance', 'manager'),
  person('liang.chen', '梁晨', 'SAL', 'manager', 'staff'),
  person('song.jie', '宋杰', 'SAL'),
  person('tang.li', '唐莉', 'SAL'),
  person('han.bing', '韩冰', 'SAL'),
  person('feng.tao', '冯涛', 'SAL'),
  person('deng.yu', '邓宇', 'AUD'),
  person('cao.rui', '曹睿', 'TAX'),
  person('xie.lan', '谢兰', 'FIN'),
  person('shen.hong', '沈宏', 'AUD', 'manager', 'staff'),
  person('director.qian', '钱卫东', 'CMP', 'director', 'manager', 'compliance'),
];

export const isSeeded = async (db: Db) => ((await db.select({ n: count() }).from(users))[0]?.n ?? 0) > 0;

/** Loads a believable firm: five departments, thirty staff (all with one demo password) and its client registry. */
export async function seedDemoFirm(db: Db, password: string): Promise<{ users: number }> {
  const ctx = systemContext('seed');
  const departmentIds = await inTransaction(db, async (tx) => {
    const rows = await tx.insert(departments).values([...DEPARTMENTS]).returning();
    for (const row of rows) await appendAudit(tx, ctx, { action: 'department.create', entityType: 'department', entityId: row.id, after: row });
    return new Map(rows.map((row) => [row.code, row.id]));
  });
  // One hash for everyone: the same password would give thirty equally weak hashes anyway.
  const passwordHash = await hashPassword(password);
  const people = [...DEMO_ROLE_USERS, ...OTHER_STAFF];
  for (const p of people) {
    await createUser(db, ctx, {
      username: p.username,
      displayName: p.displayName,
      email: `${p.username}@demo.probity.cn`,
      departmentId: departmentIds.get(p.department),
      roles: p.roles,
      password,
      passwordHash,
    });
  }
  // Clients, parties and relationships, with a few planted conflicts; needs the users above.
  await seedDemoRegistry(db, ctx);
  // The benefit policy, authority matrix and a tender blackout for one of the clients above.
  await inTransaction(db, (tx) => seedDemoBenefitPolicy(tx, ctx));
  // Benefit requests in every state, through the same use cases as the API.
  await seedDemoBenefits(db);
  await seedDemoChecks(db);
  // Conflict cases in several stages, from the registry's planted conflicts.
  await seedDemoCases(db);
  // The early warning judges all of the above, so the demo opens with its alerts.
  await processMonitoringEvents(db);
  // And the risk register starts from an assessment of all of it.
  await runRiskAssessment(db, ctx, 'schedule');
  return { users: people.length };
}
