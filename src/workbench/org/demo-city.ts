import { createHash } from 'node:crypto';
import type { UnitKind } from '../db/schema.ts';

// 示范市 (Shifan City) is fictional: every name, address and phone number here is made up, and the phone
// numbers use the 0000- prefix no real exchange has, so a demo can never send anyone to a real police station.

export interface UnitRecord {
  code: string;
  parentCode: string | null;
  path: string;
  kind: UnitKind;
  name: string;
  nameEn: string;
  address: string;
  phone: string;
  hours: string;
  lat: number;
  lng: number;
  sortOrder: number;
  district: string;
  schedule: string;
  isPublic: boolean;
}

export const CITY_CODE = 'SF-0000';
const CENTRE = { lat: 30.5, lng: 114.3 };

const HOURS = {
  office: '周一至周五 9:00—12:00，13:30—17:30',
  station: '24小时接警；户籍窗口 周一至周六 9:00—17:00',
  community: '周一至周五 8:30—17:30',
  traffic: '周一至周日 9:00—17:00（法定节假日除外）',
  exitEntry: '周一至周六 9:00—17:00',
} as const;

// The same hours for the directory's "open today" (shared/directory/schedule.ts); a station's is its
// household-registration window, since reporting to the police never closes.
const SCHEDULE = {
  office: '1-5 09:00-12:00,13:30-17:30',
  station: '1-6 09:00-17:00',
  community: '1-5 08:30-17:30',
  traffic: '1-7 09:00-17:00',
  exitEntry: '1-6 09:00-17:00',
} as const;

// The city's departments that receive the public at a counter; the others work behind the scenes.
const PUBLIC_DEPARTMENTS = new Set(['SF-HZ', 'SF-CRJ', 'SF-ZA', 'SF-JJ', 'SF-WA', 'SF-XF', 'SF-JG']);

type Pair = readonly [zh: string, en: string];

interface District {
  name: Pair;
  /** Offset of the district's centre from the city centre, in degrees. */
  at: readonly [dLat: number, dLng: number];
  /** Streets that each give their name to a police station. */
  streets: readonly Pair[];
}

const districts: readonly District[] = [
  {
    name: ['明湖区', 'Minghu'],
    at: [0.03, 0.0],
    streets: [
      ['湖滨', 'Hubin'],
      ['文昌', 'Wenchang'],
      ['长乐', 'Changle'],
      ['鼓楼', 'Gulou'],
      ['青石', 'Qingshi'],
      ['泮池', 'Panchi'],
    ],
  },
  {
    name: ['清江区', 'Qingjiang'],
    at: [0.0, -0.08],
    streets: [
      ['江岸', "Jiang'an"],
      ['柳堤', 'Liudi'],
      ['渡口', 'Dukou'],
      ['沙洲', 'Shazhou'],
      ['白鹭', 'Bailu'],
    ],
  },
  {
    name: ['望山区', 'Wangshan'],
    at: [-0.08, 0.01],
    streets: [
      ['松岭', 'Songling'],
      ['石门', 'Shimen'],
      ['云台', 'Yuntai'],
      ['竹溪', 'Zhuxi'],
      ['枫林', 'Fenglin'],
      ['桃源', 'Taoyuan'],
      ['观澜', 'Guanlan'],
    ],
  },
  {
    name: ['临港区', 'Lingang'],
    at: [0.02, 0.12],
    streets: [
      ['港湾', 'Gangwan'],
      ['海关', 'Haiguan'],
      ['船坞', 'Chuanwu'],
      ['灯塔', 'Dengta'],
      ['潮音', 'Chaoyin'],
    ],
  },
  {
    name: ['新桥区', 'Xinqiao'],
    at: [0.1, -0.07],
    streets: [
      ['新桥', 'Xinqiao'],
      ['北苑', 'Beiyuan'],
      ['花溪', 'Huaxi'],
      ['晨光', 'Chenguang'],
    ],
  },
  {
    name: ['高新区', 'Gaoxin'],
    at: [-0.05, 0.12],
    streets: [
      ['科创', 'Kechuang'],
      ['光谷', 'Guanggu'],
      ['智慧', 'Zhihui'],
      ['软件园', 'Ruanjianyuan'],
      ['未来城', 'Weilaicheng'],
      ['创业', 'Chuangye'],
    ],
  },
];

