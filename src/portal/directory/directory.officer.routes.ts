import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { varyOnAccept, wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { defineMessages } from '../../shared/i18n/index.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { findOfficer, officesWithBeats, type Office, type OfficerLookup } from './directory.officer.ts';
import { officerPage, type RoadChoice } from './directory.officer.pages.tsx';
import { OfficerJson, presentOfficerLookup } from './directory.officer.presenter.ts';
import { listDirectory } from './directory.repository.ts';

// 找片警 for everyone: GET, the same answer for every visitor, so the page cache keeps it like the directory's
// other pages (a directory message drops them). With Accept: application/json, the same answer as JSON.

const words = defineMessages({
  empty: {
    zh: '请输入您的住址（道路和门牌号，或小区名称），或从列表中选择道路',
    en: 'Enter your address (a road and house number, or your compound), or choose your road from the list',
  },
  unknown: {
    zh: '没有找到这个地址：请输入道路和门牌号（如 湖滨路12号）或小区名称（如 春晖小区），或从列表中选择道路',
    en: 'That address was not found: enter a road and house number (e.g. 12 Hubin Road) or your compound (e.g. Chunhui Gardens), or choose your road from the list',
  },
  numberOutside: {
    zh: '{matched}不在任何社区警务室的辖区内，请检查门牌号，或选择下面这条路上的警务室',
    en: '{matched} is in no community police office’s area: check the house number, or choose one of the offices on this road below',
  },
  numberInvalid: {
    zh: '门牌号请填写1至9999的数字，如 12',
    en: 'Enter the house number as a number from 1 to 9999, e.g. 12',
  },
  roadUnknown: { zh: '请从列表中选择道路', en: 'Choose a road from the list' },
});

const Query = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    road: Type.Optional(Type.String({ maxLength: 40 })),
    no: Type.Optional(Type.String({ maxLength: 10 })),
    office: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

/** Every road some office covers, once, by district, for the picker. */
function roadChoices(offices: readonly Office[]): RoadChoice[] {
  const seen = new Map<string, RoadChoice>();
  for (const o of offices)
    for (const r of o.beat.roads)
      if (!seen.has(r.road)) seen.set(r.road, { road: r.road, roadEn: r.roadEn, district: o.district });
  return [...seen.values()].sort(
    (a, b) => a.district.localeCompare(b.district, 'zh') || a.road.localeCompare(b.road, 'zh'),
  );
}

export function registerOfficerRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/directory/officer',
    {
      schema: { querystring: Query, response: { 200: OfficerJson, 422: OfficerJson } },
      config: { permission: PUBLIC, publicCache: true },
    },
    async (request, reply) => {
      varyOnAccept(reply);
      const { q, road, no, office } = request.query;
      const lang = request.lang;
      const offices = officesWithBeats(await listDirectory(services.db, { kind: 'community-office' }));
      const roads = roadChoices(offices);
      const values = { q: q ?? '', road: road ?? '', no: no ?? '' };
      const errors: FieldError[] = [];
      let lookup: OfficerLookup | undefined;
      let chosen: Office | undefined;

      if (office !== undefined) {
        // A candidate picked from a list: its code names it.
        chosen = offices.find((o) => o.code === office);
        if (!chosen) throw new AppError('NOT_FOUND');
      } else if (road !== undefined || no !== undefined) {
        const number = no?.trim() ?? '';
        if (!roads.some((r) => r.road === road))
          errors.push({ field: 'road', message: words.text(lang, 'roadUnknown') });
        if (number && !/^[1-9]\d{0,3}$/.test(number))
          errors.push({ field: 'no', message: words.text(lang, 'numberInvalid') });
        if (!errors.length) lookup = findOfficer(`${road}${number}`, offices, lang);
      } else if (q !== undefined) {
        lookup = findOfficer(q, offices, lang);
      }

      if (lookup?.kind === 'not-found') {
        const field = road !== undefined ? 'no' : 'q';
        const message =
          lookup.reason === 'number-outside'
            ? words.text(lang, 'numberOutside', { matched: (road ?? '') + (no ?? '') || (q ?? '') })
            : words.text(lang, lookup.reason === 'empty' ? 'empty' : 'unknown');
        errors.push({
          field: lookup.reason === 'number-outside' && road === undefined ? 'q' : field,
          message,
        });
      }
      const status = errors.length ? 422 : 200;
      if (wantsJson(request)) {
        if (errors.length && !lookup) throw new AppError('VALIDATION', { fields: errors });
        return reply.code(status).send(presentOfficerLookup(lookup, chosen, errors));
      }
      const ctx = portalContext(request, reply);
      return reply.html(officerPage({ ctx, values, roads, errors, lookup, chosen }), status);
    },
  );
}
