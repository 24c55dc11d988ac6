import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { itemContent } from './cases.repository.ts';
import type { CaseRow } from './cases.tables.ts';

// 先批后办: once a pre-application is approved, the applicant comes once, to the place the guide names, with the
// originals the police could not look up themselves. The pre-approval notice prints it; the case page shows it
// as the step's visit note.

/** The originals to bring to the one visit: required, not a copy, and not something the police fetch. */
export function originalsToBring(item: ServiceItem): string[] {
  const names = item.situations
    .flatMap((situation) => situation.materials)
    .filter((m) => m.necessity === 'required' && m.type !== 'copy' && !m.policeCanFetch)
    .map((m) => m.name);
  return [...new Set(names.length > 0 ? names : ['居民身份证'])];
}

/** The visit note of a pre-application's approval, in both languages; none for any other step. */
export async function visitNoteFor(
  ex: Executor,
  row: CaseRow,
  workflowId: string,
  action: string,
): Promise<{ zh: string; en: string } | undefined> {
  if (workflowId !== 'case-pre-application' || action !== 'approve') return undefined;
  const item = (await itemContent(ex, row.itemId, row.itemVersion)) as ServiceItem | undefined;
  const place = item?.places[0];
  if (!item || !place) return undefined;
  const bring = originalsToBring(item);
  return {
    zh: `请携带${bring.join('、')}，到${place.name}（${place.address}，${place.hours}）办理一次即可。`,
    en:
      `Come once to ${place.name} (${place.address}; hours: ${place.hours}) and bring the originals: ` +
      `${bring.join(', ')}.`,
  };
}
