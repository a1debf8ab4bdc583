import { DEMO_PASSWORD } from './platform/demo/password.js';
import type { DeputyLevel, StationMemberRole } from '../common/enums.js';
import type { WriteContext } from './platform/audit/audit.js';
import { composeServer } from './composition.js';
import { createAccount } from './features/accounts/index.js';
import { createDeputy, type DeputyInput } from './features/deputies/index.js';
import { createStation, type StationInput } from './features/stations/index.js';
import { createUnit } from './features/units/index.js';
import { demoSteps } from './platform/feature.js';

/**
 * Demo data drawn from the source reports: 贺州市平桂区, 宜城市, the 豫鲁 cross-province
 * station of 台前县打渔陈镇 and the 粤桂 one of 廉江市石角镇. Places and station kinds are
 * real; the people are invented.
 */

export { DEMO_PASSWORD };

const R = {
  pinggui: '451103', huangtian: '451103101', shatian: '451103103', gonghui: '451103104', xiwan: '451103001',
  hezhou: '451100',
  yicheng: '420684', leihe: '420684109', longtou: '420684003', xiaohe: '420684103',
  taiqian: '410927', dayuchen: '410927103', yanggu: '371521', shiwuliyuan: '371521111', liangshan: '370832', xiaolukou: '370832101',
  lianjiang: '440881', shijiao: '440881105', guchengLuchuan: '450922111', wendiBobai: '450923120',
  babu: '451102', xindu: '451102114', foshan: '440600',
} as const;

type StationKey = 'huangtian' | 'gonghe' | 'court' | 'xiwan' | 'jewellery' | 'leihe' | 'minzhu' | 'xueyuan' | 'industryYc' | 'yulu' | 'yuegui' | 'xinduFoshan';

