import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { parseLatLng } from '../../shared/map/city.ts';
import { MapSvg } from '../../shared/map/map-svg.tsx';
import { pickerView } from '../../shared/map/picker.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { renderFragment } from '../../shared/ui/render.ts';

// The city map as a picture of its own, for the place pickers' <input type="image">: the same drawing as the
// directory's map, at the picker's size, with the chosen point when there is one. It holds nothing but the
// base map and two numbers, so every visitor may have it and browsers may keep it.

const PictureQuery = Type.Object(
  { pin: Type.Optional(Type.String({ maxLength: 40 })), lang: Type.Optional(Type.String({ maxLength: 5 })) },
  { additionalProperties: false },
);

export function registerMapRoutes(app: App): void {
  app.get(
    '/map/city.svg',
    { schema: { hide: true, querystring: PictureQuery }, config: { permission: PUBLIC } },
    async (request, reply) => {
      // A pin that is not a point is left off rather than refused: the picture is still the city.
      const pin = request.query.pin ? parseLatLng(request.query.pin) : undefined;
      const lang = request.lang;
      const svg = renderFragment(
        <MapSvg
          id="picker"
          standalone
          view={pickerView()}
          lang={lang}
          title={lang === 'en' ? 'Map of Shifan City' : '示范市地图'}
          pin={pin}
        />,
      );
      return reply
        .header('content-type', 'image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
    },
  );
}