const communities: readonly Pair[] = [
  ['春晖', 'Chunhui'],
  ['秋实', 'Qiushi'],
  ['翠湖', 'Cuihu'],
  ['锦绣', 'Jinxiu'],
  ['金桥', 'Jinqiao'],
  ['银河', 'Yinhe'],
  ['阳光', 'Yangguang'],
  ['和谐', 'Hexie'],
  ['望江', 'Wangjiang'],
  ['柳岸', "Liu'an"],
  ['梧桐', 'Wutong'],
  ['玉兰', 'Yulan'],
  ['海棠', 'Haitang'],
  ['紫荆', 'Zijing'],
  ['丹桂', 'Dangui'],
  ['青松', 'Qingsong'],
  ['碧水', 'Bishui'],
  ['星光', 'Xingguang'],
  ['朝阳', 'Chaoyang'],
  ['清泉', 'Qingquan'],
  ['兰亭', 'Lanting'],
  ['明珠', 'Mingzhu'],
  ['瑞景', 'Ruijing'],
  ['康乐', 'Kangle'],
  ['福安', "Fu'an"],
  ['长青', 'Changqing'],
  ['怡园', 'Yiyuan'],
  ['书香', 'Shuxiang'],
  ['荷塘', 'Hetang'],
  ['映月', 'Yingyue'],
  ['嘉禾', 'Jiahe'],
  ['平湖', 'Pinghu'],
  ['景秀', 'Jingxiu'],
  ['龙泉', 'Longquan'],
  ['凤鸣', 'Fengming'],
  ['鹿鸣', 'Luming'],
  ['松涛', 'Songtao'],
  ['杏林', 'Xinglin'],
  ['百合', 'Baihe'],
  ['云锦', 'Yunjin'],
];

const departments: readonly { code: string; name: Pair; phone: string }[] = [
  { code: 'SF-ZH', name: ['指挥中心', 'Command Centre'], phone: '0000-6900110' },
  { code: 'SF-HZ', name: ['户政管理支队', 'Household Registration Division'], phone: '0000-6901000' },
  { code: 'SF-CRJ', name: ['出入境管理支队', 'Exit-Entry Administration Division'], phone: '0000-6902000' },
  { code: 'SF-ZA', name: ['治安管理支队', 'Public Order Division'], phone: '0000-6903000' },
  { code: 'SF-JJ', name: ['交通警察支队', 'Traffic Police Division'], phone: '0000-6904000' },
  { code: 'SF-JD', name: ['禁毒支队', 'Narcotics Control Division'], phone: '0000-6905000' },
  { code: 'SF-WA', name: ['网络安全保卫支队', 'Cyber Security Division'], phone: '0000-6906000' },
  { code: 'SF-XF', name: ['消防监督支队', 'Fire Supervision Division'], phone: '0000-6907000' },
  { code: 'SF-JG', name: ['监所管理支队', 'Detention Supervision Division'], phone: '0000-6908000' },
  { code: 'SF-FZ', name: ['法制支队', 'Legal Affairs Division'], phone: '0000-6909000' },
  { code: 'SF-DC', name: ['督察支队', 'Police Inspection Division'], phone: '0000-6910000' },
];

const trafficSites: readonly { district: number; name: Pair }[] = [
  { district: 0, name: ['明湖车驾管服务站', 'Minghu Vehicle and Driver Service Site'] },
  { district: 2, name: ['望山机动车检测服务站', 'Wangshan Vehicle Inspection Site'] },
  { district: 3, name: ['临港驾驶人考试中心', 'Lingang Driving Test Centre'] },
  { district: 5, name: ['高新车驾管服务站', 'Gaoxin Vehicle and Driver Service Site'] },
];

const exitEntryOffices: readonly { district: number; name: Pair }[] = [
  { district: 0, name: ['市出入境接待大厅', 'City Exit-Entry Hall'] },
  { district: 3, name: ['临港出入境服务点', 'Lingang Exit-Entry Service Point'] },
  { district: 5, name: ['高新出入境服务点', 'Gaoxin Exit-Entry Service Point'] },
];

/** A stable number in [0, 1) from a code, so the generated city is the same on every run. */
function unit01(code: string, salt: string): number {
  return createHash('sha256').update(`${salt}:${code}`).digest().readUInt32BE(0) / 2 ** 32;
}

function spread(code: string, base: readonly [number, number], radius: number): { lat: number; lng: number } {
  const round = (n: number) => Math.round(n * 1e5) / 1e5;
  return {
    lat: round(CENTRE.lat + base[0] + (unit01(code, 'lat') * 2 - 1) * radius),
    lng: round(CENTRE.lng + base[1] + (unit01(code, 'lng') * 2 - 1) * radius),
  };
}

function houseNumber(code: string): number {
  return 1 + Math.floor(unit01(code, 'no') * 299);
}

const two = (n: number) => String(n).padStart(2, '0');

