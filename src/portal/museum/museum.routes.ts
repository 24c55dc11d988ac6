import Type from 'typebox';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { App } from '../../shared/http/app.ts';
import { findHall } from '../../shared/museum/museum.halls.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { exhibitPage, hallPage, museumPage } from './museum.pages.tsx';
import { liveExhibit, liveExhibits } from './museum.service.ts';

// 网上警史馆 at /museum: the same for every anonymous visitor, so the app's page cache keeps the pages a little
// while (a publication or withdrawal through the exchange drops them at once).

const publicPage = { permission: PUBLIC, publicCache: true } as const;
const HallParams = Type.Object(
  { hall: Type.String({ pattern: '^[a-z]+(?:-[a-z]+)*$', maxLength: 40 }) },
  { additionalProperties: false },
);
const ExhibitParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,8}$', maxLength: 9 }) },
  { additionalProperties: false },
);

export function registerMuseumRoutes(app: App, services: ZoneServices): void {
  const today = () => todayInShanghai(services.now());

  app.get('/museum', { schema: { hide: true }, config: publicPage }, async (request, reply) =>
    reply.html(museumPage(portalContext(request, reply), await liveExhibits(services.db, today()))),
  );

  app.get(
    '/museum/halls/:hall',
    { schema: { hide: true, params: HallParams }, config: publicPage },
    async (request, reply) => {
      const hall = findHall(request.params.hall);
      if (!hall) throw new AppError('NOT_FOUND');
      const exhibits = await liveExhibits(services.db, today(), hall.slug);
      return reply.html(hallPage(portalContext(request, reply), hall, exhibits));
    },
  );

  app.get(
    '/museum/exhibits/:id',
    { schema: { hide: true, params: ExhibitParams }, config: publicPage },
    async (request, reply) => {
      const exhibit = await liveExhibit(services.db, Number(request.params.id), today());
      const hall = exhibit && findHall(exhibit.hall);
      if (!exhibit || !hall) throw new AppError('NOT_FOUND');
      return reply.html(exhibitPage(portalContext(request, reply), hall, exhibit));
    },
  );
}
