// Synthetic registry files for the import benchmark: plausible Chinese names, valid USCCs and ID
// numbers, aliases, and relationships that obey the type rules. Deterministic for a given size.
import { writeFileSync } from 'node:fs';
import { csvLine } from '../src/core/csv';
import { residentIdCheckCharacter, usccCheckCharacter } from '../src/core/identifiers';

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣晨睿博文轩雨轩子涵梓萱'];
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '苏州', '天津', '重庆', '厦门', '青岛', '宁波'];
const WORDS = ['星河', '明月', '海风', '瑞丰', '华信', '恒通', '中联', '远景', '鼎盛', '嘉禾', '博雅', '永安', '金桥', '天成', '新元', '宏达'];
const TRADES = ['科技', '贸易', '咨询', '投资', '实业', '物流', '医药', '建设', '文化', '电子'];

/** mulberry32: a small seeded generator, so every run imports the same files. */
export function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const uscc = (n: number) => {
  const body = `91${String(110000 + (n % 90) * 100)}${String(n).padStart(9, '0')}`;
  return body + usccCheckCharacter(body);
};

const residentId = (n: number) => {
  const birth = new Date(Date.UTC(1950, 0, 1) + (n % 18_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `110105${birth}${String(Math.floor(n / 18_000)).padStart(3, '0')}`;
  return body + residentIdCheckCharacter(body);
};

/** A parties file of `rows` rows (60 % persons) and a relationships file of `rows` rows between them. */
export function generateRegistry(rows: number, partiesFile: string, relationshipsFile: string): void {
  const next = random(20_261_123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const persons: string[] = [];
  const orgs: string[] = [];
  const partyLines = [csvLine(['id', 'kind', 'name', 'aliases', 'uscc', 'id_number', 'country'])];
  for (let i = 0; i < rows; i += 1) {
    const id = `B${String(i).padStart(7, '0')}`;
    if (i % 5 < 3) {
      persons.push(id);
      const name = pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '');
      partyLines.push(csvLine([id, 'person', name, '', '', i % 3 === 0 ? residentId(i) : '', 'CN']));
    } else {
      orgs.push(id);
      const word = pick(WORDS);
      const trade = pick(TRADES);
      const name = `${pick(CITIES)}${word}${trade}有限公司`;
      partyLines.push(csvLine([id, 'org', name, `${word}${trade}|${word} ${trade} Co., Ltd.`, uscc(i), '', 'CN']));
    }
  }
  writeFileSync(partiesFile, partyLines.join(''));

  const seen = new Set<string>();
  const relationshipLines = [csvLine(['from', 'to', 'type', 'percentage', 'role', 'valid_from', 'valid_to'])];
  while (relationshipLines.length <= rows) {
    const roll = next();
    const [type, from, to] =
      roll < 0.35 ? ['shareholder', pick(next() < 0.7 ? persons : orgs), pick(orgs)] : roll < 0.55 ? ['director', pick(persons), pick(orgs)] : roll < 0.8 ? ['employee', pick(persons), pick(orgs)] : roll < 0.9 ? ['spouse', pick(persons), pick(persons)] : ['business_partner', pick(orgs), pick(orgs)];
    const key = [from, to].sort().join('|') + type;
    if (from === to || seen.has(key)) continue;
    seen.add(key);
    const percentage = type === 'shareholder' ? (1 + Math.floor(next() * 9_900) / 100).toFixed(2) : '';
    const year = 2000 + Math.floor(next() * 24);
    const ended = type === 'employee' && next() < 0.3;
    relationshipLines.push(csvLine([from, to, type, percentage, type === 'director' ? '董事' : '', `${year}-03-01`, ended ? `${year + 1}/6/30` : '']));
  }
  writeFileSync(relationshipsFile, relationshipLines.join(''));
}
