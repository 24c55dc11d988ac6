import type { DemoAccount, ZoneServices } from '../shared/zone.ts';

// Replaced by the organisation and staff seed.
export async function seedWorkbench(_services: ZoneServices): Promise<DemoAccount[]> {
  return [];
}
