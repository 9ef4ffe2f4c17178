// Synthetic registry and labelled queries for the name-matching benchmark. Deterministic for a size.
//
// Parties: Chinese persons (about half, with the many real duplicates such as 张伟), Chinese companies
// (place + brand + industry + legal form, half with an English name as an alias), English persons and
// companies. Distractors share the common words: the same place, industry and legal form with another
// brand, the same brand in another industry, a brand one character longer, persons of the same surname.
//
// Queries: variants of one party's name, each labelled with its type. What counts as a correct answer:
// the labelled party, and any party that the variant denotes just as well, decided from the generator's
// own structured fields (never from the engine):
//   - a party whose name is identical to the target's (there are many 张伟, and several John Smiths);
//   - pinyin: any person whose name reads the same (Zhang Wei is 张伟 as much as 章薇: no engine can tell);
//   - suffix changed: the same place, brand and industry with any legal form;
//   - place dropped: the same brand and industry in any place;
//   - English alias: the same romanised alias core.
// A typo that turns the name into another existing party's exact name (for a company: its distinctive
// part, brand and industry) is not a typo of this one: skipped.
import { Converter } from 'opencc-js/cn2t';
import { pinyin } from 'pinyin-pro';
import { random } from '../generate-registry';

export type Kind = 'person' | 'org';
export type Variant =
  | 'traditional'
  | 'pinyin'
  | 'english_alias'
  | 'suffix'
  | 'place_dropped'
  | 'place_bracketed'
  | 'typo'
  | 'reordered'
  | 'nickname';
export const VARIANTS: readonly Variant[] = ['traditional', 'pinyin', 'english_alias', 'suffix', 'place_dropped', 'place_bracketed', 'typo', 'reordered', 'nickname'];

export interface Party {
  id: string;
  kind: Kind;
  names: string[];
}
export interface Query {
  name: string;
  kind: Kind;
  variant: Variant;
  /** Index of the labelled party. */
  target: number;
}


