import { date, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The market-regulation registry (市场主体登记) as far as this platform needs it: which companies exist, under
 * which name, with which legal representative. It lives only in the police network zone; the portal learns
 * nothing from it but the outcome of a company claim.
 */
export const marketEntities = pgTable(
  'market_entities',
  {
    creditCode: text('credit_code').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    // 存续 (operating), 吊销 (licence revoked) or 注销 (deregistered): only an operating company may be claimed.
    status: text('status').notNull().$type<'operating' | 'revoked' | 'deregistered'>(),
    legalRepName: text('legal_rep_name').notNull(),
    // Sealed at rest like the population registry; the keyed hash compares without decrypting.
    legalRepIdHash: text('legal_rep_id_hash').notNull(),
    legalRepIdSealed: text('legal_rep_id_sealed').notNull(),
    address: text('address').notNull(),
    registeredOn: date('registered_on').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('market_entities_rep_idx').on(t.legalRepIdHash)],
);
