import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isValidResidentId, isValidUscc } from '../../../core/identifiers';
import { queryRows } from '../../../platform/db/database';
import { useTestApp, type Client } from '../../../../test/support/test-app';
import { generateDemoRegistry } from './generate';
import type { DemoInput } from './population';

const testApp = useTestApp();

interface Link {
  type: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  role: string | null;
  validTo: string | null;
  current: boolean;
}

const links = async (client: Client, partyId: string, type: string): Promise<Link[]> =>
  (await client.get(`/api/registry/relationships?partyId=${partyId}&type=${type}&status=all`)).json().items;
const other = (link: Link, partyId: string) => (link.from.id === partyId ? link.to : link.from);
const partyId = async (client: Client, query: string) => (await client.get(`/api/registry/parties?${query}`)).json().items[0].id as string;
const party = async (client: Client, id: string) => (await client.get(`/api/registry/parties/${id}`)).json();

describe('demo registry', () => {
  it('has about 300 clients, 1,500 parties and 3,000 relationships', async () => {
    const compliance = await testApp().signIn('compliance');
    const total = async (path: string) => (await compliance.get(`${path}pageSize=1`)).json().total as number;
    expect(await total('/api/registry/clients?')).toBeGreaterThanOrEqual(270);
    expect(await total('/api/registry/clients?')).toBeLessThanOrEqual(330);
    expect(await total('/api/registry/parties?')).toBeGreaterThanOrEqual(1350);
    expect(await total('/api/registry/parties?')).toBeLessThanOrEqual(1650);
    expect(await total('/api/registry/relationships?status=all&')).toBeGreaterThanOrEqual(2700);
    expect(await total('/api/registry/relationships?status=all&')).toBeLessThanOrEqual(3300);
    const types = await queryRows<{ type: string }>(testApp().database.db, sql`select distinct type::text as type from relationships`);
    expect(types.map((t) => t.type).sort()).toEqual(
      ['business_partner', 'director', 'employee', 'legal_representative', 'parent', 'public_official', 'relative', 'same_address', 'shareholder', 'sibling', 'spouse', 'supervisor'].sort(),
    );
  });

  it('is sound: valid identifiers, shareholdings within 100%, every staff member a party', async () => {
    const db = testApp().database.db;
    const identifiers = await queryRows<{ scheme: string; value: string }>(db, sql`select scheme::text as scheme, value from party_identifiers`);
    expect(identifiers.filter((i) => i.scheme === 'uscc').every((i) => isValidUscc(i.value))).toBe(true);
    expect(identifiers.filter((i) => i.scheme === 'cn_resident_id').every((i) => isValidResidentId(i.value))).toBe(true);
    expect(await queryRows(db, sql`select to_party_id from relationships where type = 'shareholder' group by 1 having sum(share_basis_points) > 10000`)).toEqual([]);
    expect(await queryRows(db, sql`select id from users where not exists (select 1 from parties p where p.user_id = users.id)`)).toEqual([]);
  });

  it('plants a staff member’s husband on the board of a client her department audits', async () => {
    const compliance = await testApp().signIn('compliance');
    const liNa = await partyId(compliance, `staff=yes&q=${encodeURIComponent('李娜')}`);
    const [marriage] = await links(compliance, liNa, 'spouse');
    const husband = other(marriage!, liNa);
    const [board] = await links(compliance, husband.id, 'director');
    const company = await party(compliance, board!.to.id);
    expect(company).toMatchObject({ isClient: true, client: { department: { code: 'AUD' } } });
  });

  it('plants two competing clients with a shareholder in common', async () => {
    const compliance = await testApp().signIn('compliance');
    const investor = await partyId(compliance, `q=${encodeURIComponent('苏州启明创业投资管理有限公司')}`);
    const holdings = await links(compliance, investor, 'shareholder');
    const clients = await Promise.all(holdings.map((h) => party(compliance, h.to.id)));
    const competing = clients.filter((c) => c.isClient && c.primaryName.includes('医疗器械'));
    expect(competing).toHaveLength(2);
  });

  it('plants a former employee of the firm now working at a client', async () => {
    const compliance = await testApp().signIn('compliance');
    const person = await partyId(compliance, `q=${encodeURIComponent('马晓东')}`);
    const jobs = await links(compliance, person, 'employee');
    expect(jobs.find((j) => !j.current)).toMatchObject({ to: { name: '廉正会计师事务所（特殊普通合伙）' }, validTo: '2023-06-30' });
    const now = jobs.find((j) => j.current)!;
    expect(await party(compliance, now.to.id)).toMatchObject({ isClient: true });
  });

  it('plants a prospect owned by the staff member whose brother runs it', async () => {
    const compliance = await testApp().signIn('compliance');
    const wangQiang = await partyId(compliance, `staff=yes&q=${encodeURIComponent('王强')}`);
    const [brotherhood] = await links(compliance, wangQiang, 'sibling');
    const brother = other(brotherhood!, wangQiang);
    const [runs] = await links(compliance, brother.id, 'legal_representative');
    expect(await party(compliance, runs!.to.id)).toMatchObject({ client: { status: 'prospect', owner: { username: 'staff' } } });
  });

  it('is the same on every run', () => {
    const input: DemoInput = {
      staff: ['li.na', 'staff', 'manager', 'wu.jing', 'zhang.wei', 'liu.yang'].map((username, i) => ({ userId: `u${i}`, partyId: `p${i}`, username, department: 'AUD', ownsClients: true })),
      departments: new Map([['AUD', 'd1']]),
    };
    expect(JSON.stringify(generateDemoRegistry(input))).toBe(JSON.stringify(generateDemoRegistry(input)));
  });
});
