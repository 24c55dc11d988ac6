import { eq } from 'drizzle-orm';
import { hashPassword } from '../shared/auth/password.ts';
import type { DemoAccount, ZoneServices } from '../shared/zone.ts';
import { roleAssignments, staff, units, type Role, type Scope } from './db/schema.ts';
import { CITY_CODE, demoCityUnits } from './org/demo-city.ts';
import { roleLabel } from './staff/roles.ts';

export const DEMO_STAFF_PASSWORD = 'Shifan-Police-26';

interface DemoOfficer {
  badgeNo: string;
  /** Placeholder names that cannot be mistaken for real people. */
  name: string;
  unitCode: string;
  role: Role;
  scope: Scope;
}

export const DEMO_STAFF: readonly DemoOfficer[] = [
  { badgeNo: 'admin', name: '系统管理员（演示）', unitCode: CITY_CODE, role: 'administrator', scope: 'all' },
  {
    badgeNo: 'SF1001',
    name: '窗口民警（演示）',
    unitCode: 'SF-D01-P01',
    role: 'window-clerk',
    scope: 'unit',
  },
  { badgeNo: 'SF2001', name: '审批领导（演示）', unitCode: 'SF-D02', role: 'approver', scope: 'subtree' },
  { badgeNo: 'SF3001', name: '审计员（演示）', unitCode: 'SF-DC', role: 'auditor', scope: 'all' },
  { badgeNo: 'SF4001', name: '督办民警（演示）', unitCode: 'SF-D01', role: 'supervisor', scope: 'subtree' },
  { badgeNo: 'SF5101', name: '内容编辑（演示）', unitCode: CITY_CODE, role: 'content-editor', scope: 'all' },
  { badgeNo: 'SF6001', name: '市局审批领导（演示）', unitCode: CITY_CODE, role: 'approver', scope: 'all' },
  // The units that decide the six services taking applications online, each with the three duties a case
  // passes through (cases/cases.workflows.ts): the window accepts and issues, the reviewer reviews, the
  // approver decides.
  ...caseTeam('SF-ZA', '81', '治安支队'),
  ...caseTeam('SF-CRJ', '82', '出入境支队'),
  ...caseTeam('SF-JJ', '83', '交警支队'),
  ...caseTeam('SF-D01', '84', '明湖分局'),
  // The offices that take bookings (appointments/): the supervisor publishes the slots, the window receives.
  ...bookingTeam('SF-JG', '85', '监所支队'),
  ...bookingTeam('SF-XF', '86', '消防支队'),
  // The police museum (portal /museum) is the city bureau's own: its staff publish the visiting days.
  ...bookingTeam(CITY_CODE, '90', '警史馆'),
  // Letters from the public (letters/letters.routing.ts routes to these units), and the discipline inspector
  // who watches the overdue ones force-wide.
  ...letterHandlers([
    ['SF-0000', '市局'],
    ['SF-DC', '督察支队'],
    ['SF-ZA', '治安支队'],
    ['SF-HZ', '户政支队'],
    ['SF-XF', '消防支队'],
    ['SF-D01', '明湖分局'],
  ]),
  {
    badgeNo: 'SF7901',
    name: '纪检督察（演示）',
    unitCode: CITY_CODE,
    role: 'discipline-inspector',
    scope: 'all',
  },
  // The bureau's finance officer: reconciles the merchant account with the gateway's daily file and reads the
  // fee income of every department (finance/).
  {
    badgeNo: 'SF8801',
    name: '财务人员（演示）',
    unitCode: CITY_CODE,
    role: 'finance-officer',
    scope: 'all',
  },
  // The network spokespersons who publish answered letters as public Q&A (qa/): one drafts, the other
  // approves, since nobody publishes his own draft.
  {
    badgeNo: 'SF7801',
    name: '网络发言人（演示）',
    unitCode: CITY_CODE,
    role: 'network-spokesperson',
    scope: 'all',
  },
  {
    badgeNo: 'SF7802',
    name: '网络发言人二（演示）',
    unitCode: CITY_CODE,
    role: 'network-spokesperson',
    scope: 'all',
  },
  // The traffic officer who reads the vehicles registered at the traffic division and its sites (traffic/).
  {
    badgeNo: 'SF8701',
    name: '交通民警（演示）',
    unitCode: 'SF-JJ',
    role: 'traffic-officer',
    scope: 'subtree',
  },
];

function bookingTeam(unitCode: string, prefix: string, unitName: string): DemoOfficer[] {
  return [
    {
      badgeNo: `SF${prefix}01`,
      name: `${unitName}窗口民警（演示）`,
      unitCode,
      role: 'window-clerk',
      scope: 'unit',
    },
    {
      badgeNo: `SF${prefix}04`,
      name: `${unitName}督办民警（演示）`,
      unitCode,
      role: 'supervisor',
      scope: 'unit',
    },
  ];
}

function letterHandlers(units: readonly (readonly [string, string])[]): DemoOfficer[] {
  return units.map(([unitCode, unitName], i) => ({
    badgeNo: `SF70${String(i + 1).padStart(2, '0')}`,
    name: `${unitName}信件办理员（演示）`,
    unitCode,
    role: 'letter-handler',
    // A sub-bureau's handler answers for its stations too.
    scope: /^SF-D\d/.test(unitCode) ? 'subtree' : 'unit',
  }));
}

function caseTeam(unitCode: string, prefix: string, unitName: string): DemoOfficer[] {
  return [
    {
      badgeNo: `SF${prefix}01`,
      name: `${unitName}窗口民警（演示）`,
      unitCode,
      role: 'window-clerk',
      scope: 'unit',
    },
    {
      badgeNo: `SF${prefix}02`,
      name: `${unitName}审核民警（演示）`,
      unitCode,
      role: 'reviewer',
      scope: 'unit',
    },
    {
      badgeNo: `SF${prefix}03`,
      name: `${unitName}审批领导（演示）`,
      unitCode,
      role: 'approver',
      scope: 'unit',
    },
  ];
}

/**
 * The demo city's units and its officers: one per kind of work, and a case team at each deciding unit. Idempotent: what exists is left alone, so
 * a re-run never resets a password or a second factor someone has already set up.
 */
export async function seedWorkbench(services: ZoneServices): Promise<DemoAccount[]> {
  await services.db.insert(units).values(demoCityUnits()).onConflictDoNothing({ target: units.code });

  let passwordHash: string | undefined;
  for (const officer of DEMO_STAFF) {
    const [existing] = await services.db
      .select({ id: staff.id })
      .from(staff)
      .where(eq(staff.badgeNo, officer.badgeNo));
    if (existing) continue;
    passwordHash ??= await hashPassword(DEMO_STAFF_PASSWORD);
    const hash = passwordHash;
    await services.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(staff)
        .values({
          badgeNo: officer.badgeNo,
          name: officer.name,
          unitCode: officer.unitCode,
          passwordHash: hash,
          mustEnrolTotp: true,
        })
        .onConflictDoNothing({ target: staff.badgeNo })
        .returning({ id: staff.id });
      if (created)
        await tx.insert(roleAssignments).values({
          staffId: created.id,
          role: officer.role,
          unitCode: officer.unitCode,
          scope: officer.scope,
        });
    });
  }

  return DEMO_STAFF.map((o) => ({
    zone: 'workbench',
    login: o.badgeNo,
    password: DEMO_STAFF_PASSWORD,
    note: `${roleLabel(o.role, 'zh')} ${roleLabel(o.role, 'en')} (${o.unitCode}, ${o.scope})`,
  }));
}
