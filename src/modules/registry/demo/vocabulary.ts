// Words the demo registry is made of: places, brands, trades and names as a Chinese client base has them.

export interface City {
  zh: string;
  en: string;
  /** Administrative division code of one district, used in USCCs and resident ID numbers. */
  code: string;
  district: string;
  roads: readonly string[];
}

export const CITIES: readonly City[] = [
  { zh: '上海', en: 'Shanghai', code: '310115', district: '浦东新区', roads: ['张江路', '世纪大道', '陆家嘴环路', '金科路'] },
  { zh: '北京', en: 'Beijing', code: '110105', district: '朝阳区', roads: ['建国路', '东三环中路', '望京街', '酒仙桥路'] },
  { zh: '深圳', en: 'Shenzhen', code: '440305', district: '南山区', roads: ['科技园南路', '深南大道', '高新南一道', '海德三道'] },
  { zh: '广州', en: 'Guangzhou', code: '440106', district: '天河区', roads: ['天河路', '珠江新城华夏路', '体育西路', '黄埔大道'] },
  { zh: '杭州', en: 'Hangzhou', code: '330106', district: '西湖区', roads: ['文三路', '天目山路', '古墩路', '西溪路'] },
  { zh: '南京', en: 'Nanjing', code: '320106', district: '鼓楼区', roads: ['中山北路', '湖南路', '汉中门大街', '江东北路'] },
  { zh: '苏州', en: 'Suzhou', code: '320505', district: '虎丘区', roads: ['狮山路', '金山路', '长江路', '竹园路'] },
  { zh: '成都', en: 'Chengdu', code: '510107', district: '武侯区', roads: ['天府大道', '人民南路', '科华北路', '盛和一路'] },
  { zh: '武汉', en: 'Wuhan', code: '420106', district: '武昌区', roads: ['中北路', '和平大道', '友谊大道', '武珞路'] },
  { zh: '天津', en: 'Tianjin', code: '120116', district: '滨海新区', roads: ['第二大街', '新港路', '洞庭路', '黄海路'] },
  { zh: '宁波', en: 'Ningbo', code: '330212', district: '鄞州区', roads: ['天童南路', '中山东路', '宁穿路', '首南中路'] },
  { zh: '西安', en: "Xi'an", code: '610113', district: '雁塔区', roads: ['高新路', '科技路', '长安南路', '锦业路'] },
];

export const BRANDS: readonly (readonly [string, string])[] = [
  ['鼎盛', 'Dingsheng'], ['华信', 'Huaxin'], ['恒通', 'Hengtong'], ['宏达', 'Hongda'], ['瑞丰', 'Ruifeng'], ['远航', 'Yuanhang'],
  ['星辰', 'Xingchen'], ['金桥', 'Jinqiao'], ['海润', 'Hairun'], ['中联', 'Zhonglian'], ['天元', 'Tianyuan'], ['博远', 'Boyuan'],
  ['嘉禾', 'Jiahe'], ['永泰', 'Yongtai'], ['新锐', 'Xinrui'], ['华茂', 'Huamao'], ['启明', 'Qiming'], ['安和', 'Anhe'],
  ['德润', 'Derun'], ['晨光', 'Chenguang'], ['盛世', 'Shengshi'], ['锦程', 'Jincheng'], ['明川', 'Mingchuan'], ['同创', 'Tongchuang'],
  ['弘毅', 'Hongyi'], ['泰和', 'Taihe'], ['长青', 'Changqing'], ['聚源', 'Juyuan'], ['兴业', 'Xingye'], ['誉达', 'Yuda'],
  ['正阳', 'Zhengyang'], ['科瑞', 'Kerui'], ['众诚', 'Zhongcheng'], ['银河', 'Yinhe'], ['蓝海', 'Lanhai'], ['华创', 'Huachuang'],
  ['九州', 'Jiuzhou'], ['立达', 'Lida'], ['凯盛', 'Kaisheng'], ['金鹰', 'Jinying'], ['融信', 'Rongxin'], ['鸿运', 'Hongyun'],
  ['信达', 'Xinda'], ['和谐', 'Hexie'], ['致远', 'Zhiyuan'], ['新元', 'Xinyuan'], ['润泽', 'Runze'], ['东升', 'Dongsheng'],
];

/** A trade as it appears in a company name, and the firm's service lines such a client typically buys. */
export const TRADES: readonly (readonly [string, string])[] = [
  ['科技', 'Technology'], ['贸易', 'Trading'], ['实业', 'Industrial'], ['医疗器械', 'Medical Devices'], ['生物科技', 'Biotechnology'],
  ['新能源', 'New Energy'], ['物流', 'Logistics'], ['建设工程', 'Construction Engineering'], ['餐饮管理', 'Catering Management'],
  ['信息技术', 'Information Technology'], ['电子商务', 'E-commerce'], ['精密机械', 'Precision Machinery'], ['食品', 'Foods'],
  ['环保科技', 'Environmental Technology'], ['房地产开发', 'Real Estate Development'], ['文化传媒', 'Culture & Media'],
  ['化工', 'Chemical'], ['纺织', 'Textile'], ['汽车零部件', 'Auto Parts'], ['半导体', 'Semiconductor'], ['供应链管理', 'Supply Chain Management'],
];

export const LEGAL_FORMS = [
  { zh: '有限公司', en: 'Co., Ltd.', listed: false },
  { zh: '股份有限公司', en: 'Co., Ltd.', listed: true },
  { zh: '集团有限公司', en: 'Group Co., Ltd.', listed: true },
] as const;

