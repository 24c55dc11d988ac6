import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The population registry (人口信息) as far as this platform needs it. It lives only in the police network zone;
 * the portal learns nothing from it but a yes/no answer to a real-name check.
 */
export const residents = pgTable(
  'residents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Sealed at rest; the keyed hash finds a resident by ID number without decrypting every row.
    idNumberHash: text('id_number_hash').notNull().unique(),
    idNumberSealed: text('id_number_sealed').notNull(),
    name: text('name').notNull(),
    sex: text('sex').notNull().$type<'M' | 'F'>(),
    birthDate: date('birth_date').notNull(),
    address: text('address').notNull(),
    householdUnitCode: text('household_unit_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('residents_unit_idx').on(t.householdUnitCode)],
);
