// Word lists for normalisation. Forms are simplified, half-width and lower-case, as names are by then.

/** Legal forms and generic words of organisation names; longest first so 股份有限公司 wins over 有限公司. */
export const chineseLegalForms = [
  '股份有限公司', '有限责任公司', '集团有限公司', '集团股份有限公司', '有限公司', '股份公司', '分公司', '子公司',
  '总公司', '控股集团', '集团公司', '集团', '公司', '合伙企业', '普通合伙', '特殊普通合伙', '有限合伙', '事务所',
].sort((a, b) => b.length - a.length);

export const englishLegalForms = new Set([
  'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'llc', 'llp', 'lp', 'plc',
  'gmbh', 'ag', 'sa', 'sarl', 'bv', 'nv', 'pte', 'pty', 'kk', 'group', 'holding', 'holdings', 'the', 'and',
]);

const provinces = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西',
  '山东', '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古',
  '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
];
const cities = [
  '深圳', '广州', '杭州', '南京', '苏州', '武汉', '成都', '西安', '厦门', '青岛', '大连', '宁波', '无锡', '长沙',
  '郑州', '济南', '合肥', '福州', '沈阳', '哈尔滨', '长春', '昆明', '南宁', '贵阳', '南昌', '太原', '石家庄', '兰州',
  '西宁', '银川', '乌鲁木齐', '拉萨', '海口', '三亚', '珠海', '东莞', '佛山', '温州', '绍兴', '嘉兴', '常州', '南通',
  '烟台', '徐州', '泉州', '中山', '惠州', '扬州', '镇江', '金华', '台州', '洛阳', '潍坊', '唐山', '保定', '呼和浩特',
];
const suffixes = '(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?';
const placeAlternatives = [...provinces, ...cities].sort((a, b) => b.length - a.length).join('|');

/** Legal forms written differently but meaning the same (Co., Ltd. / Company Limited / Ltd, 有限责任公司 / 有限公司). */
const legalFormKinds = new Map<string, string>([
  ['co', 'ltd'], ['company', 'ltd'], ['ltd', 'ltd'], ['limited', 'ltd'],
  ['inc', 'inc'], ['incorporated', 'inc'], ['corp', 'inc'], ['corporation', 'inc'],
  ['holding', 'holdings'], ['holdings', 'holdings'],
  ['有限责任公司', '有限公司'],
]);
export const legalFormKind = (form: string) => legalFormKinds.get(form) ?? form;

/** A place at the start of a name, or anywhere in brackets: 上海市…, （深圳）. Group 1 or 2 is the place. */
export const placePattern = new RegExp(`^(${placeAlternatives})${suffixes}|\\((${placeAlternatives})${suffixes}\\)`, 'gu');

/** Common English given-name variants, each group mapped to its first (canonical) form. */
const givenNameGroups = [
  ['robert', 'bob', 'rob', 'bobby', 'robbie'],
  ['william', 'bill', 'will', 'billy', 'willy', 'liam'],
  ['elizabeth', 'liz', 'beth', 'betty', 'eliza', 'lizzie'],
  ['michael', 'mike', 'mick', 'mikey'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['richard', 'dick', 'rick', 'rich', 'ricky'],
  ['thomas', 'tom', 'tommy'],
  ['katherine', 'kate', 'kathy', 'catherine', 'kathryn', 'katie', 'cathy'],
  ['alexander', 'alex', 'sandy'],
  ['jonathan', 'jon', 'jonny'],
  ['john', 'jack', 'johnny'],
  ['margaret', 'maggie', 'meg', 'peggy'],
  ['charles', 'charlie', 'chuck'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['joseph', 'joe', 'joey'],
  ['daniel', 'dan', 'danny'],
  ['david', 'dave'],
  ['christopher', 'chris'],
  ['matthew', 'matt'],
  ['anthony', 'tony'],
  ['steven', 'stephen', 'steve'],
  ['andrew', 'andy', 'drew'],
  ['benjamin', 'ben'],
  ['samuel', 'sam'],
  ['jennifer', 'jenny', 'jen'],
  ['patricia', 'pat', 'patty', 'trish'],
  ['susan', 'sue', 'suzy'],
  ['rebecca', 'becky'],
  ['nicholas', 'nick', 'nicky', 'nico'],
  ['timothy', 'tim', 'timmy'],
  ['gregory', 'greg'],
  ['kenneth', 'ken', 'kenny'],
  ['peter', 'pete'],
  ['victoria', 'vicky', 'tori'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donny'],
  ['douglas', 'doug'],
  ['frederick', 'fred', 'freddie'],
  ['lawrence', 'larry'],
  ['raymond', 'ray'],
  ['walter', 'walt'],
  ['zachary', 'zach', 'zack'],
  ['nathaniel', 'nathan', 'nate'],
  ['vincent', 'vince'],
  ['philip', 'phillip', 'phil'],
  ['gerald', 'gerry', 'jerry'],
  ['abigail', 'abby'],
  ['deborah', 'debbie', 'debra'],
  ['jessica', 'jess', 'jessie'],
  ['judith', 'judy'],
  ['pamela', 'pam'],
  ['cynthia', 'cindy'],
  ['amanda', 'mandy'],
  ['jacqueline', 'jackie'],
  ['stephanie', 'steph'],
  ['theodore', 'theo'],
  ['leonard', 'leo', 'len', 'lenny'],
  ['harold', 'hal'],
  ['henry', 'hank', 'harry'],
];
export const canonicalGivenName = new Map(givenNameGroups.flatMap((group) => group.map((name) => [name, group[0]!] as const)));
