import { sql } from 'drizzle-orm';
import { creditCodeCheckChar, orgCodeCheckChar } from '../../shared/validators/credit-code.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { DEMO_RESIDENT, syntheticResidents } from '../registry/registry.seed.ts';
import { marketEntities } from './market-registry.tables.ts';

/**
 * Builds a valid credit code: 9 (market regulation), 1 for an enterprise or 2 for an individual business, the
 * division, an MA… organisation code with its own check, and the check character.
 */
export function demoCreditCode(divisionCode: string, serial: number, orgType: '1' | '2' = '1'): string {
  const org8 = `MA4K${String(serial).padStart(4, '0')}`;
  const first17 = `9${orgType}${divisionCode}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + creditCodeCheckChar(first17);
}

// One registration authority per district of the fictional 示范市, reusing the county codes its residents'
// ID numbers are drawn from.
const districts = [
  { name: '明湖区', division: '420102' },
  { name: '清江区', division: '420106' },
  { name: '望山区', division: '420102' },
  { name: '临港区', division: '420106' },
  { name: '新桥区', division: '420102' },
  { name: '高新区', division: '420106' },
] as const;

interface DemoCompany {
  name: string;
  kind: string;
  district: number;
  status: 'operating' | 'revoked' | 'deregistered';
  registeredOn: string;
  street: string;
}

const companies: readonly DemoCompany[] = [
  {
    name: '示范市示范贸易有限公司',
    kind: '有限责任公司',
    district: 0,
    status: 'operating',
    registeredOn: '2016-03-18',
    street: '示范大道1号',
  },
  {
    name: '示范市湖滨餐饮管理有限公司',
    kind: '有限责任公司',
    district: 0,
    status: 'operating',
    registeredOn: '2019-07-02',
    street: '湖滨路88号',
  },
  {
    name: '示范市江岸物流有限公司',
    kind: '有限责任公司',
    district: 1,
    status: 'operating',
    registeredOn: '2014-11-20',
    street: '江岸路210号',
  },
  {
    name: '示范市望山旅馆',
    kind: '个人独资企业',
    district: 2,
    status: 'operating',
    registeredOn: '2012-05-09',
    street: '望山街16号',
  },
  {
    name: '示范市临港化工贸易有限公司',
    kind: '有限责任公司',
    district: 3,
    status: 'operating',
    registeredOn: '2018-09-27',
    street: '临港大道302号',
  },
  {
    name: '示范市新桥二手车经纪有限公司',
    kind: '有限责任公司',
    district: 4,
    status: 'operating',
    registeredOn: '2020-01-15',
    street: '新桥路45号',
  },
  {
    name: '示范市高新信息技术股份有限公司',
    kind: '股份有限公司',
    district: 5,
    status: 'operating',
    registeredOn: '2017-06-30',
    street: '创新大道9号',
  },
  {
    name: '示范市高新安保服务有限公司',
    kind: '有限责任公司',
    district: 5,
    status: 'operating',
    registeredOn: '2021-04-12',
    street: '科技园路3号',
  },
  {
    name: '示范市清江开锁服务部',
    kind: '个体工商户',
    district: 1,
    status: 'revoked',
    registeredOn: '2010-08-08',
    street: '清江街77号',
  },
  {
    name: '示范市明湖印章刻制有限公司',
    kind: '有限责任公司',
    district: 0,
    status: 'deregistered',
    registeredOn: '2011-02-21',
    street: '文昌街5号',
  },
];

/**
 * The fictional companies of the demo city. The first is represented by the demo resident, so a visitor who
 * verified as that person can claim it; the others by adults of the synthetic population registry, so every
 * representative is a resident the real-name check knows.
 */
export function demoCompanies() {
  const adults = syntheticResidents(40).filter((r) => r.birthDate >= '1950' && r.birthDate < '2000');
  const representatives = [DEMO_RESIDENT, ...adults];
  return companies.map((company, i) => {
    const district = districts[company.district]!;
    const representative = representatives[i % representatives.length]!;
    return {
      creditCode: demoCreditCode(district.division, 1001 + i, company.kind === '个体工商户' ? '2' : '1'),
      name: company.name,
      kind: company.kind,
      status: company.status,
      legalRepName: representative.name,
      legalRepIdNumber: representative.idNumber,
      address: `示范市${district.name}${company.street}`,
      registeredOn: company.registeredOn,
    };
  });
}

/** The demo company a visitor verified as the demo resident can claim; printed with the demo accounts. */
export const DEMO_COMPANY = (() => {
  const first = demoCompanies()[0]!;
  return { creditCode: first.creditCode, name: first.name } as const;
})();

/** Loads the synthetic market registry once (skipped when it has rows). */
export async function seedMarketRegistry(services: ZoneServices): Promise<void> {
  const [existing] = await services.db.select({ n: sql<number>`count(*)` }).from(marketEntities);
  if (Number(existing?.n ?? 0) > 0) return;
  await services.db
    .insert(marketEntities)
    .values(
      demoCompanies().map(({ legalRepIdNumber, ...company }) => ({
        ...company,
        legalRepIdHash: services.sealer.lookupHash(legalRepIdNumber),
        legalRepIdSealed: services.sealer.seal(legalRepIdNumber),
      })),
    )
    .onConflictDoNothing();
}