const STATIONS: Record<StationKey, Omit<StationInput, 'parentId'> & { parent?: StationKey }> = {
  huangtian: {
    name: '平桂区黄田镇人大代表联络站', type: 'center', tier: 'town_center', homeRegionCode: R.huangtian, memberRegionCodes: [],
    address: '广西贺州市平桂区黄田镇人民政府一楼', phone: '0774-8881001', openingHours: '工作日 08:30-12:00, 15:00-17:30',
    receptionSchedule: { weekdays: [3], monthDays: [], hours: '09:00-12:00', note: '每周三代表轮值接待选民' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_funding: true, has_records: true, has_results: true, roster: true, reception_register: true, visit_register: true, opinion_register: true, activity_register: true, study_register: true, merit_register: false },
    grade: 'first', stars: 4, description: '黄田镇中心联络站,混合编组区、镇两级代表进站履职。',
  },
  gonghe: {
    parent: 'huangtian',
    name: '平桂区黄田镇公和村人大代表联络点', type: 'point', tier: 'village_point', homeRegionCode: R.huangtian, memberRegionCodes: [],
    address: '黄田镇公和村村民委员会', phone: null, openingHours: '每月 5 日、20 日上午',
    receptionSchedule: { weekdays: [], monthDays: [5, 20], hours: '09:00-11:30', note: '' },
    checklist: { has_venue: true, has_sign: true, has_deputies: true, roster: true, opinion_register: true },
    grade: 'second', stars: null, description: '',
  },
  court: {
    name: '平桂区公会镇代表法庭联络室', type: 'judicial', tier: 'town_center', homeRegionCode: R.gonghui, memberRegionCodes: [],
    address: '平桂区人民法院公会人民法庭', phone: '0774-8882002', openingHours: '工作日 09:00-17:00',
    receptionSchedule: { weekdays: [2, 4], monthDays: [], hours: '14:30-17:00', note: '代表+法官+村支书联调' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_records: true, roster: true, reception_register: true, opinion_register: true },
    grade: 'first', stars: 5, description: '组织区、镇两级人大代表驻室,参与调解劳务、墓地和林地纠纷。',
  },
  xiwan: {
    name: '平桂区西湾街道人大代表联络站', type: 'station', tier: 'town_center', homeRegionCode: R.xiwan, memberRegionCodes: [],
    address: '平桂区西湾街道办事处二楼', phone: null, openingHours: '工作日 09:00-17:00',
    receptionSchedule: { weekdays: [1], monthDays: [], hours: '09:00-11:30', note: '' },
    checklist: { has_venue: true, has_sign: true, has_deputies: true }, grade: 'third', stars: null, description: '',
  },
  jewellery: {
    name: '平桂区黄金珠宝产业代表联络站', type: 'industry', tier: 'city_featured', homeRegionCode: R.pinggui, memberRegionCodes: [R.xiwan],
    address: '平桂区黄金珠宝产业园服务中心', phone: '0774-8883003', openingHours: '工作日 09:00-17:30',
    receptionSchedule: { weekdays: [5], monthDays: [], hours: '15:00-17:30', note: '企业家代表联系产业园企业' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_results: true, roster: true, activity_register: true },
    grade: 'first', stars: 4, description: '把联络站建在产业链上,推动美妆、珠宝产业政策落地。',
  },
  leihe: {
    name: '宜城市雷河镇人大代表中心联络站', type: 'center', tier: 'town_center', homeRegionCode: R.leihe, memberRegionCodes: [],
    address: '湖北省宜城市雷河镇人民政府', phone: '0710-4261001', openingHours: '工作日 08:30-17:30',
    receptionSchedule: { weekdays: [], monthDays: [4, 14, 24], hours: '09:00-12:00', note: '逢四接待' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_funding: true, has_records: true, roster: true, reception_register: true, visit_register: true, opinion_register: true, activity_register: true, study_register: true },
    grade: 'first', stars: null, description: '镇(街道)中心站。',
  },
  minzhu: {
    parent: 'leihe',
    name: '宜城市雷河镇民主村基层治理联络点', type: 'point', tier: 'village_point', homeRegionCode: R.leihe, memberRegionCodes: [],
    address: '雷河镇民主村党群服务中心', phone: null, openingHours: '每周五上午',
    receptionSchedule: { weekdays: [5], monthDays: [], hours: '08:30-11:30', note: '' },
    checklist: { has_venue: true, has_sign: true, has_deputies: true, roster: true }, grade: 'second', stars: null,
    description: '以“数字乡村”建设为抓手的基层治理联络点。',
  },
  xueyuan: {
    name: '宜城市龙头街道学苑社区联络点', type: 'point', tier: 'village_point', homeRegionCode: R.longtou, memberRegionCodes: [],
    address: '龙头街道学苑社区居委会', phone: null, openingHours: '工作日 09:00-17:00',
    receptionSchedule: { weekdays: [3], monthDays: [], hours: '15:00-17:00', note: '' },
    checklist: { has_venue: true, has_sign: true }, grade: 'third', stars: null, description: '',
  },
  industryYc: {
    name: '宜城市产业发展代表联络站', type: 'industry', tier: 'city_featured', homeRegionCode: R.yicheng, memberRegionCodes: [R.xiaohe],
    address: '宜城市经济开发区管委会', phone: '0710-4222002', openingHours: '工作日 09:00-17:00',
    receptionSchedule: { weekdays: [4], monthDays: [], hours: '14:30-17:00', note: '“代表+龙头企业+村集体经济组织+农民专业合作社”' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_results: true },
    grade: 'first', stars: null, description: '市级特色站,把联络站建在产业链上。',
  },
  yulu: {
    name: '豫鲁跨省联建人大代表联络站', type: 'cross_province', tier: 'town_center', homeRegionCode: R.dayuchen,
    memberRegionCodes: [R.shiwuliyuan, R.xiaolukou],
    address: '河南省台前县打渔陈镇人民政府', phone: '0393-2211001', openingHours: '周周有接待,每周二全天',
    receptionSchedule: { weekdays: [2], monthDays: [], hours: '09:00-17:00', note: '周周有接待、月月有交流、季季有互动' },
    checklist: { has_venue: true, has_sign: true, has_rules: true, has_deputies: true, has_activities: true, has_funding: true, has_records: true, has_results: true, roster: true, reception_register: true, opinion_register: true },
    grade: 'first', stars: 5, description: '打渔陈镇与山东阳谷县十五里园镇、梁山县小路口镇共建,设站长 1 名、联络员 3 名,“一院两廊三厅四室”。',
  },
  yuegui: {
    name: '廉江市石角镇粤桂省际人大代表联络站', type: 'cross_province', tier: 'town_center', homeRegionCode: R.shijiao,
    memberRegionCodes: [R.guchengLuchuan, R.wendiBobai],
    address: '广东省廉江市石角镇人民政府', phone: '0759-6711001', openingHours: '工作日 08:30-17:30',
    receptionSchedule: { weekdays: [], monthDays: [10, 25], hours: '09:00-12:00', note: '三地代表联合接待' },
    checklist: { has_venue: true, has_sign: true, has_deputies: true, has_activities: true, roster: true, opinion_register: true },
    grade: 'second', stars: null, description: '石角镇人大与广西文地镇、古城镇人大签订协议书,“一套人马、三地联动”。',
  },
  // 异地联络点: 信都镇 (贺州市八步区) opened it in 佛山 for its deputies and business people working there.
  xinduFoshan: {
    name: '八步区信都镇驻佛山异地人大代表联络点', type: 'point', tier: 'village_point', homeRegionCode: R.xindu, memberRegionCodes: [],
    locatedRegionCode: R.foshan,
    address: '广东省佛山市顺德区贺州商会', phone: '0757-22881001', openingHours: '每月第一个周六',
    receptionSchedule: { weekdays: [6], monthDays: [], hours: '14:00-17:00', note: '服务东融,联系大湾区经商务工的信都籍代表和群众' },
    checklist: { has_venue: true, has_sign: true, has_deputies: true, roster: true, opinion_register: true },
    grade: null, stars: null, description: '信都镇省际代表联络站在佛山市建立的首个“异地人大代表联络点”,为服务东融、企业发展及大湾区经商代表搭建跨区域桥梁。',
  },
};

