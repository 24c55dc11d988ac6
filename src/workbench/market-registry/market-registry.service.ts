import { eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import type { Tx } from '../../shared/db/database.ts';
import { parseCreditCode } from '../../shared/validators/credit-code.ts';
import { parseIdNumber } from '../../shared/validators/id-number.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { companyVerifyRequest, companyVerifyResult } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { recordAudit } from '../audit/audit.ts';
import { marketEntities } from './market-registry.tables.ts';

type Request = Static<typeof companyVerifyRequest.schema>;
export type CompanyCheckOutcome = Static<typeof companyVerifyResult.schema>['outcome'];

/** Names compare as people type them: surrounding spaces dropped, full- and half-width brackets alike. */
export function normaliseCompanyName(name: string): string {
  return name.trim().replaceAll('（', '(').replaceAll('）', ')').replace(/\s+/g, '');
}

/**
 * The claim must name an operating company by its registered name, and the claimant must be its registered
 * legal representative by name and ID number. The outcome word is all that leaves this function.
 */
export async function checkCompanyClaim(
  tx: Tx,
  services: ZoneServices,
  request: Pick<Request, 'creditCode' | 'companyName' | 'representativeName' | 'representativeIdNumber'>,
): Promise<CompanyCheckOutcome> {
  const code = parseCreditCode(request.creditCode);
  if (!code.ok) return 'not-found';
  const [entity] = await tx.select().from(marketEntities).where(eq(marketEntities.creditCode, code.value));
  if (!entity) return 'not-found';
  if (entity.status !== 'operating') return 'not-operating';
  if (normaliseCompanyName(entity.name) !== normaliseCompanyName(request.companyName)) return 'name-mismatch';
  const id = parseIdNumber(request.representativeIdNumber);
  const sameId = id.ok && services.sealer.lookupHash(id.value) === entity.legalRepIdHash;
  if (!sameId || entity.legalRepName !== request.representativeName.trim()) return 'representative-mismatch';
  return 'verified';
}

/**
 * Answers a company claim from the portal in the same transaction that records the check in the audit log and
 * writes the reply to the outbox, as the real-name check does.
 */
export function companyVerifyRequestHandler(services: ZoneServices): MessageHandler {
  return onMessage(companyVerifyRequest, async (tx, request, message) => {
    const outcome = await checkCompanyClaim(tx, services, request);
    await recordAudit(tx, {
      actor: 'exchange',
      actorUnit: null,
      action: 'market-registry.company-check',
      target: `company-claim:${request.claimRef}`,
      sourceIp: null,
      detail: {
        requestId: request.requestId,
        messageId: message.messageId,
        creditCode: request.creditCode,
        outcome,
      },
    });
    await send(
      tx,
      companyVerifyResult,
      { requestId: request.requestId, claimRef: request.claimRef, outcome },
      { stream: 'company' },
    );
  });
}
