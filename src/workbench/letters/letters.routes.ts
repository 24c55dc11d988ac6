import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import { fileHeaders } from '../../shared/files/file-response.ts';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { letterWords } from './letters.messages.ts';
import * as pages from './letters.pages.tsx';
import {
  ClaimBody,
  ForwardBody,
  LetterParams,
  LetterQuery,
  PhotoParams,
  QueueQuery,
  ReclassifyBody,
  ReplyBody,
  RevealBody,
  TransferBody,
} from './letters.schema.ts';
import * as service from './letters.service.ts';
import * as kb from '../kb/kb.service.ts';
import { workbenchPolicy } from '../policy.ts';

const numberOf = (request: FastifyRequest) => {
  const params = request.params as { letterNumber?: unknown } | undefined;
  return typeof params?.letterNumber === 'string' ? params.letterNumber : '';
};

// The long answers may span lines.
const textInput = {
  multiline: ['text', 'reason', 'revealReason', 'reclassifyReason'],
  maxLength: { text: 4400 },
};

export function registerLetterRoutes(app: App, services: ZoneServices): void {
  const today = () => todayInShanghai(services.now());

  app.get(
    '/letters',
    { schema: { hide: true, querystring: QueueQuery }, config: { permission: 'letters.read' } },
    async (request, reply) => {
      const view = request.query.view ?? 'open';
      const list = await service.queueOf(services, staffOf(request), view);
      const now = today();
      return reply.html(
        pages.queuePage({
          ctx: workbenchContext(request, reply),
          view,
          list: list.map((l) => ({
            ...l,
            urgency: service.isClosed(l.state) ? null : service.urgencyOf(l.dueOn, now, services.calendar),
            dueEstimated: dueIsEstimated(services.calendar, l.dueOn),
          })),
        }),
      );
    },
  );

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldError[]; revealed?: boolean } = {},
  ) {
    const me = staffOf(request);
    const letter = await service.loadLetter(services, me, 'letters.read', numberOf(request));
    const detail = await service.detailOf(services, me, letter);
    // While he may reply: the entries in use that best answer the letter, and the one he chose to start from.
    const mayUseKb = detail.may.reply && workbenchPolicy.can(me, 'kb.read');
    const suggestions = mayUseKb ? await kb.suggestionsFor(services, me, letter) : [];
    const chosen = (request.query as { kb?: string } | undefined)?.kb;
    if (mayUseKb && chosen && !form.values?.text) {
      const answer = await kb.answerToStartFrom(services, me, chosen);
      if (answer) form = { ...form, values: { ...form.values, text: answer } };
    }
    return pages.letterPage({
      suggestions,
      ctx: workbenchContext(request, reply),
      detail,
      urgency: service.isClosed(letter.state)
        ? null
        : service.urgencyOf(letter.dueOn, today(), services.calendar),
      dueEstimated: dueIsEstimated(services.calendar, letter.dueOn),
      flash: takeFlash(request),
      ...form,
    });
  }
  const formPage: FormPage = (request, reply, form) => page(request, reply, form);

  app.get(
    '/letters/:letterNumber',
    {
      schema: { hide: true, params: LetterParams, querystring: LetterQuery },
      config: { permission: 'letters.read' },
    },
    async (request, reply) => reply.html(await page(request, reply)),
  );

  // A photo sent with the letter, to whoever may read the letter; shown inline, never cached.
  app.get(
    '/letters/:letterNumber/photos/:photoId',
    { schema: { hide: true, params: PhotoParams }, config: { permission: 'letters.read' } },
    async (request, reply) => {
      const { letterNumber, photoId } = request.params;
      const photo = await service.photoOf(services, staffOf(request), letterNumber, photoId);
      return fileHeaders(reply, { type: photo.mediaType, name: photo.name, asciiName: photo.name })
        .header('cache-control', 'private, no-store')
        .send(photo.content);
    },
  );

  // The writer's mobile, unmasked for this one answer, for a reason that is audited; nothing is remembered.
  app.post(
    '/letters/:letterNumber/reveal',
    {
      schema: { hide: true, params: LetterParams, body: RevealBody },
      config: { permission: 'letters.read', formPage, input: textInput },
    },
    async (request, reply) => {
      const values = formBody(request);
      try {
        await service.revealWriter(
          services,
          staffOf(request),
          actorOf(request),
          numberOf(request),
          values.revealReason ?? '',
        );
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { values, errors }),
          letterWords,
        );
      }
      return reply.header('cache-control', 'no-store').html(await page(request, reply, { revealed: true }));
    },
  );

  /** An action on a letter: the letter must be within the officer's reach to handle, then the step runs. */
  const act =
    (
      run: (request: FastifyRequest, letterNumber: string) => Promise<void>,
      fieldsOf?: (body: Record<string, string>) => Record<string, string>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const letter = await service.loadLetter(
        services,
        staffOf(request),
        'letters.handle',
        numberOf(request),
      );
      try {
        await run(request, letter.letterNumber);
      } catch (error) {
        const values = formBody(request);
        return renderFormError(
          request,
          reply,
          error,
          (errors) => page(request, reply, { values: fieldsOf ? fieldsOf(values) : values, errors }),
          letterWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Done.' : '已办理。');
      return reply.redirect(`/letters/${letter.letterNumber}`, 303);
    };

  const options = (
    body:
      typeof ClaimBody | typeof ReplyBody | typeof ForwardBody | typeof TransferBody | typeof ReclassifyBody,
  ) => ({
    schema: { hide: true, params: LetterParams, body },
    config: { permission: 'letters.handle', formPage, input: textInput },
  });

  app.post(
    '/letters/:letterNumber/claim',
    options(ClaimBody),
    act(async (request, letterNumber) => {
      const me = staffOf(request);
      const letter = await service.loadLetter(services, me, 'letters.handle', letterNumber);
      await service.claimLetter(services, me, actorOf(request), letter);
    }),
  );
  app.post(
    '/letters/:letterNumber/reply',
    options(ReplyBody),
    act((request, letterNumber) =>
      service.replyTo(
        services,
        staffOf(request),
        actorOf(request),
        letterNumber,
        formBody(request).text ?? '',
      ),
    ),
  );
  app.post(
    '/letters/:letterNumber/forward',
    options(ForwardBody),
    act(
      (request, letterNumber) => {
        const body = formBody(request);
        return service.forward(services, staffOf(request), actorOf(request), letterNumber, {
          unitCode: body.unitCode ?? '',
          reason: body.reason ?? '',
        });
      },
      (body) => ({ unitCode: body.unitCode ?? '', forwardReason: body.reason ?? '' }),
    ),
  );
  app.post(
    '/letters/:letterNumber/transfer',
    options(TransferBody),
    act(
      (request, letterNumber) => {
        const body = formBody(request);
        return service.transfer(services, staffOf(request), actorOf(request), letterNumber, {
          target: body.target ?? '',
          reason: body.reason ?? '',
        });
      },
      (body) => ({ target: body.target ?? '', transferReason: body.reason ?? '' }),
    ),
  );
  app.post(
    '/letters/:letterNumber/reclassify',
    options(ReclassifyBody),
    act((request, letterNumber) => {
      const body = formBody(request);
      return service.reclassify(services, staffOf(request), actorOf(request), letterNumber, {
        kind: body.kind ?? '',
        reason: body.reclassifyReason ?? '',
      });
    }),
  );
}