type DemoDeputy = Omit<DeputyInput, 'levels' | 'stations' | 'ethnicity' | 'party' | 'birthYear' | 'specialLiaison' | 'constituency' | 'gridCell' | 'status'> &
  Partial<Pick<DeputyInput, 'ethnicity' | 'party' | 'birthYear' | 'specialLiaison' | 'constituency' | 'gridCell' | 'status'>> & {
    levels: [DeputyLevel, number, string | null][];
    stations: [StationKey, StationMemberRole][];
    key?: string;
  };

const CPC = '中国共产党';
const NONE = '群众';

const DEPUTIES: DemoDeputy[] = [
  // 平桂区 — 黄田镇
  { key: 'liangjun', name: '梁俊华', gender: 'male', phone: '13907741001', regionCode: R.huangtian, party: CPC, occupation: '黄田镇公和村党总支书记', professionTags: ['农业'], levels: [['county', 4, R.pinggui], ['township', 12, R.huangtian]], stations: [['huangtian', 'head'], ['gonghe', 'resident']], constituency: '黄田镇第一选区', gridCell: '公和村第 1 网格' },
  { name: '韦秀兰', gender: 'female', ethnicity: '壮族', phone: '13907741002', regionCode: R.huangtian, party: NONE, occupation: '个体工商户', professionTags: ['企业家'], levels: [['township', 12, R.huangtian]], stations: [['huangtian', 'liaison']] },
  { name: '黄志强', gender: 'male', ethnicity: '瑶族', phone: '13907741003', regionCode: R.huangtian, party: CPC, occupation: '乡村医生', professionTags: ['医疗'], levels: [['township', 12, R.huangtian]], stations: [['huangtian', 'resident'], ['gonghe', 'resident']] },
  // 平桂区人大代表 of the seed's story (贺州高新区): carries 公和村's tap water from a villager's opinion to a suggestion (features/suggestions/demo.ts).
  { key: 'wanghuimin', name: '王惠敏', gender: 'female', phone: '13907741008', regionCode: R.pinggui, party: CPC, occupation: '贺州高新区管委会党政办副主任', professionTags: [], levels: [['county', 4, R.pinggui]], stations: [['gonghe', 'resident']] },
  { name: '陈美玲', gender: 'female', phone: '13907741004', regionCode: R.pinggui, party: CPC, occupation: '贺州高新区管委会干部', professionTags: [], levels: [['county', 4, R.pinggui]], stations: [['huangtian', 'resident']] },
  { name: '莫德光', gender: 'male', phone: '13907741005', regionCode: R.huangtian, status: 'former', specialLiaison: true, party: CPC, occupation: '退休教师', professionTags: ['教育'], levels: [['township', 11, R.huangtian]], stations: [['huangtian', 'resident']] },
  // 平桂区 — 公会镇代表法庭联络室
  { name: '钟立新', gender: 'male', phone: '13907741011', regionCode: R.gonghui, party: CPC, occupation: '律师', professionTags: ['法律'], levels: [['county', 4, R.pinggui], ['township', 12, R.gonghui]], stations: [['court', 'head']] },
  { name: '邓丽娟', gender: 'female', phone: '13907741012', regionCode: R.gonghui, party: NONE, occupation: '人民调解员', professionTags: ['法律', '调解'], levels: [['township', 12, R.gonghui]], stations: [['court', 'liaison']] },
  { name: '覃永福', gender: 'male', ethnicity: '壮族', phone: '13907741013', regionCode: R.gonghui, party: CPC, occupation: '村委会主任', professionTags: ['农业'], levels: [['township', 12, R.gonghui]], stations: [['court', 'resident']] },
  { name: '李红梅', gender: 'female', phone: '13907741014', regionCode: R.pinggui, party: CPC, occupation: '区人民法院法官', professionTags: ['法律'], levels: [['county', 4, R.pinggui]], stations: [['court', 'resident']] },
  // 平桂区 — 西湾街道, 产业站
  { name: '罗建国', gender: 'male', phone: '13907741021', regionCode: R.xiwan, party: CPC, occupation: '社区书记', professionTags: [], levels: [['county', 4, R.pinggui]], stations: [['xiwan', 'head']] },
  { name: '周晓燕', gender: 'female', phone: '13907741022', regionCode: R.xiwan, party: NONE, occupation: '珠宝企业负责人', professionTags: ['企业家'], levels: [['city', 6, R.hezhou], ['county', 4, R.pinggui]], stations: [['xiwan', 'resident'], ['jewellery', 'head']] },
  { name: '刘明辉', gender: 'male', phone: '13907741023', regionCode: R.pinggui, party: '中国民主建国会', occupation: '美妆企业总经理', professionTags: ['企业家'], levels: [['provincial', 14, '450000'], ['city', 6, R.hezhou]], stations: [['jewellery', 'resident']] },
  { name: '谢宝珠', gender: 'female', phone: '13907741024', regionCode: R.pinggui, party: CPC, occupation: '区委宣传部干部', professionTags: [], levels: [['county', 4, R.pinggui]], stations: [['jewellery', 'liaison']] },
  // 宜城市
  { name: '王建华', gender: 'male', phone: '13907101001', regionCode: R.leihe, party: CPC, occupation: '雷河镇人大主席', professionTags: [], levels: [['county', 10, R.yicheng], ['township', 19, R.leihe]], stations: [['leihe', 'head']] },
  { name: '张晓明', gender: 'male', phone: '13907101002', regionCode: R.leihe, party: NONE, occupation: '农民专业合作社理事长', professionTags: ['农业', '企业家'], levels: [['township', 19, R.leihe]], stations: [['leihe', 'resident'], ['minzhu', 'head']] },
  { name: '赵春芳', gender: 'female', phone: '13907101003', regionCode: R.leihe, party: CPC, occupation: '镇卫生院医生', professionTags: ['医疗'], levels: [['township', 19, R.leihe]], stations: [['leihe', 'liaison']] },
  { name: '孙国庆', gender: 'male', phone: '13907101004', regionCode: R.leihe, party: CPC, occupation: '民主村党支部书记', professionTags: ['农业'], levels: [['county', 10, R.yicheng]], stations: [['minzhu', 'resident']] },
  { name: '何静', gender: 'female', phone: '13907101005', regionCode: R.longtou, party: CPC, occupation: '社区主任', professionTags: [], levels: [['county', 10, R.yicheng]], stations: [['xueyuan', 'head']] },
  { name: '吴海涛', gender: 'male', phone: '13907101006', regionCode: R.longtou, party: '九三学社', occupation: '中学教师', professionTags: ['教育'], levels: [['county', 10, R.yicheng]], stations: [['xueyuan', 'resident']] },
  { name: '杨丽', gender: 'female', phone: '13907101007', regionCode: R.yicheng, party: NONE, occupation: '环保企业工程师', professionTags: ['环保'], levels: [['city', 17, '420600'], ['county', 10, R.yicheng]], stations: [['industryYc', 'head']] },
  { name: '徐志刚', gender: 'male', phone: '13907101008', regionCode: R.yicheng, party: CPC, occupation: '食品企业董事长', professionTags: ['企业家'], levels: [['county', 10, R.yicheng]], stations: [['industryYc', 'resident']] },
  { name: '胡德胜', gender: 'male', phone: '13907101009', regionCode: R.leihe, status: 'former', party: CPC, occupation: '退休干部', professionTags: [], levels: [['county', 9, R.yicheng]], stations: [['leihe', 'resident']] },
  // 台前县打渔陈镇 豫鲁跨省联建站
  { name: '刘长河', gender: 'male', phone: '13903931001', regionCode: R.dayuchen, party: CPC, occupation: '打渔陈镇人大主席', professionTags: [], levels: [['county', 12, R.taiqian], ['township', 14, R.dayuchen]], stations: [['yulu', 'head']] },
  { name: '马玉芬', gender: 'female', phone: '13903931002', regionCode: R.dayuchen, party: NONE, occupation: '养殖户', professionTags: ['农业'], levels: [['township', 14, R.dayuchen]], stations: [['yulu', 'liaison']] },
  { name: '郭振海', gender: 'male', phone: '13903931003', regionCode: R.dayuchen, party: CPC, occupation: '村党支部书记', professionTags: ['环保'], levels: [['township', 14, R.dayuchen]], stations: [['yulu', 'liaison']] },
  { name: '任建军', gender: 'male', phone: '13906351001', regionCode: R.shiwuliyuan, party: CPC, occupation: '十五里园镇干部', professionTags: [], levels: [['county', 19, R.yanggu], ['township', 20, R.shiwuliyuan]], stations: [['yulu', 'liaison']] },
  { name: '秦淑贞', gender: 'female', phone: '13906351002', regionCode: R.shiwuliyuan, party: NONE, occupation: '个体工商户', professionTags: ['企业家'], levels: [['township', 20, R.shiwuliyuan]], stations: [['yulu', 'resident']] },
  { name: '宋广利', gender: 'male', phone: '13905371001', regionCode: R.xiaolukou, party: CPC, occupation: '小路口镇村主任', professionTags: ['农业'], levels: [['county', 19, R.liangshan], ['township', 20, R.xiaolukou]], stations: [['yulu', 'resident']] },
  { name: '田秀云', gender: 'female', phone: '13905371002', regionCode: R.xiaolukou, party: CPC, occupation: '法官', professionTags: ['法律'], levels: [['county', 19, R.liangshan]], stations: [['yulu', 'resident']] },
  // 廉江市石角镇 粤桂省际联络站
  { name: '林国栋', gender: 'male', phone: '13907591001', regionCode: R.shijiao, party: CPC, occupation: '石角镇人大主席', professionTags: [], levels: [['county', 17, R.lianjiang], ['township', 18, R.shijiao]], stations: [['yuegui', 'head']] },
  { name: '庞丽华', gender: 'female', phone: '13907591002', regionCode: R.shijiao, party: NONE, occupation: '果农', professionTags: ['农业'], levels: [['township', 18, R.shijiao]], stations: [['yuegui', 'resident']] },
  { name: '陆振华', gender: 'male', ethnicity: '壮族', phone: '13907751001', regionCode: R.guchengLuchuan, party: CPC, occupation: '古城镇干部', professionTags: [], levels: [['township', 17, R.guchengLuchuan]], stations: [['yuegui', 'liaison']] },
  { name: '邱美英', gender: 'female', phone: '13907751002', regionCode: R.wendiBobai, party: CPC, occupation: '文地镇村医', professionTags: ['医疗'], levels: [['township', 17, R.wendiBobai]], stations: [['yuegui', 'resident']] },
  { name: '全国强', gender: 'male', phone: '13907591003', regionCode: R.lianjiang, party: CPC, occupation: '农业龙头企业董事长', professionTags: ['企业家', '农业'], levels: [['national', 14, null], ['provincial', 14, '440000']], stations: [['yuegui', 'resident']] },
  // 八步区信都镇 驻佛山异地联络点
  { name: '钟永发', gender: 'male', phone: '13907741031', regionCode: R.xindu, party: CPC, occupation: '在佛山经营建材企业', professionTags: ['企业家'], levels: [['township', 12, R.xindu]], stations: [['xinduFoshan', 'head']] },
  { name: '黄秀梅', gender: 'female', phone: '13907741032', regionCode: R.xindu, party: NONE, occupation: '在佛山务工的信都籍代表', professionTags: [], levels: [['township', 12, R.xindu]], stations: [['xinduFoshan', 'resident']] },
  // 黄田镇: left at the 换届 of its township congress (12th → 13th) and kept as 特邀联络员 at 公和村 (seed/demoRound.ts).
  { name: '黎永昌', gender: 'male', phone: '13907741007', regionCode: R.huangtian, party: CPC, occupation: '黄田镇退休干部', professionTags: ['农业'], levels: [['township', 12, R.huangtian]], stations: [['gonghe', 'resident']] },
];

