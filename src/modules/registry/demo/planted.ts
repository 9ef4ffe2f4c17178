// Conflicts planted in the demo registry for the conflict check, recusal and alerts to find.
// Nothing in the data marks them: they are ordinary parties, clients and relationships.
import type { BulkParty } from '../bulk-write';
import type { Company, Population } from './population';
import { CITIES } from './vocabulary';

const city = (zh: string) => CITIES.find((c) => c.zh === zh)!;

export function plantConflicts(pop: Population, firm: BulkParty): void {
  const { b } = pop;
  const company = (name: string, where: string, listed: boolean, english?: string): Company => Object.assign(b.org(name, { city: city(where), english }), { listed });
  const founded = (c: Company, boss: BulkParty, owners: BulkParty[] = [boss], fixed: number[] = []) => pop.own(c, owners, pop.govern(c, boss), fixed);

  // 1. Staff–client: an auditor's husband sits on the board of a client her own department audits.
  const liNa = pop.staff('li.na');
  const husband = b.person({ name: '张建华', city: city('上海'), born: [1978, 1982] });
  b.link('spouse', { id: liNa.partyId }, husband, { validFrom: '2009-10-01' });
  const dingsheng = company('上海鼎盛精密机械股份有限公司', '上海', true, 'Shanghai Dingsheng Precision Machinery Co., Ltd.');
  const chairman = pop.boss();
  founded(dingsheng, chairman, [chairman, b.rng.pick(pop.executives)]);
  b.link('director', husband, dingsheng, { role: '董事', validFrom: '2021-06-18' });
  pop.client(dingsheng, { status: 'active', lines: ['审计', '内部控制咨询'], owner: 'manager', department: 'AUD' });

  // 2. Client–client: two competing Suzhou medical-device makers share a venture-capital shareholder.
  const investor = company('苏州启明创业投资管理有限公司', '苏州', false);
  founded(investor, pop.boss());
  const makers = [
    { name: '苏州瑞丰医疗器械有限公司', share: 3000, owner: 'wu.jing', department: 'TAX', lines: ['税务筹划', '税务申报'] },
    { name: '苏州博远医疗器械有限公司', share: 1800, owner: 'zhang.wei', department: 'AUD', lines: ['审计'] },
  ];
  for (const maker of makers) {
    const party = company(maker.name, '苏州', false);
    const boss = pop.boss();
    founded(party, boss, [investor, boss], [maker.share]);
    pop.client(party, { status: 'active', lines: maker.lines, owner: maker.owner, department: maker.department });
  }

  // 3. Revolving door: a former audit senior manager of the firm now runs finance at a client.
  const former = b.person({ name: '马晓东', city: city('杭州'), born: [1984, 1986] });
  b.link('employee', former, firm, { role: '审计部高级经理', validFrom: '2015-07-01', validTo: '2023-06-30' });
  const yuanhang = company('杭州远航电子商务有限公司', '杭州', false, 'Hangzhou Yuanhang E-commerce Co., Ltd.');
  founded(yuanhang, pop.boss());
  b.link('employee', former, yuanhang, { role: '财务总监', validFrom: '2023-09-01' });
  pop.client(yuanhang, { status: 'active', lines: ['审计'], owner: 'liu.yang', department: 'AUD', contact: former, contactTitle: '财务总监' });

  // 4. Owner's family: a sales manager brings in a prospect that his brother runs and owns.
  const brother = b.person({ name: '王志刚', surname: '王', city: city('深圳'), born: [1975, 1980] });
  b.link('sibling', { id: pop.staff('staff').partyId }, brother);
  const huachuang = company('深圳华创信息技术有限公司', '深圳', false);
  founded(huachuang, brother, [brother, b.rng.pick(pop.bosses)], [6000]);
  pop.client(huachuang, { status: 'prospect', lines: ['财务咨询'], owner: 'staff', department: 'SAL' });
}
