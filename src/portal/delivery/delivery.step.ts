import type { Lang } from '../../shared/http/request-context.ts';
import type { ApplyServices, LoadedApplication } from '../applications/applications.service.ts';
import { deliveryWord } from './delivery.messages.ts';
import * as repo from './delivery.repository.ts';
import { deliveryOffered } from './delivery.service.ts';

/** The check page's row for the delivery step: only for an item whose result may go by post. */
export async function deliveryRow(services: ApplyServices, loaded: LoadedApplication, lang: Lang) {
  if (!(await deliveryOffered(services, services.courier, loaded.row.itemId))) return undefined;
  const choice = await repo.choiceOf(services.db, loaded.row.id);
  const value = !choice
    ? deliveryWord(lang, 'notChosen')
    : choice.method === 'hall'
      ? deliveryWord(lang, 'hall')
      : `${deliveryWord(lang, 'courier')}${lang === 'en' ? ': ' : '：'}${choice.recipientName ?? ''} ${choice.address ?? ''}`;
  return { label: deliveryWord(lang, 'title'), value, href: `/applications/${loaded.row.id}/delivery` };
}
