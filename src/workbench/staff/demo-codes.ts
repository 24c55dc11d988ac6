import type { CommandAnswer } from '../../local-control.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { DEMO_STAFF } from '../seed.ts';
import { sealedSecretsOf } from './staff.repository.ts';
import { codeAt } from './totp.ts';

const STEP_SECONDS = 30;

/**
 * `openpsb demo-codes`: the current one-time code of every demo officer, so that someone trying the demo can sign
 * in to the workbench without an authenticator app. Only the demo accounts, and only in a demo install: in
 * production (without OPENPSB_DEMO=1) the command refuses, since these secrets guard real work there.
 */
export async function demoCodes(services: ZoneServices): Promise<CommandAnswer> {
  if (!services.embedded)
    return { ok: false, text: 'demo-codes works only in a demo install (embedded, or OPENPSB_DEMO=1).' };
  const badges = DEMO_STAFF.map((officer) => officer.badgeNo);
  const secrets = new Map((await sealedSecretsOf(services.db, badges)).map((row) => [row.badgeNo, row]));
  const nowMs = services.now().getTime();
  const secondsLeft = STEP_SECONDS - (Math.floor(nowMs / 1000) % STEP_SECONDS);
  const lines = [
    `One-time codes of the demo officers (each valid for ${secondsLeft} s more; run again for the next):`,
  ];
  for (const badge of badges) {
    const row = secrets.get(badge);
    let shown: string;
    if (!row) shown = '(not in this database: run `openpsb seed`)';
    else if (row.disabled) shown = '(account disabled)';
    else if (!row.totpSealed)
      shown = '(no authenticator yet: sign in once with the password, then run this again)';
    else shown = codeAt(badge, services.sealer.open(row.totpSealed), nowMs);
    lines.push(`  ${badge.padEnd(8)} ${shown}`);
  }
  return { ok: true, text: lines.join('\n') };
}
