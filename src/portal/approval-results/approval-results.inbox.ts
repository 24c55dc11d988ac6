import { approvalResultPublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { saveApprovalResult } from './approval-results.repository.ts';

// The contract already refuses anything but a company (no person fields, no individual business's credit
// code); the portal keeps what arrives and drops the cached disclosure pages.

export function approvalResultInboxHandlers(services: ZoneServices): readonly MessageHandler[] {
  return [
    onMessage(approvalResultPublished, async (tx, result) => {
      await saveApprovalResult(tx, result, services.now());
      publicContentChanged('/disclosure');
    }),
  ];
}
