import { createHash, randomBytes } from 'node:crypto';
import { open311KeyIssued, open311KeyRevoked } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import * as repo from './open311-keys.repository.ts';
import type { Open311KeyRow } from './open311-keys.tables.ts';

// Issuing and revoking the Open311 API keys. A key is 256 random bits behind a recognisable prefix; the
// workbench keeps and sends only its SHA-256, in the same transaction as the audit entry, so the portal learns
// of a key (or its revocation) exactly when the change commits.

const PREFIX = 'o311_';

export function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function listKeys(services: ZoneServices): Promise<Open311KeyRow[]> {
  return repo.listKeys(services.db);
}

/** Stores and announces a key; the caller has the key itself and shows it once. */
export async function storeKey(
  tx: Tx,
  actor: AuditActor,
  values: { id?: string; key: string; label: string; at: Date },
): Promise<Open311KeyRow> {
  const row = await repo.insertKey(tx, {
    ...(values.id ? { id: values.id } : {}),
    label: values.label,
    hint: values.key.slice(0, PREFIX.length + 4),
    keyHash: hashOf(values.key),
    issuedBy: actor.actor,
    issuedAt: values.at,
  });
  await send(
    tx,
    open311KeyIssued,
    {
      keyId: row.id,
      keyHash: row.keyHash,
      label: row.label,
      hint: row.hint,
      issuedAt: values.at.toISOString(),
    },
    { stream: `open311-key:${row.id}` },
  );
  await recordAudit(tx, {
    ...actor,
    action: 'open311.key.issue',
    target: `open311-key:${row.id}`,
    detail: { label: row.label, hint: row.hint },
    at: values.at,
  });
  return row;
}

export async function issueKey(
  services: ZoneServices,
  actor: AuditActor,
  typedLabel: string | undefined,
): Promise<{ row: Open311KeyRow; key: string }> {
  const label = (typedLabel ?? '').trim();
  if (!label || label.length > 100)
    throw new AppError('VALIDATION', { fields: [{ field: 'label', message: 'open311.label' }] });
  const key = PREFIX + randomBytes(32).toString('base64url');
  const row = await services.db.transaction((tx) => storeKey(tx, actor, { key, label, at: services.now() }));
  return { row, key };
}

/** Revokes a key; one already revoked or unknown answers as not found, so a second click changes nothing. */
export async function revokeKey(
  services: ZoneServices,
  actor: AuditActor,
  id: string,
): Promise<Open311KeyRow> {
  const at = services.now();
  return services.db.transaction(async (tx) => {
    const row = await repo.revokeKey(tx, id, actor.actor, at);
    if (!row) throw new AppError('NOT_FOUND');
    await send(
      tx,
      open311KeyRevoked,
      { keyId: row.id, revokedAt: at.toISOString() },
      { stream: `open311-key:${row.id}` },
    );
    await recordAudit(tx, {
      ...actor,
      action: 'open311.key.revoke',
      target: `open311-key:${row.id}`,
      detail: { label: row.label, hint: row.hint },
      at,
    });
    return row;
  });
}
