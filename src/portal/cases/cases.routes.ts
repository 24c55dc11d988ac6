import { readFileSync } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_UPLOAD_BYTES } from '../../shared/application-forms/index.ts';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { checkMultipartFields } from '../../shared/http/multipart-fields.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { Courier } from '../delivery/delivery.courier.ts';
import {
  approvedPreApplication,
  belowProgress,
  collectionBookingOf,
  CollectionPanel,
} from '../appointments/appointments.collection.tsx';
import { CaseDeliverySection } from '../delivery/delivery.pages.tsx';
import { caseDeliveryFor } from '../delivery/delivery.service.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { supplement, withdraw, type SuppliedFile } from './cases.actions.ts';
import { registerCaseApi } from './cases.api.ts';
import { caseMessage, caseWords } from './cases.messages.ts';
import * as more from './cases.more.pages.tsx';
import { CaseFeePanel } from '../payments/payments.case.tsx';
import { payableOf } from '../payments/payments.repository.ts';
import * as pages from './cases.pages.tsx';
import {
  CaseParams,
  CodeParams,
  DocumentParams,
  ListQuery,
  SupplementFields,
  WithdrawBody,
} from './cases.schema.ts';
import * as service from './cases.service.ts';

/** The case number of the address, read also where the schema refused it (a form page shown again). */
function caseNumberOf(request: FastifyRequest): string {
  const params = request.params as { caseNumber?: unknown } | undefined;
  return typeof params?.caseNumber === 'string' ? params.caseNumber : '';
}

const MAX_FILES = 20;

