import Type from 'typebox';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { VERIFICATION_CODE } from '../../shared/pdf/verified-slip.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { payableOf } from '../payments/payments.repository.ts';
import { citizenOf } from '../session.ts';
import { DECISION_VERIFY_PATH, renderDecision } from './traffic.decision.ts';
import { decisionVerifyPage } from './traffic.decision.pages.tsx';
import * as repo from './traffic.repository.ts';
import { loadViolation } from './traffic.service.ts';

const ViolationParams = Type.Object(
  { violationId: Type.String({ format: 'uuid', maxLength: 36 }) },
  { additionalProperties: false },
);
const CodeParams = Type.Object({ code: Type.String({ maxLength: 26 }) }, { additionalProperties: false });

/** 处罚决定书: the owner's PDF of a decided violation, and the public page its QR code leads to. */
export function registerTrafficDecisionRoutes(app: App, services: ZoneServices, portalBaseUrl: string): void {
  app.get(
    '/my/traffic/violations/:violationId/decision.pdf',
    { schema: { hide: true, params: ViolationParams }, config: { permission: 'traffic.view' } },
    async (request, reply) => {
      const violation = await loadViolation(
        services,
        citizenOf(request),
        'traffic.view',
        request.params.violationId,
      );
      const doc = await repo.decisionDocumentOf(services.db, violation.id);
      // Before the decision is made there is nothing to print.
      if (!doc || doc.citizenId !== violation.citizenId) throw new AppError('NOT_FOUND');
      const pdf = await renderDecision(doc, portalBaseUrl, services.calendar, request.lang);
      return fileHeaders(reply, {
        type: 'application/pdf',
        name: request.lang === 'en' ? `decision-${doc.decisionNo}.pdf` : `处罚决定书-${doc.decisionNo}.pdf`,
        asciiName: `decision-${doc.decisionNo}.pdf`,
      })
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // Public, for anyone holding the paper; limited per address so the codes cannot be walked.
  app.get(
    `${DECISION_VERIFY_PATH}/:code`,
    {
      schema: { hide: true, params: CodeParams },
      config: { permission: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { code } = request.params;
      const doc = VERIFICATION_CODE.test(code)
        ? await repo.decisionDocumentByCode(services.db, code)
        : undefined;
      const fine = doc ? await payableOf(services.db, 'traffic-fine', doc.violationId) : undefined;
      const found = doc ? { doc, paid: fine?.status === 'paid' } : undefined;
      return reply
        .header('cache-control', 'no-store')
        .html(decisionVerifyPage({ ctx: portalContext(request, reply), code, found }), found ? 200 : 404);
    },
  );
}
