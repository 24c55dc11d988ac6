import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { Beat } from '../../shared/directory/beat.ts';
import type { DirectoryUnitKind } from './directory.words.ts';

/**
 * The portal's copy of the public-facing units the workbench published (机构名录). One row per unit, the
 * highest revision received; a withdrawn unit keeps its row with `withdrawnAt` set, so a late publication of
 * an older revision cannot bring it back.
 */
export const directoryUnits = pgTable(
  'directory_units',
  {
    code: text('code').primaryKey(),
    revision: integer('revision').notNull(),
    kind: text('kind').notNull().$type<DirectoryUnitKind>(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    parentName: text('parent_name'),
    district: text('district').notNull(),
    address: text('address').notNull(),
    phone: text('phone').notNull(),
    hours: text('hours').notNull(),
    schedule: text('schedule').notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    // A community office's responsibility area and officer (找片警); null for other units.
    beat: jsonb('beat').$type<Beat>(),
    officerName: text('officer_name'),
    officerBadge: text('officer_badge'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('directory_units_district_idx').on(t.district, t.kind)],
);