/** The whole unit tree of the demo city, parents before children. */
export function demoCityUnits(): UnitRecord[] {
  const out: UnitRecord[] = [];
  const add = (u: Omit<UnitRecord, 'path' | 'isPublic'> & { isPublic?: boolean }) => {
    const parent = u.parentCode ? out.find((p) => p.code === u.parentCode) : undefined;
    out.push({ ...u, isPublic: u.isPublic ?? true, path: parent ? `${parent.path}/${u.code}` : u.code });
  };

  add({
    code: CITY_CODE,
    parentCode: null,
    kind: 'bureau',
    name: '示范市公安局',
    nameEn: 'Shifan City Public Security Bureau',
    address: '示范市明湖区人民大道1号',
    phone: '0000-6000000',
    hours: HOURS.office,
    schedule: SCHEDULE.office,
    district: '明湖区',
    lat: CENTRE.lat,
    lng: CENTRE.lng,
    sortOrder: 0,
  });

  let community = 0;
  districts.forEach((d, di) => {
    const dn = di + 1;
    const dCode = `SF-D${two(dn)}`;
    const [dZh, dEn] = d.name;
    add({
      code: dCode,
      parentCode: CITY_CODE,
      kind: 'sub-bureau',
      name: `示范市公安局${dZh.replace(/区$/, '')}分局`,
      nameEn: `${dEn} Sub-bureau`,
      address: `示范市${dZh}${dZh.replace(/区$/, '')}大道${houseNumber(dCode)}号`,
      phone: `0000-6${dn}00000`,
      hours: HOURS.office,
      schedule: SCHEDULE.office,
      district: dZh,
      ...spread(dCode, d.at, 0.01),
      sortOrder: dn,
    });
    d.streets.forEach(([sZh, sEn], si) => {
      const pn = si + 1;
      const pCode = `${dCode}-P${two(pn)}`;
      const stationAt = spread(pCode, d.at, 0.04);
      add({
        code: pCode,
        parentCode: dCode,
        kind: 'station',
        name: `${sZh}派出所`,
        nameEn: `${sEn} Police Station`,
        address: `示范市${dZh}${sZh}路${houseNumber(pCode)}号`,
        phone: `0000-6${dn}${two(pn)}000`,
        hours: HOURS.station,
        schedule: SCHEDULE.station,
        district: dZh,
        ...stationAt,
        sortOrder: pn,
      });
      // The older, denser stations (listed first) have community offices; the newer ones not yet.
      const offices = si < 3 ? 1 + Math.floor(unit01(pCode, 'offices') * 3) : 0;
      for (let ci = 1; ci <= offices; ci++) {
        const [cZh, cEn] = communities[community++ % communities.length]!;
        const cCode = `${pCode}-C${two(ci)}`;
        add({
          code: cCode,
          parentCode: pCode,
          kind: 'community-office',
          name: `${cZh}社区警务室`,
          nameEn: `${cEn} Community Police Office`,
          address: `示范市${dZh}${sZh}路${cZh}社区服务中心一楼`,
          phone: `0000-6${dn}${two(pn)}${ci}00`,
          hours: HOURS.community,
          schedule: SCHEDULE.community,
          district: dZh,
          // A community office sits within a kilometre or so of its station.
          ...spread(cCode, [stationAt.lat - CENTRE.lat, stationAt.lng - CENTRE.lng], 0.008),
          sortOrder: ci,
        });
      }
    });
  });

  departments.forEach((dep, i) => {
    add({
      code: dep.code,
      parentCode: CITY_CODE,
      kind: 'department',
      name: dep.name[0],
      nameEn: dep.name[1],
      address: `示范市明湖区人民大道${3 + i * 2}号`,
      phone: dep.phone,
      hours: dep.code === 'SF-ZH' ? '24小时值守' : HOURS.office,
      schedule: dep.code === 'SF-ZH' ? '24h' : SCHEDULE.office,
      district: '明湖区',
      isPublic: PUBLIC_DEPARTMENTS.has(dep.code),
      ...spread(dep.code, [0, 0], 0.006),
      sortOrder: 100 + i,
    });
  });

  trafficSites.forEach((site, i) => {
    const d = districts[site.district]!;
    const code = `SF-JJ-T${two(i + 1)}`;
    add({
      code,
      parentCode: 'SF-JJ',
      kind: 'traffic-site',
      name: site.name[0],
      nameEn: site.name[1],
      address: `示范市${d.name[0]}${d.streets[0]![0]}路${houseNumber(code)}号`,
      phone: `0000-68${two(i + 1)}000`,
      hours: HOURS.traffic,
      schedule: SCHEDULE.traffic,
      district: d.name[0],
      ...spread(code, d.at, 0.03),
      sortOrder: i + 1,
    });
  });

  exitEntryOffices.forEach((office, i) => {
    const d = districts[office.district]!;
    const code = `SF-CRJ-E${two(i + 1)}`;
    add({
      code,
      parentCode: 'SF-CRJ',
      kind: 'exit-entry-office',
      name: office.name[0],
      nameEn: office.name[1],
      address: `示范市${d.name[0]}${d.streets[1]![0]}路${houseNumber(code)}号`,
      phone: `0000-67${two(i + 1)}000`,
      hours: HOURS.exitEntry,
      schedule: SCHEDULE.exitEntry,
      district: d.name[0],
      ...spread(code, d.at, 0.03),
      sortOrder: i + 1,
    });
  });

  return out;
}
