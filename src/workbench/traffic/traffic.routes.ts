import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { trafficWords } from './traffic.messages.ts';
import * as pages from './traffic.pages.tsx';
import * as read from './traffic.read.ts';
import * as repo from './traffic.repository.ts';

const LookupQuery = Type.Object(
  { plate: Type.Optional(Type.String({ maxLength: 16 })) },
  { additionalProperties: false },
);
const VehicleParams = Type.Object(
  { plate: Type.String({ pattern: read.PLATE.source, maxLength: 16 }) },
  { additionalProperties: false },
);
const PhotoParams = Type.Object(
  {
    plate: Type.String({ pattern: read.PLATE.source, maxLength: 16 }),
    id: Type.String({ format: 'uuid', maxLength: 36 }),
  },
  { additionalProperties: false },
);

/** The traffic officer's lookup: a plate leads to the vehicle's page when his jurisdiction reaches it. */
export function registerTrafficRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/traffic',
    { schema: { hide: true, querystring: LookupQuery }, config: { permission: 'traffic.read' } },
    async (request, reply) => {
      const ctx = workbenchContext(request, reply);
      const typed = request.query.plate;
      if (typed === undefined || typed.trim() === '') return reply.html(pages.lookupPage({ ctx }));
      const plate = read.plateOf(typed);
      if (!plate) {
        const message = trafficWords.plateInvalid[ctx.lang];
        return reply
          .code(422)
          .html(pages.lookupPage({ ctx, plate: typed, errors: [{ field: 'plate', message }] }));
      }
      const vehicle = await repo.vehicleByPlate(services.db, plate);
      // Out of reach reads as not found, as the vehicle's own page answers.
      const reachable =
        vehicle &&
        workbenchPolicy.can(staffOf(request), 'traffic.read', { unitPath: vehicle.registryUnitPath });
      if (!reachable) return reply.html(pages.lookupPage({ ctx, plate: typed, notFound: true }));
      return reply.redirect(`/traffic/vehicles/${encodeURIComponent(plate)}`, 303);
    },
  );

  app.get(
    '/traffic/vehicles/:plate',
    { schema: { hide: true, params: VehicleParams }, config: { permission: 'traffic.read' } },
    async (request, reply) => {
      const view = await read.readVehicle(services, staffOf(request), actorOf(request), request.params.plate);
      return reply.html(pages.vehiclePage({ ctx: workbenchContext(request, reply), view }));
    },
  );

  app.get(
    '/traffic/vehicles/:plate/violations/:id/photo',
    { schema: { hide: true, params: PhotoParams }, config: { permission: 'traffic.read' } },
    async (request, reply) => {
      const { plate, id } = request.params;
      const photo = await read.photoOf(services, staffOf(request), plate, id);
      return fileHeaders(reply, { type: 'image/png', name: `${id}.png`, asciiName: `${id}.png` })
        .header('cache-control', 'private, no-store')
        .send(photo);
    },
  );
}