export function registerCaseRoutes(app: App, services: ZoneServices, courier?: Courier): void {
  const css = readFileSync(new URL('./cases.css', import.meta.url), 'utf8');
  app.get(
    '/my/cases.css',
    { schema: { hide: true }, config: { permission: PUBLIC } },
    async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(css),
  );
  const view = (request: FastifyRequest, action: service.CaseAction = 'cases.view') =>
    service.detailView(services, citizenOf(request), caseNumberOf(request), request.lang, action);

  app.get(
    '/my/cases',
    { schema: { hide: true, querystring: ListQuery }, config: { permission: 'cases.view' } },
    async (request, reply) => {
      const citizen = citizenOf(request);
      const [list, unread] = await Promise.all([
        service.listView(services, citizen, request.query.status ?? 'all', request.query.page ?? 1),
        service.unreadCount(services, citizen),
      ]);
      const ctx = portalContext(request, reply);
      return reply.html(pages.listPage({ ctx, view: list, unread, flash: takeFlash(request) }));
    },
  );

  app.get(
    '/my/messages',
    { schema: { hide: true }, config: { permission: 'cases.view' } },
    async (request, reply) => {
      const list = await service.messagesView(services, citizenOf(request));
      return reply.html(more.messagesPage({ ctx: portalContext(request, reply), list }));
    },
  );

  app.get(
    '/my/cases/:caseNumber',
    { schema: { hide: true, params: CaseParams }, config: { permission: 'cases.view' } },
    async (request, reply) => {
      const detail = await view(request);
      const ctx = portalContext(request, reply);
      const delivery = await caseDeliveryFor(services, courier, detail);
      const me = citizenOf(request).id;
      // An approved pre-application ends in one visit: its booking is offered here (先批后办).
      const collect = (await approvedPreApplication(services.db, me, detail.caseNumber))
        ? CollectionPanel({
            ctx,
            caseNumber: detail.caseNumber,
            booked: (await collectionBookingOf(services.db, me, detail.caseNumber))?.code,
          })
        : undefined;
      const extra = belowProgress(collect, delivery ? CaseDeliverySection({ ctx, ...delivery }) : undefined);
      const payable = await payableOf(services.db, 'case-fee', detail.caseNumber);
      // The fee is the payer's: another person who may read the case (a company's agent) sees no Pay button.
      const fee = payable?.citizenId === citizenOf(request).id ? payable : undefined;
      return reply.html(
        pages.detailPage({
          ctx,
          view: detail,
          flash: takeFlash(request),
          fee: CaseFeePanel({ ctx, fee }),
          extra,
        }),
      );
    },
  );

  for (const lang of ['zh', 'en'] as const)
    app.get(
      // The English copy of a document drawn in English too (受理回执); the Chinese remains the legal text.
      `/my/cases/:caseNumber/documents/:documentId${lang === 'en' ? '/en' : ''}`,
      { schema: { hide: true, params: DocumentParams }, config: { permission: 'cases.view' } },
      async (request, reply) => {
        const { caseNumber, documentId } = request.params;
        const document = await service.documentOf(services, citizenOf(request), caseNumber, documentId, lang);
        const ascii = document.documentNumber.replace(/[^A-Za-z0-9-]/g, '_');
        return fileHeaders(reply, {
          type: 'application/pdf',
          name: document.fileName,
          asciiName: `${ascii}${lang === 'en' ? '-en' : ''}.pdf`,
        })
          .header('cache-control', 'private, no-store')
          .send(document.content);
      },
    );

  // Public, for anyone holding a document; limited per address like the other public lookups, so the codes
  // cannot be walked.
  app.get(
    '/verify/:code',
    {
      schema: { hide: true, params: CodeParams },
      config: { permission: PUBLIC, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const found = await service.verification(services, request.params.code);
      const ctx = portalContext(request, reply);
      return reply
        .header('cache-control', 'no-store')
        .html(more.verifyPage({ ctx, found, code: request.params.code }), found ? 200 : 404);
    },
  );

  const withdrawForm: FormPage = async (request, reply, form) =>
    more.withdrawPage({
      ctx: portalContext(request, reply),
      view: await view(request, 'cases.withdraw'),
      ...form,
    });

  app.get(
    '/my/cases/:caseNumber/withdraw',
    { schema: { hide: true, params: CaseParams }, config: { permission: 'cases.withdraw' } },
    async (request, reply) => {
      const detail = await view(request, 'cases.withdraw');
      if (!detail.canWithdraw) return reply.redirect(`/my/cases/${detail.caseNumber}`, 303);
      return reply.html(more.withdrawPage({ ctx: portalContext(request, reply), view: detail }));
    },
  );

  app.post(
    '/my/cases/:caseNumber/withdraw',
    {
      schema: { hide: true, params: CaseParams, body: WithdrawBody },
      config: { permission: 'cases.withdraw', formPage: withdrawForm },
    },
    async (request, reply) => {
      const { caseNumber } = request.params;
      try {
        await withdraw(services, citizenOf(request), caseNumber, request.body.reason ?? '');
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => withdrawForm(request, reply, { values: formBody(request), errors }),
          caseWords,
        );
      }
      setFlash(request, caseMessage(request.lang, 'withdrawRequested'));
      return reply.redirect(`/my/cases/${caseNumber}`, 303);
    },
  );

  const supplementForm: FormPage = async (request, reply, form) =>
    more.supplementPage({
      ctx: portalContext(request, reply),
      view: await view(request, 'cases.supplement'),
      ...form,
    });

  app.get(
    '/my/cases/:caseNumber/supplement',
    { schema: { hide: true, params: CaseParams }, config: { permission: 'cases.supplement' } },
    async (request, reply) => {
      const detail = await view(request, 'cases.supplement');
      if (!detail.canSupplement) return reply.redirect(`/my/cases/${detail.caseNumber}`, 303);
      return reply.html(more.supplementPage({ ctx: portalContext(request, reply), view: detail }));
    },
  );

  // Multipart, which neither the CSRF check nor the validation can read before the handler (as the
  // catalogue's document upload): the kernel has refused anyone signed out before a byte is read; the handler
  // reads the bounded parts, holds the text fields to the input guard and the schema, then checks CSRF.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: {
        fileSize: MAX_UPLOAD_BYTES,
        files: MAX_FILES,
        fields: 4,
        fieldSize: 4096,
        parts: MAX_FILES + 4,
      },
    });
    scope.post(
      '/my/cases/:caseNumber/supplement',
      {
        schema: { hide: true, params: CaseParams },
        bodyLimit: MAX_FILES * MAX_UPLOAD_BYTES + 64 * 1024,
        config: { permission: 'cases.supplement', csrf: false, formPage: supplementForm },
      },
      async (request, reply) => {
        const caseNumber = caseNumberOf(request);
        // Someone else's case is not found before anything he sent is read or checked.
        await service.loadCase(services, citizenOf(request), 'cases.supplement', caseNumber);
        const { fields, files } = await readParts(request);
        checkMultipartFields(request, fields, SupplementFields);
        await csrf(app, request, reply);
        try {
          await supplement(services, citizenOf(request), caseNumber, { note: fields.note ?? '', files });
        } catch (error) {
          return renderFormError(
            request,
            reply,
            error,
            (errors) => supplementForm(request, reply, { values: formBody(request), errors }),
            caseWords,
          );
        }
        setFlash(request, caseMessage(request.lang, 'supplementSent'));
        return reply.redirect(`/my/cases/${caseNumber}`, 303);
      },
    );
  });

  registerCaseApi(app, services);
}

function csrf(app: App, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve())),
  );
}

/** The text fields and the files of the supplement form; a file over the limit is reported, not thrown. */
async function readParts(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; files: SuppliedFile[] }> {
  if (!request.isMultipart()) return { fields: formBody(request), files: [] };
  const fields: Record<string, string> = {};
  const files: SuppliedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const material = part.fieldname.startsWith('file-') ? part.fieldname.slice('file-'.length) : '';
      let bytes: Buffer;
      let tooLarge = false;
      try {
        bytes = await part.toBuffer();
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 413) throw error;
        bytes = Buffer.alloc(0);
        tooLarge = true;
      }
      // A file input left empty still sends a part with no name and no bytes.
      if (material && (part.filename || bytes.length || tooLarge))
        files.push({ material, name: part.filename, bytes, tooLarge });
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, files };
}
