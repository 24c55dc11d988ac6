import type { FastifyRequest } from 'fastify';
import { staffOf } from '../session.ts';

/** Who did it and from where: the part of an audit entry every staff action shares. */
export interface AuditActor {
  actor: string;
  actorUnit: string | null;
  sourceIp: string | null;
}

export function actorOf(request: FastifyRequest): AuditActor {
  const me = staffOf(request);
  return { actor: me.badgeNo, actorUnit: me.unitCode, sourceIp: request.ip };
}

/** What a login form named, cut down so a hostile value cannot bloat or break the log (jsonb refuses NUL). */
export function claimedIdentity(raw: string | undefined): string {
  return [...(raw ?? '').replace(/[\u0000-\u001f\u007f]/g, '')].slice(0, 40).join('');
}
