import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type * as Fastify from 'fastify';
import type { Db, Executor } from '../db/database.ts';
import { sessions } from '../db/tables.ts';

declare module 'fastify' {
  interface Session {
    /** "citizen:<id>" or "staff:<id>"; kept in its own column so every session of a person can be revoked. */
    subject?: string;
    /** A staff member who passed the password step and still owes the TOTP code. */
    pendingStaffId?: string;
    /** The mobile number a registration or password reset is verifying. */
    pendingMobile?: string;
  }
}

type Callback = (error?: unknown) => void;
type SessionCallback = (error: unknown, session?: Fastify.Session | null) => void;

/** @fastify/session store over the zone's own database. */
export class DatabaseSessionStore {
  // Read on every request with a session cookie: built once and prepared by name, so neither this process
  // nor the database parses it again per request.
  private readonly bySid;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
  ) {
    this.bySid = db
      .select({ data: sessions.data, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
      .from(sessions)
      .where(eq(sessions.sid, sql.placeholder('sid')))
      .prepare('session_by_sid');
  }

  set(sid: string, session: Fastify.Session, callback: Callback): void {
    const data = JSON.parse(JSON.stringify(session)) as Fastify.Session;
    const expiresAt = new Date(Date.now() + this.ttlMs);
    const subject = session.subject ?? null;
    this.db
      .insert(sessions)
      .values({ sid, data, subject, expiresAt })
      .onConflictDoUpdate({
        target: sessions.sid,
        set: { data, subject, expiresAt },
        setWhere: isNull(sessions.revokedAt),
      })
      .then(() => callback(), callback);
  }

  get(sid: string, callback: SessionCallback): void {
    this.bySid.execute({ sid }).then((rows) => {
      const row = rows[0];
      if (!row || row.revokedAt || row.expiresAt.getTime() < Date.now()) return callback(null, null);
      callback(null, row.data);
    }, callback);
  }

  destroy(sid: string, callback: Callback): void {
    // Marked rather than deleted, so a request of this session still in flight cannot write it back.
    this.db
      .update(sessions)
      .set({ revokedAt: sql`now()`, data: sql`'{}'::jsonb` })
      .where(eq(sessions.sid, sid))
      .then(() => callback(), callback);
  }
}

/** Ends every session of a person at once (logout everywhere, disabled account, changed password). */
export async function revokeSessionsOf(db: Executor, subject: string): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: sql`now()`, data: sql`'{}'::jsonb` })
    .where(and(eq(sessions.subject, subject), isNull(sessions.revokedAt)))
    .returning({ sid: sessions.sid });
  return rows.length;
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
}
