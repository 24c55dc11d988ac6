import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../shared/db/database.ts';
import { citizens } from '../db/schema.ts';
import {
  transparencyFigures,
  type PublishedStatistics,
  type TransparencyRow,
} from './transparency.tables.ts';

const BUREAU = 'bureau';

export async function registeredUserCount(ex: Executor): Promise<number> {
  const [found] = await ex.select({ n: sql<number>`count(*)::int` }).from(citizens);
  return Number(found?.n ?? 0);
}

/**
 * Keeps the figures unless newer ones are already here: a message published later replaces one published
 * earlier, whatever order they arrive in.
 */
export async function storeFigures(
  tx: Tx,
  figures: PublishedStatistics,
  registeredUsers: number,
  receivedAt: Date,
): Promise<boolean> {
  const publishedAt = new Date(figures.publishedAt);
  const stored = await tx
    .insert(transparencyFigures)
    .values({ scope: BUREAU, asOf: figures.asOf, publishedAt, figures, registeredUsers, receivedAt })
    .onConflictDoUpdate({
      target: transparencyFigures.scope,
      set: { asOf: figures.asOf, publishedAt, figures, registeredUsers, receivedAt },
      setWhere: sql`${transparencyFigures.publishedAt} < ${publishedAt.toISOString()}::timestamptz`,
    })
    .returning({ scope: transparencyFigures.scope });
  return stored.length > 0;
}

export async function latestFigures(ex: Executor): Promise<TransparencyRow | undefined> {
  const [found] = await ex.select().from(transparencyFigures).where(eq(transparencyFigures.scope, BUREAU));
  return found;
}

/** Which figures the latest are, without reading them: tells the page cache whether its copy is current. */
export async function latestStamp(ex: Executor): Promise<string | undefined> {
  const [found] = await ex
    .select({ publishedAt: transparencyFigures.publishedAt })
    .from(transparencyFigures)
    .where(eq(transparencyFigures.scope, BUREAU));
  return found?.publishedAt.toISOString();
}