const UNITS = [
  { key: 'water', name: '贺州市平桂区水利局', regionCode: R.pinggui, address: '平桂区西湾街道平桂大道 18 号', contacts: [{ name: '陶文', title: '办公室主任', phone: '0774-8890101' }] },
  { key: 'housing', name: '贺州市平桂区住房和城乡建设局', regionCode: R.pinggui, address: '平桂区西湾街道', contacts: [{ name: '龙飞', title: '综合股股长', phone: '0774-8890102' }] },
  { key: 'natres', name: '贺州市平桂区自然资源局', regionCode: R.pinggui, address: '平桂区西湾街道', contacts: [] },
  { key: 'huangtianGov', name: '平桂区黄田镇人民政府', regionCode: R.huangtian, address: '黄田镇', contacts: [{ name: '党政办', title: '', phone: '0774-8881000' }] },
  { key: 'ycWater', name: '宜城市水利和湖泊局', regionCode: R.yicheng, address: '宜城市鄢城街道', contacts: [{ name: '罗斌', title: '办公室', phone: '0710-4223101' }] },
  { key: 'ycTransport', name: '宜城市交通运输局', regionCode: R.yicheng, address: '宜城市鄢城街道', contacts: [] },
  { key: 'tqEnv', name: '台前县生态环境局', regionCode: R.taiqian, address: '台前县城关镇', contacts: [{ name: '白雪', title: '信访科', phone: '0393-2212101' }] },
  { key: 'tqWater', name: '台前县水利局', regionCode: R.taiqian, address: '台前县城关镇', contacts: [] },
  { key: 'ljWater', name: '廉江市水务局', regionCode: R.lianjiang, address: '廉江市罗州街道', contacts: [] },
  { key: 'ygWater', name: '阳谷县水利局', regionCode: R.yanggu, address: '山东省阳谷县狮子楼街道', contacts: [{ name: '孔平', title: '办公室', phone: '0635-6212101' }] },
] as const;

