import type { ZoneServices } from '../../shared/zone.ts';
import * as repo from './open311-keys.repository.ts';
import { storeKey } from './open311-keys.service.ts';

// The demo install's Open311 key, printed in the start banner so a civic-reporting client can be tried at once.
// Fictional and public like the demo passwords; it is issued (and crosses to the portal) like any other key,
// so an administrator can revoke it in the demo too, and a re-run of the seed never brings it back.

export const DEMO_OPEN311_KEY = 'o311_demo-Shifan-2026-fictional-key';
const DEMO_KEY_ID = '00000000-0000-4000-8000-000000000311';

export async function seedOpen311Key(services: ZoneServices): Promise<void> {
  if (await repo.findKey(services.db, DEMO_KEY_ID)) return;
  await services.db.transaction((tx) =>
    storeKey(
      tx,
      { actor: 'seed', actorUnit: null, sourceIp: null },
      { id: DEMO_KEY_ID, key: DEMO_OPEN311_KEY, label: '演示客户端 Demo client', at: services.now() },
    ),
  );
}
