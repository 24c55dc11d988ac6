import { eq } from 'drizzle-orm';
import { seedZones } from '../../src/platform.ts';
import { staff } from '../../src/workbench/db/schema.ts';
import { newTotpSecret } from '../../src/workbench/staff/totp.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { serveZone, type ServedZone } from './browser.ts';

// Both zones served with the demo's own data (the same seeding `npm start` does on a first run), and what the
// workbench publishes carried to the portal, so the sweep sees the pages a visitor of the demo sees.

export interface SweepWorld {
  portal: ServedZone;
  workbench: ServedZone;
  boundary: Boundary;
  close(): Promise<void>;
}

export async function openSweepWorld(): Promise<SweepWorld> {
  const [portal, workbench] = await Promise.all([serveZone('portal'), serveZone('workbench')]);
  await seedZones([portal, workbench]);
  const boundary = joinZones(portal, workbench);
  // The catalogue and its documents are more than one batch: carry until nothing is left, then the answers.
  await boundary.toPortal();
  await boundary.crossBothWays(2);
  return { portal, workbench, boundary, close: () => boundary.close() };
}

/**
 * Gives a demo officer an authenticator now, as his first sign-in would, and returns its secret: the sweep
 * signs in as the demo accounts themselves, with the demo password.
 */
export async function enrolDemoOfficer(workbench: ServedZone, badgeNo: string): Promise<string> {
  const secret = newTotpSecret();
  await workbench.services.db
    .update(staff)
    .set({ mustEnrolTotp: false, totpSealed: workbench.services.sealer.seal(secret) })
    .where(eq(staff.badgeNo, badgeNo));
  return secret;
}