export const HOLDING_TRADES: readonly (readonly [string, string])[] = [['投资管理', 'Investment Management'], ['控股', 'Holdings'], ['创业投资', 'Venture Capital']];

/** Hong Kong and Taiwan clients, known under their traditional-character names too. */
export const GREATER_CHINA = [
  { name: '香港恒通国际贸易有限公司', traditional: '香港恆通國際貿易有限公司', english: 'Hang Tung International Trading Limited', country: 'HK', number: '1846213', address: '香港中环德辅道中 88 号' },
  { name: '香港嘉禾资本有限公司', traditional: '香港嘉禾資本有限公司', english: 'Ka Wo Capital Limited', country: 'HK', number: '2390475', address: '香港湾仔港湾道 18 号' },
  { name: '香港华茂物流有限公司', traditional: '香港華茂物流有限公司', english: 'Wah Mau Logistics (HK) Limited', country: 'HK', number: '0987154', address: '香港葵涌货柜码头路 77 号' },
  { name: '台湾宏达精密工业股份有限公司', traditional: '台灣宏達精密工業股份有限公司', english: 'Hongda Precision Industry Co., Ltd.', country: 'TW', number: '53118420', address: '台湾新竹市科学园区力行路 6 号' },
  { name: '台湾永泰电子股份有限公司', traditional: '台灣永泰電子股份有限公司', english: 'Yung Tai Electronics Co., Ltd.', country: 'TW', number: '24736519', address: '台湾台北市信义区松仁路 100 号' },
] as const;

export const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'Wang'], ['李', 'Li'], ['张', 'Zhang'], ['刘', 'Liu'], ['陈', 'Chen'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'],
  ['吴', 'Wu'], ['周', 'Zhou'], ['徐', 'Xu'], ['孙', 'Sun'], ['马', 'Ma'], ['朱', 'Zhu'], ['胡', 'Hu'], ['郭', 'Guo'], ['何', 'He'],
  ['林', 'Lin'], ['罗', 'Luo'], ['高', 'Gao'], ['郑', 'Zheng'], ['梁', 'Liang'], ['谢', 'Xie'], ['宋', 'Song'], ['唐', 'Tang'],
  ['韩', 'Han'], ['冯', 'Feng'], ['邓', 'Deng'], ['曹', 'Cao'], ['彭', 'Peng'], ['曾', 'Zeng'], ['田', 'Tian'], ['董', 'Dong'],
  ['潘', 'Pan'], ['袁', 'Yuan'], ['蔡', 'Cai'], ['蒋', 'Jiang'], ['余', 'Yu'], ['杜', 'Du'], ['叶', 'Ye'], ['程', 'Cheng'],
  ['魏', 'Wei'], ['苏', 'Su'], ['丁', 'Ding'], ['任', 'Ren'], ['沈', 'Shen'], ['姚', 'Yao'], ['卢', 'Lu'], ['钟', 'Zhong'], ['汪', 'Wang'],
];

export const GIVEN: readonly (readonly [string, string])[] = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'], ['军', 'jun'],
  ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'], ['超', 'chao'], ['秀', 'xiu'],
  ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['英', 'ying'], ['华', 'hua'], ['建', 'jian'], ['国', 'guo'], ['文', 'wen'], ['辉', 'hui'],
  ['玲', 'ling'], ['宇', 'yu'], ['浩', 'hao'], ['晨', 'chen'], ['欣', 'xin'], ['婷', 'ting'], ['志', 'zhi'], ['海', 'hai'], ['红', 'hong'],
  ['云', 'yun'], ['峰', 'feng'], ['琳', 'lin'], ['嘉', 'jia'], ['俊', 'jun'], ['慧', 'hui'], ['鹏', 'peng'], ['雪', 'xue'], ['凯', 'kai'],
];

export const ENGLISH_GIVEN = ['David', 'Michael', 'Kevin', 'Jason', 'Eric', 'Tony', 'Vivian', 'Grace', 'Cindy', 'Linda', 'Helen', 'Jack', 'Peter', 'Alice', 'Sophia', 'Frank'];

/** Authorities whose officials a firm must treat with care (gifts to public officials are prohibited). */
export const AUTHORITIES = [
  '国家税务总局上海市税务局',
  '国家税务总局北京市税务局',
  '国家税务总局深圳市税务局',
  '国家税务总局杭州市西湖区税务局',
  '上海市市场监督管理局',
  '北京市朝阳区市场监督管理局',
  '深圳市发展和改革委员会',
  '江苏省财政厅',
  '苏州市财政局',
  '国家金融监督管理总局北京监管局',
  '中国证券监督管理委员会上海监管局',
  '广州市国有资产监督管理委员会',
  '成都市商务局',
  '武汉东湖新技术开发区管理委员会',
] as const;

export const OFFICIAL_RANKS = ['局长', '副局长', '处长', '副处长', '科长', '主任科员', '稽查员'];
export const STAFF_ROLES = ['总经理', '财务总监', '财务经理', '会计主管', '行政经理', '法务经理', '采购经理', '销售总监', '董事会秘书', '出纳'];
export const CONTACT_ROLES = ['主要联系人', '财务对接人', '业务对接人'];

/** The firm's service lines, and the department that delivers each. */
export const SERVICE_LINES: readonly (readonly [string, 'AUD' | 'TAX' | 'FIN' | 'CMP'])[] = [
  ['审计', 'AUD'], ['专项审计', 'AUD'], ['税务筹划', 'TAX'], ['税务申报', 'TAX'], ['财务咨询', 'FIN'], ['代理记账', 'FIN'], ['合规咨询', 'CMP'], ['内部控制咨询', 'CMP'],
];