const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文章欧单'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣晨睿博文轩雨子涵梓萱晓建国志海峰波亮东云飞成新雪梅琳丹莉婷慧宏鑫颖佳琪倩雯嘉怡思远航天瑞祥薇维卫威微铭鸣敏民名春秋冬立德荣昊然泽'];
const BRAND = [...'华信通达恒盛鼎泰嘉瑞祥鑫源丰宏远明德康安正诚和顺兴隆昌永新天宇中联星河月海风金桥成元博雅禾云启帆腾飞汇聚创智合众益利锦程越卓凯悦润峰岳川山林晟昊煜辰光晨阳东方北南西'];
const PLACES = ['北京', '上海', '广州', '深圳', '杭州', '南京', '成都', '武汉', '西安', '苏州', '天津', '重庆', '厦门', '青岛', '宁波', '无锡', '长沙', '郑州', '济南', '合肥', '福州', '沈阳', '大连', '昆明', '东莞', '佛山', '温州', '珠海', '江苏', '浙江', '广东', '山东'];
const PLACE_EN = new Map(PLACES.map((p) => [p, pinyin(p, { toneType: 'none', type: 'array' }).join('')]));
const INDUSTRIES: [string, string][] = [
  ['科技', 'Technology'], ['贸易', 'Trading'], ['咨询', 'Consulting'], ['投资', 'Investment'], ['实业', 'Industrial'], ['物流', 'Logistics'],
  ['医药', 'Pharmaceutical'], ['建设', 'Construction'], ['文化传媒', 'Culture Media'], ['电子', 'Electronics'], ['网络科技', 'Network Technology'],
  ['信息技术', 'Information Technology'], ['生物科技', 'Biotechnology'], ['新能源', 'New Energy'], ['食品', 'Food'], ['服装', 'Apparel'],
  ['环保科技', 'Environmental Technology'], ['房地产开发', 'Real Estate Development'], ['餐饮管理', 'Catering Management'], ['教育科技', 'Education Technology'],
  ['汽车服务', 'Automotive Services'], ['机械设备', 'Machinery'], ['化工', 'Chemical'], ['金融服务', 'Financial Services'], ['资产管理', 'Asset Management'],
  ['广告', 'Advertising'], ['建筑工程', 'Construction Engineering'], ['软件', 'Software'], ['智能科技', 'Intelligent Technology'], ['农业', 'Agriculture'],
  ['供应链管理', 'Supply Chain Management'], ['电气', 'Electric'], ['新材料', 'New Materials'], ['健康管理', 'Health Management'], ['旅游', 'Travel'],
  ['影视', 'Film'], ['通信', 'Communications'], ['能源', 'Energy'], ['包装', 'Packaging'], ['家居', 'Home Furnishing'],
];
const CN_FORMS = ['有限公司', '有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司', '集团有限公司'];
const CN_FORM_SWAP: Record<string, string[]> = {
  有限公司: ['有限责任公司', '股份有限公司'],
  有限责任公司: ['有限公司'],
  股份有限公司: ['有限公司', '有限责任公司'],
  集团有限公司: ['集团', '有限公司'],
};
const EN_FORMS = ['Co., Ltd.', 'Limited', 'Ltd', 'Inc.', 'Corp.', 'LLC', 'Company Limited', 'GmbH'];
const EN_FORM_SWAP: Record<string, string[]> = {
  'Co., Ltd.': ['Limited', 'Company Limited', 'Co. Ltd'],
  Limited: ['Ltd', 'Ltd.', 'Co., Ltd.'],
  Ltd: ['Limited'],
  'Inc.': ['Incorporated', 'Inc', 'Corp.'],
  'Corp.': ['Corporation', 'Inc.'],
  LLC: ['L.L.C.', 'Inc.'],
  'Company Limited': ['Co., Ltd.', 'Limited'],
  GmbH: ['GMBH', 'Ltd'],
};
const FIRST = [
  'Robert', 'William', 'Elizabeth', 'Michael', 'James', 'Richard', 'Thomas', 'Katherine', 'Alexander', 'Jonathan', 'Margaret', 'Charles', 'Edward',
  'Joseph', 'Daniel', 'David', 'Christopher', 'Matthew', 'Anthony', 'Steven', 'Andrew', 'Benjamin', 'Samuel', 'Jennifer', 'Patricia', 'Susan',
  'Rebecca', 'Mary', 'Linda', 'Sarah', 'Karen', 'Nancy', 'Lisa', 'Emily', 'Laura', 'Helen', 'Anna', 'Olivia', 'Sophie', 'George', 'Paul', 'Mark',
  'Brian', 'Kevin', 'Jason', 'Ryan', 'Eric', 'Frank', 'Scott', 'Henry', 'Peter', 'Timothy', 'Nicholas', 'Gregory', 'Kenneth', 'Victoria',
  'Oliver', 'Lucas', 'Martin', 'Simon', 'Claire', 'Julia', 'Grace', 'Hannah', 'Chloe', 'Philip', 'Adam', 'Harry', 'Jack', 'Ethan', 'Noah',
];
const NICKNAMES: Record<string, string[]> = {
  Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will'], Elizabeth: ['Liz', 'Beth'], Michael: ['Mike'], James: ['Jim', 'Jimmy'],
  Richard: ['Rick', 'Dick'], Thomas: ['Tom'], Katherine: ['Kate', 'Kathy'], Alexander: ['Alex'], Jonathan: ['Jon'], Margaret: ['Maggie', 'Peggy'],
  Charles: ['Charlie'], Edward: ['Ed', 'Ted'], Joseph: ['Joe'], Daniel: ['Dan', 'Danny'], David: ['Dave'], Christopher: ['Chris'], Matthew: ['Matt'],
  Anthony: ['Tony'], Steven: ['Steve'], Andrew: ['Andy'], Benjamin: ['Ben'], Samuel: ['Sam'], Jennifer: ['Jenny', 'Jen'], Patricia: ['Pat', 'Trish'],
  Susan: ['Sue'], Rebecca: ['Becky'], Peter: ['Pete'], Timothy: ['Tim'], Nicholas: ['Nick'], Gregory: ['Greg'], Kenneth: ['Ken'], Victoria: ['Vicky'],
};
const LAST = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Jackson',
  'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams',
  'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris',
  'Murphy', 'Cook', 'Rogers', 'Morgan', 'Cooper', 'Peterson', 'Reed', 'Bailey', 'Bell', 'Kelly', 'Howard', 'Ward', 'Cox', 'Richardson', 'Wood',
  'Watson', 'Brooks', 'Bennett', 'Gray', 'Hughes', 'Price', 'Sanders', 'Myers', 'Long', 'Ross', 'Foster', 'Fischer', 'Schmidt', 'Weber', 'Wagner',
  'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schroeder', 'Neumann', 'Schwarz', 'Braun', 'Hofmann', 'Hartmann', 'Lange',
  'Dubois', 'Laurent', 'Moreau', 'Lefebvre', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Bernard', 'Tanaka', 'Suzuki', 'Watanabe', 'Kobayashi',
  'Kim', 'Park', 'Choi', 'Nguyen', 'Tran', 'Singh', 'Patel', 'Kumar', 'Sharma', 'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano',
  'Fletcher', 'Hawkins', 'Dawson', 'Fitzgerald', 'Gallagher', 'Harrington', 'Kensington', 'Lancaster', 'Montgomery', 'Pemberton', 'Whitfield',
];
const EN_WORDS = [
  'Acme', 'Apex', 'Atlas', 'Aurora', 'Beacon', 'Blue', 'Bright', 'Cedar', 'Summit', 'Crystal', 'Delta', 'Eagle', 'Evergreen', 'Falcon', 'Frontier',
  'Global', 'Golden', 'Granite', 'Harbor', 'Horizon', 'Imperial', 'Keystone', 'Liberty', 'Lotus', 'Maple', 'Meridian', 'Northwind', 'Oak', 'Ocean',
  'Orion', 'Pacific', 'Phoenix', 'Pinnacle', 'Pioneer', 'Prime', 'Quantum', 'Redwood', 'Riverside', 'Sapphire', 'Silver', 'Sterling', 'Sunrise',
  'Titan', 'Trinity', 'Unity', 'Vanguard', 'Vertex', 'Victory', 'Vista', 'Westbrook', 'Willow', 'Zenith', 'Alpine', 'Coastal', 'Emerald', 'Nova',
  'Polaris', 'Regal', 'Sequoia', 'Solstice', 'Stellar', 'Tidewater', 'Cobalt', 'Ironwood', 'Lakeshore', 'Highland', 'Kingsway', 'Oakridge',
];
const EN_TRADES = [
  'Trading', 'Holdings', 'Capital', 'Partners', 'Logistics', 'Consulting', 'Technologies', 'Systems', 'Industries', 'Pharmaceuticals', 'Energy',
  'Media', 'Foods', 'Shipping', 'Investments', 'Securities', 'Software', 'Solutions', 'Manufacturing', 'Resources', 'Engineering', 'Ventures',
];