export interface DemoLogin {
  username: string;
  role: string;
  displayName: string;
  sees: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'admin', role: 'admin', displayName: '系统管理员', sees: '全部数据、账号、审计日志' },
  { username: 'pinggui', role: 'staff', displayName: '平桂区人大常委会 韦工', sees: '贺州市平桂区及以下的联络站、代表、承办单位、账号' },
  { username: 'yicheng', role: 'staff', displayName: '宜城市人大常委会 周工', sees: '湖北省宜城市及以下' },
  { username: 'taiqian', role: 'staff', displayName: '台前县人大常委会 贾工', sees: '河南省台前县及以下,含豫鲁跨省联建站' },
  { username: 'yanggu', role: 'staff', displayName: '阳谷县人大常委会 孔工', sees: '山东省阳谷县及以下,也看得到豫鲁跨省联建站(成员镇十五里园镇)' },
  { username: 'babu', role: 'staff', displayName: '八步区人大常委会 莫工', sees: '贺州市八步区及以下,含信都镇驻佛山异地联络点(管理)' },
  { username: 'foshan', role: 'staff', displayName: '佛山市人大常委会 梁工', sees: '广东省佛山市及以下;信都镇驻佛山异地联络点只在站点列表中可见,不见其代表和意见' },
  { username: 'ygshuili', role: 'unit', displayName: '阳谷县水利局 办事员 孔工', sees: '只看得到交办给本单位的件(含豫鲁站属地在十五里园镇的件)' },
  { username: 'lianjiang', role: 'staff', displayName: '廉江市人大常委会 冯工', sees: '广东省廉江市及以下,含粤桂省际联络站' },
  // Made by the industry feature's demo step (features/industry/demo.ts) with the 连平 鹰嘴蜜桃 contact point.
  { username: 'lianping', role: 'staff', displayName: '连平县人大常委会 赖工', sees: '广东省河源市连平县及以下,含鹰嘴蜜桃产业联系点、成员企业和百日联系计划' },
  { username: 'yetaoxiang', role: 'deputy', displayName: '叶桃香 代表', sees: '鹰嘴蜜桃产业联系点:成员企业(联系人打码)、联系计划,登记本人走访' },
  { username: 'huangtian', role: 'officer', displayName: '黄田镇联络站 联络员 蒙工', sees: '黄田镇联络站与公和村联络点及其代表' },
  { username: 'liangjun', role: 'deputy', displayName: '梁俊华 代表', sees: '本人所在的黄田镇联络站、公和村联络点及同站代表(他人电话打码)' },
  { username: 'wanghuimin', role: 'deputy', displayName: '王惠敏 代表', sees: '平桂区人大代表:本人领衔的代表建议,公和村联络点及同站代表' },
  { username: 'wangge', role: 'grid', displayName: '黄田镇公和村 网格员 覃丽', sees: '本人负责的公和村网格;手机上吹哨、跟踪本人吹哨的办理情况' },
  { username: 'shuiliju', role: 'unit', displayName: '平桂区水利局 办事员 陶工', sees: '只看得到本单位' },
  { username: 'xiwan', role: 'staff', displayName: '平桂区西湾街道人大工委 覃工', sees: '西湾街道:逢四议事(议事日、议题、行动方案、群众反馈)' },
  { username: 'xinren', role: 'staff', displayName: '平桂区人大常委会 新同事', sees: '同 pinggui;首次登录必须修改密码' },
];

