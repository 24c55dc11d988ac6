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
    /** What the zone's session read brought along for this request (`readWithSession`); never stored. */
    readAlong?: ReadAlong;
  }
}

/** A session's row as the store reads it by id, and what else the zone's read joins to it (`actor`). */
export interface SessionRow {
  data: Fastify.Session;
  expiresAt: Date;
  revokedAt: Date | null;
  actor?: unknown;
}

/** The read of a session by id, built once and prepared by name: every request with a session cookie runs it. */
export interface SessionRead {
  execute(values: { sid: string }): Promise<SessionRow[]>;
}

/** The plain read: the session alone. */
export function sessionRead(db: Db): SessionRead {
  return db
    .select({ data: sessions.data, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.sid, sql.placeholder('sid')))
    .prepare('session_by_sid');
}

/**
 * What a zone's session read joined to the session (its signed-in person, say), carried to the request in the
 * session's data: it says nothing when the session is hashed to see whether it changed or written back
 * (`toJSON`), so it neither reaches the database nor makes the session look changed.
 */
class ReadAlong {
  constructor(readonly value: unknown) {}
  toJSON(): undefined {
    return undefined;
  }
}

/**
 * What the session read of this request joined to the session (`actor`, null when the join found nothing);
 * undefined when the read joined nothing, or the session is not the one read (a fresh one since).
 */
export function readWithSession(session: Fastify.Session | undefined): { value: unknown } | undefined {
  const along = session?.readAlong;
  return along instanceof ReadAlong ? along : undefined;
}

type Callback = (error?: unknown) => void;
type SessionCallback = (error: unknown, session?: Fastify.Session | null) => void;

/** @fastify/session store over the zone's own database. */
export class DatabaseSessionStore {
  // Read on every request with a session cookie: built once and prepared by name, so neither this process
  // nor the database parses it again per request. A zone may join its signed-in person to it, saving the
  // request a round trip of its own.
  private readonly bySid: SessionRead;

  constructor(
    private readonly db: Db,
    private readonly ttlMs: number,
    read: (db: Db) => SessionRead = sessionRead,
  ) {
    this.bySid = read(db);
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
      if ('actor' in row) row.data.readAlong = new ReadAlong(row.actor);
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