/** Structured fields of a party, from which the equivalences above are decided. */
interface Fields {
  /** 'cp' Chinese person, 'co' Chinese org, 'ep' English person, 'eo' English org. */
  type: 'cp' | 'co' | 'ep' | 'eo';
  place: string;
  core: string;
  form: string;
  /** Romanised English alias core of a Chinese org ('' without one); reading of a Chinese person. */
  extra: string;
}

export interface Dataset {
  parties: Party[];
  queries: Query[];
  /** Whether `hit` (a party index) is a correct answer to the query. */
  correct(query: Query, hit: number): boolean;
}

const personReading = (name: string) => pinyin(name, { toneType: 'none', type: 'array', surname: 'head' }).join(' ');

export function generate(count: number, queryCount: number, seed = 20_260_415): Dataset {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]) => list[int(list.length)]!;
  /** Skewed towards the start of the list, as surnames and common characters are. */
  const zipf = <T>(list: readonly T[]) => list[Math.floor(list.length * next() ** 2.2)]!;

  const parties: Party[] = [];
  const fields: Fields[] = [];
  const push = (kind: Kind, names: string[], f: Fields) => {
    parties.push({ id: `P${String(parties.length).padStart(7, '0')}`, kind, names });
    fields.push(f);
  };
  const chineseOrg = (place: string, brand: string, industry: [string, string], form: string) => {
    const name = `${place}${brand}${industry[0]}${form}`;
    const english = next() < 0.5 ? `${pinyin(brand, { toneType: 'none', type: 'array' }).map(capital).join('')} ${industry[1]}` : '';
    const alias = english ? `${place ? `${capital(PLACE_EN.get(place)!)} ` : ''}${english} ${pick(['Co., Ltd.', 'Limited', 'Company Limited'])}` : '';
    push('org', alias ? [name, alias] : [name], { type: 'co', place, core: `${brand}|${industry[0]}`, form, extra: english.toLowerCase() });
  };
  // A brand that spells a place (海南, 山东) is read as the place: not generated.
  const placeNames = [...PLACES, '海南', '山西', '江西', '河南', '河北', '湖南', '湖北', '广西', '云南', '海口', '南山', '东莞', '中山', '南宁', '南昌', '西安'];
  const brand = (): string => {
    const b = next() < 0.85 ? zipf(BRAND) + pick(BRAND) : zipf(BRAND) + pick(BRAND) + pick(BRAND);
    return placeNames.some((p) => b.includes(p)) ? brand() : b;
  };
  while (parties.length < count) {
    const roll = next();
    if (roll < 0.5) {
      const name = zipf(SURNAMES) + zipf(GIVEN) + (next() < 0.7 ? zipf(GIVEN) : '');
      push('person', [name], { type: 'cp', place: '', core: name, form: '', extra: '' });
    } else if (roll < 0.88) {
      const place = next() < 0.8 ? pick(PLACES) : '';
      const b = brand();
      const industry = zipf(INDUSTRIES);
      const form = pick(CN_FORMS);
      chineseOrg(place, b, industry, form);
      // Distractors sharing words: the same brand in another trade, the brand one character longer.
      if (next() < 0.1 && parties.length < count) chineseOrg(pick(PLACES), b, pick(INDUSTRIES), pick(CN_FORMS));
      if (next() < 0.05 && parties.length < count) chineseOrg(place, b + pick(BRAND), industry, form);
    } else if (roll < 0.95) {
      const first = zipf(FIRST);
      const last = pick(LAST);
      const middle = next() < 0.15 ? ` ${pick(FIRST)}` : '';
      push('person', [`${first}${middle} ${last}`], { type: 'ep', place: '', core: `${first}${middle} ${last}`, form: '', extra: '' });
    } else {
      const core = next() < 0.3 ? `${pick(EN_WORDS)} ${pick(EN_WORDS)} ${pick(EN_TRADES)}` : `${pick(EN_WORDS)} ${pick(EN_TRADES)}`;
      const form = pick(EN_FORMS);
      push('org', [`${core} ${form}`], { type: 'eo', place: '', core, form, extra: '' });
    }
  }

  const names = new Set(parties.map((p) => p.names[0]!));
  const cores = new Set(fields.filter((f) => f.type === 'co').map((f) => f.core.replace('|', '')));
  const toTraditional = Converter({ from: 'cn', to: 'hk' });
  const homophones = new Map<string, string[]>();
  for (const c of GIVEN) {
    const reading = pinyin(c, { toneType: 'none' });
    homophones.set(reading, [...(homophones.get(reading) ?? []), c]);
  }

  /** The variant of a party's name, or null when this party cannot have it. */
  const variantOf = (variant: Variant, at: number): string | null => {
    const f = fields[at]!;
    const name = parties[at]!.names[0]!;
    switch (variant) {
      case 'traditional': {
        if (f.type !== 'cp' && f.type !== 'co') return null;
        const t = toTraditional(name);
        return t === name ? null : t;
      }
      case 'pinyin': {
        if (f.type !== 'cp') return null;
        const [surname, ...given] = pinyin(name, { toneType: 'none', type: 'array', surname: 'head' });
        const g = capital(given.join(''));
        const s = capital(surname!);
        return pick([`${s} ${g}`, `${g} ${s}`, `${s.toUpperCase()} ${g}`, `${s}, ${g}`, given.length > 1 ? `${s} ${given.map(capital).join('-')}` : `${s.toUpperCase()} ${g.toUpperCase()}`]);
      }
      case 'english_alias': {
        if (f.type !== 'co' || !f.extra) return null;
        const alias = parties[at]!.names[1]!;
        const form = pick(['Limited', 'Co. Ltd', 'Ltd.', 'Co., Ltd.']);
        const bare = alias.replace(/ (Co\., Ltd\.|Limited|Company Limited)$/u, '');
        return next() < 0.3 ? `${bare} ${form}`.toUpperCase() : `${bare} ${form}`;
      }
      case 'suffix': {
        if (f.type === 'co') return `${f.place}${f.core.replace('|', '')}${pick(CN_FORM_SWAP[f.form]!)}`;
        if (f.type === 'eo') return `${f.core} ${pick(EN_FORM_SWAP[f.form]!)}`;
        return null;
      }
      case 'place_dropped':
        return f.type === 'co' && f.place ? name.slice(f.place.length) : null;
      case 'place_bracketed':
        return f.type === 'co' && f.place ? `${f.core.replace('|', '')}（${f.place}）${f.form}` : null;
      case 'typo': {
        let typo: string | null = null;
        if (f.type === 'cp') {
          // Chinese is typed through pinyin: a typo is a character of the same sound.
          const i = 1 + int(name.length - 1);
          const options = (homophones.get(pinyin(name[i]!, { toneType: 'none' })) ?? []).filter((c) => c !== name[i]);
          if (options.length) typo = name.slice(0, i) + pick(options) + name.slice(i + 1);
        } else if (f.type === 'co') {
          const core = f.core.replace('|', '');
          if (core.length >= 4) {
            const i = int(core.length);
            const changed = `${core.slice(0, i)}${pick(BRAND.filter((c) => c !== core[i]))}${core.slice(i + 1)}`;
            // The distinctive part of another company (in any place, of any form) is that company's name.
            if (!cores.has(changed)) typo = `${f.place}${changed}${f.form}`;
          }
        } else {
          typo = latinTypo(name, next);
        }
        return typo && !names.has(typo) ? typo : null;
      }
      case 'reordered': {
        if (f.type !== 'ep') return null;
        const words = f.core.split(' ');
        const last = words.pop()!;
        return next() < 0.5 ? `${last} ${words.join(' ')}` : `${last.toUpperCase()}, ${words.join(' ')}`;
      }
      case 'nickname': {
        if (f.type !== 'ep') return null;
        const [first, ...rest] = f.core.split(' ');
        const nick = NICKNAMES[first!];
        return nick ? `${pick(nick)} ${rest.join(' ')}` : null;
      }
    }
  };

  const queries: Query[] = [];
  const perVariant = Math.ceil(queryCount / VARIANTS.length);
  for (const variant of VARIANTS) {
    let made = 0;
    for (let tries = 0; made < perVariant && tries < perVariant * 200; tries += 1) {
      const at = int(parties.length);
      const name = variantOf(variant, at);
      if (name === null) continue;
      queries.push({ name, kind: parties[at]!.kind, variant, target: at });
      made += 1;
    }
  }
  // Shuffled, so that any prefix is a fair sample of every variant.
  for (let i = queries.length - 1; i > 0; i -= 1) {
    const j = int(i + 1);
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  queries.length = Math.min(queries.length, queryCount);

  const readings = new Map<number, string>();
  const reading = (at: number) => {
    let r = readings.get(at);
    if (r === undefined) readings.set(at, (r = personReading(parties[at]!.names[0]!)));
    return r;
  };
  const correct = (query: Query, hit: number): boolean => {
    if (hit === query.target) return true;
    const t = fields[query.target]!;
    const h = fields[hit]!;
    if (h.type !== t.type) return false;
    if (parties[hit]!.names[0] === parties[query.target]!.names[0]) return true;
    switch (query.variant) {
      case 'pinyin':
        return reading(hit) === reading(query.target);
      case 'suffix':
        return h.place === t.place && h.core === t.core;
      case 'place_dropped':
        return h.core === t.core;
      case 'english_alias':
        return h.extra !== '' && h.extra === t.extra && h.place === t.place;
      default:
        return false;
    }
  };
  return { parties, queries, correct };
}

const capital = (word: string) => (word ? word[0]!.toUpperCase() + word.slice(1) : word);

/** One keyboard slip in a word of five letters or more: a letter swapped, dropped, doubled or replaced. */
function latinTypo(name: string, next: () => number): string | null {
  const words = name.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^[A-Za-z]+$/u.test(w));
  if (!long.length) return null;
  const [word, at] = long[Math.floor(next() * long.length)]!;
  const i = 1 + Math.floor(next() * (word.length - 2));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const roll = next();
  const typo =
    roll < 0.3 ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
    : roll < 0.55 ? word.slice(0, i) + word.slice(i + 1)
    : roll < 0.7 ? word.slice(0, i) + word[i] + word.slice(i)
    : word.slice(0, i) + letters[Math.floor(next() * 26)] + word.slice(i + 1);
  if (typo === word) return null;
  words[at] = typo;
  return words.join(' ');
}
