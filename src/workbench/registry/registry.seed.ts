import { sql } from 'drizzle-orm';
import { idCheckChar } from '../../shared/validators/id-number.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { residents } from './registry.tables.ts';

// Synthetic residents of the fictional demo city. Every ID number is computed (valid check character) and
// every name is drawn from common characters; none belongs to a real person.
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const given =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国建华志强文军晓明海燕春梅丹凤立新国庆嘉怡子涵宇轩欣怡浩然梓涵';
const streets = [
  '示范大道',
  '滨江路',
  '和平街',
  '解放路',
  '建设路',
  '人民路',
  '长青路',
  '文昌街',
  '新华路',
  '光明巷',
];
// County codes that exist in the division table; abolished or not, ID numbers keep their birthplace code.
const regions = ['110105', '310104', '420102', '420106', '440305', '320102', '510104', '330106'];

/** The fixed demo resident, printed with the demo accounts so a visitor can try a check that matches. */
export const DEMO_RESIDENT = { name: '李示范', idNumber: '110105198001010016' } as const;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(list: readonly T[] | string, r: () => number): T | string {
  return list[Math.floor(r() * list.length)] as T | string;
}

export function syntheticResidents(count: number, seed = 20261121) {
  const r = rng(seed);
  const out: {
    idNumber: string;
    name: string;
    sex: 'M' | 'F';
    birthDate: string;
    address: string;
    unit: string;
  }[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const year = 1940 + Math.floor(r() * 80);
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const order = String(1 + Math.floor(r() * 998)).padStart(3, '0');
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const body = `${pick(regions, r)}${birthDate.replaceAll('-', '')}${order}`;
    const idNumber = body + idCheckChar(body);
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    const name = `${pick(surnames, r)}${pick(given, r)}${r() < 0.5 ? pick(given, r) : ''}`;
    const district = 1 + Math.floor(r() * 5);
    const station = 1 + Math.floor(r() * 4);
    out.push({
      idNumber,
      name,
      sex: Number(order) % 2 === 1 ? 'M' : 'F',
      birthDate,
      address: `示范市${pick(streets, r)}${1 + Math.floor(r() * 300)}号`,
      unit: `SF-D0${district}-P0${station}`,
    });
  }
  return out;
}

/** Loads the synthetic registry once (skipped when it has rows). */
export async function seedRegistry(services: ZoneServices, count = 2000): Promise<void> {
  const [existing] = await services.db.select({ n: sql<number>`count(*)` }).from(residents);
  if (Number(existing?.n ?? 0) > 0) return;
  const people = [
    {
      ...DEMO_RESIDENT,
      sex: 'M' as const,
      birthDate: '1980-01-01',
      address: '示范市示范大道1号',
      unit: 'SF-D01-P01',
    },
    ...syntheticResidents(count),
  ];
  for (let i = 0; i < people.length; i += 500) {
    await services.db
      .insert(residents)
      .values(
        people.slice(i, i + 500).map((p) => ({
          idNumberHash: services.sealer.lookupHash(p.idNumber),
          idNumberSealed: services.sealer.seal(p.idNumber),
          name: p.name,
          sex: p.sex,
          birthDate: p.birthDate,
          address: p.address,
          householdUnitCode: p.unit,
        })),
      )
      .onConflictDoNothing();
  }
}
