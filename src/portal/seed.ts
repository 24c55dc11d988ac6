import { eq } from 'drizzle-orm';
import { hashPassword } from '../shared/auth/password.ts';
import type { DemoAccount, ZoneServices } from '../shared/zone.ts';
import { citizens } from './db/schema.ts';
import { openPayable } from './payments/payments.repository.ts';

export const DEMO_CITIZEN = {
  mobile: '13800000001',
  password: 'Shifan-Demo-2026',
  displayName: '示范用户',
} as const;

/** A fictional citizen so a visitor can log in at once; everything else starts empty. */
export async function seedPortal(services: ZoneServices): Promise<DemoAccount[]> {
  const [existing] = await services.db
    .select({ id: citizens.id })
    .from(citizens)
    .where(eq(citizens.mobile, DEMO_CITIZEN.mobile));
  if (!existing) {
    await services.db.insert(citizens).values({
      mobile: DEMO_CITIZEN.mobile,
      passwordHash: await hashPassword(DEMO_CITIZEN.password),
      displayName: DEMO_CITIZEN.displayName,
    });
  }
  await seedDemoFee(services);
  return [
    {
      zone: 'portal',
      login: DEMO_CITIZEN.mobile,
      password: DEMO_CITIZEN.password,
      note: 'citizen 市民 (mobile number)',
    },
  ];
}

/** One fee for the demo citizen to pay at the sandbox gateway (a case fee with no case behind it). */
async function seedDemoFee(services: ZoneServices): Promise<void> {
  const [citizen] = await services.db
    .select({ id: citizens.id })
    .from(citizens)
    .where(eq(citizens.mobile, DEMO_CITIZEN.mobile));
  if (!citizen) return;
  await services.db.transaction((tx) =>
    openPayable(tx, {
      kind: 'case-fee',
      reference: 'SF-ZA-DEMO-000001',
      citizenId: citizen.id,
      amountFen: 2000,
      description: { zh: '示范：居民身份证补领工本费', en: 'Demo: ID card replacement fee' },
      payeeUnit: 'SF-ZA',
      createdAt: services.now(),
    }),
  );
}