/**
 * Loads the demo set through the same commands the API uses, so every row has its audit record:
 * the stations, deputies, units and accounts above, then the features' demo steps in their order
 * (point rules and assessment scheme, congress terms, the election round).
 */
export async function loadDemo(ctx: WriteContext): Promise<DemoLogin[]> {
  composeServer();
  const stationIds = {} as Record<StationKey, number>;
  for (const [key, station] of Object.entries(STATIONS) as [StationKey, (typeof STATIONS)[StationKey]][]) {
    const { parent, ...input } = station;
    stationIds[key] = await createStation(ctx, { ...input, parentId: parent ? stationIds[parent] : null });
  }
  const deputyIds: Record<string, number> = {};
  for (const d of DEPUTIES) {
    const { key, levels, stations, ...rest } = d;
    const id = await createDeputy(ctx, {
      ethnicity: '汉族', party: '', birthYear: null, specialLiaison: false, constituency: '', gridCell: null, status: 'current',
      ...rest,
      levels: levels.map(([level, term, regionCode]) => ({ level, term, regionCode })),
      stations: stations.map(([s, role]) => ({ stationId: stationIds[s], role })),
    });
    if (key) deputyIds[key] = id;
  }
  const unitIds: Record<string, number> = {};
  for (const { key, ...u } of UNITS) unitIds[key] = await createUnit(ctx, { ...u, contacts: [...u.contacts] });

  const account = (username: string, extra: Omit<Parameters<typeof createAccount>[1], 'username' | 'displayName' | 'password'>, must = false) =>
    createAccount(ctx, {
      username, displayName: DEMO_LOGINS.find((l) => l.username === username)!.displayName, password: DEMO_PASSWORD, ...extra,
    }, { mustChangePassword: must });
  await account('admin', { role: 'admin' });
  await account('pinggui', { role: 'staff', regionCode: R.pinggui });
  await account('yicheng', { role: 'staff', regionCode: R.yicheng });
  await account('taiqian', { role: 'staff', regionCode: R.taiqian });
  await account('yanggu', { role: 'staff', regionCode: R.yanggu });
  await account('lianjiang', { role: 'staff', regionCode: R.lianjiang });
  await account('babu', { role: 'staff', regionCode: R.babu });
  await account('foshan', { role: 'staff', regionCode: R.foshan });
  await account('ygshuili', { role: 'unit', unitId: unitIds.ygWater! });
  await account('huangtian', { role: 'officer', stationIds: [stationIds.huangtian, stationIds.gonghe] });
  await account('liangjun', { role: 'deputy', deputyId: deputyIds.liangjun! });
  await account('wanghuimin', { role: 'deputy', deputyId: deputyIds.wanghuimin! });
  await account('shuiliju', { role: 'unit', unitId: unitIds.water! });
  await account('wangge', { role: 'grid', regionCode: R.huangtian });
  await account('xiwan', { role: 'staff', regionCode: R.xiwan });
  await account('xinren', { role: 'staff', regionCode: R.pinggui }, true);
  for (const step of demoSteps()) await step.run(ctx);
  return DEMO_LOGINS;
}
