import { eq } from 'drizzle-orm';
import { hashPassword } from '../shared/auth/password.ts';
import type { DemoAccount, ZoneServices } from '../shared/zone.ts';
import { citizens } from './db/schema.ts';

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
  return [
    {
      zone: 'portal',
      login: DEMO_CITIZEN.mobile,
      password: DEMO_CITIZEN.password,
      note: 'citizen 市民 (mobile number)',
    },
  ];
}
