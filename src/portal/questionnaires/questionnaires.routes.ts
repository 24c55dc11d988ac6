import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { MAX_OPTIONS, MAX_TEXT_ANSWER } from '../../exchange/contracts/index.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { questionnaireRuleWords } from '../../shared/questionnaires/questionnaire.messages.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import * as pages from './questionnaires.pages.tsx';
import * as service from './questionnaires.service.ts';

// The public satisfaction surveys: the list, one to answer, the thanks. Public routes: an audience that needs
// an account sends the visitor to sign in first; the one-response guard is the account, or for a visitor a
// signed cookie of his browser, with a rate limit on answering.

const Params = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });
// Question ids name the fields, so the body is open by shape: every value a list of short texts (one for a
// radio or text answer, several for checkboxes; the form parser's coercion makes a single value a list).
const AnswerBody = Type.Object(
  { _csrf: Type.Optional(Type.String({ maxLength: 200 })) },
  {
    additionalProperties: Type.Array(Type.String({ maxLength: MAX_TEXT_ANSWER + 200 }), {
      maxItems: MAX_OPTIONS,
    }),
    maxProperties: 40,
  },
);

const GUARD = 'questionnaire_guard';
const GUARD_AGE_S = 400 * 24 * 3600;

function guardOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[GUARD];
  if (!raw) return undefined;
  const read = request.unsignCookie(raw);
  return read.valid && read.value ? read.value : undefined;
}

function ensureGuard(request: FastifyRequest, reply: FastifyReply): string {
  const held = guardOf(request);
  if (held) return held;
  const fresh = crypto.randomUUID();
  reply.setCookie(GUARD, fresh, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: pages.LIST,
    maxAge: GUARD_AGE_S,
  });
  return fresh;
}

/** What was posted, each question's values as a list, to check and to show again. */
function postedAnswers(request: FastifyRequest): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const body = request.body as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body ?? {})) {
    if (key === '_csrf') continue;
    const list = Array.isArray(value) ? value : [value];
    out[key] = list.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

const notices = {
  thanks: {
    title: { zh: '感谢您的参与', en: 'Thank you for taking part' },
    body: {
      zh: '您的回答已提交。我们会认真研究大家的意见，改进服务。',
      en: 'Your answers are in. We read every response and use them to improve.',
    },
  },
  answered: {
    title: { zh: '您已参与过本次调查', en: 'You have already answered this survey' },
    body: {
      zh: '每份问卷每人限答一次，感谢您的支持。',
      en: 'Each survey may be answered once. Thank you for your support.',
    },
  },
  audience: {
    title: { zh: '本次调查不面向您的账号', en: 'This survey is not for your account' },
    body: {
      zh: '本问卷只邀请特定群体参与（如企业经办人或有已办结事项的群众），您的账号不在其中。',
      en: 'This survey is only for a particular group (such as people acting for a company or with a finished case), which your account is not in.',
    },
  },
};

export function registerQuestionnaireRoutes(app: App, services: ZoneServices): void {
  app.get(pages.LIST, { schema: { hide: true }, config: { permission: PUBLIC } }, async (request, reply) => {
    const rows = await service.openList(services);
    return reply.html(pages.listPage({ ctx: portalContext(request, reply), rows }));
  });

  /** The questionnaire, or why this person may not answer it (sign in first, not in the audience, answered). */
  async function gate(request: FastifyRequest, reply: FastifyReply) {
    const row = await service.loadOpen(services, (request.params as { id: string }).id);
    const refusal = await service.refusalFor(services, row.audience, request.citizen);
    if (refusal === 'sign-in')
      return {
        row,
        stop: () => reply.redirect(`/login?next=${encodeURIComponent(`${pages.LIST}/${row.id}`)}`, 303),
      };
    if (refusal === 'audience')
      return {
        row,
        stop: () =>
          reply.html(pages.noticePage({ ctx: portalContext(request, reply), ...notices.audience }), 403),
      };
    const who = service.respondentOf(
      request.citizen,
      request.citizen ? undefined : ensureGuard(request, reply),
    );
    if (who && (await service.hasAnswered(services, row.id, who)))
      return {
        row,
        stop: () =>
          reply.html(
            pages.noticePage({ ctx: portalContext(request, reply), ...notices.answered }),
            request.method === 'POST' ? 409 : 200,
          ),
      };
    return { row, who };
  }

  const form: FormPage = async (request, reply, state) => {
    const row = await service.loadOpen(services, (request.params as { id: string }).id);
    return pages.formPage({
      ctx: portalContext(request, reply, { forms: true }),
      row,
      values: postedAnswers(request),
      errors: state.errors,
    });
  };

  app.get(
    `${pages.LIST}/:id`,
    { schema: { hide: true, params: Params }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const { row, stop } = await gate(request, reply);
      if (stop) return stop();
      return reply.header('cache-control', 'no-store').html(
        pages.formPage({
          ctx: portalContext(request, reply, { forms: true }),
          row,
          values: {},
          errors: [],
        }),
      );
    },
  );

  app.post(
    `${pages.LIST}/:id`,
    {
      schema: { hide: true, params: Params, body: AnswerBody },
      config: {
        permission: PUBLIC,
        formPage: form,
        input: {
          multiline: true,
          maxLength: Object.fromEntries(
            Array.from({ length: 30 }, (_, i) => [`q${i + 1}`, MAX_TEXT_ANSWER + 200]),
          ),
        },
        rateLimit: { max: 10, timeWindow: '1 minute' },
      },
    },
    async (request, reply) => {
      const { row, who, stop } = await gate(request, reply);
      if (stop) return stop();
      try {
        if (!who) throw new AppError('BAD_REQUEST');
        await service.submit(services, row, who, postedAnswers(request));
      } catch (error) {
        if (error instanceof AppError && error.code === 'CONFLICT')
          return reply.html(
            pages.noticePage({ ctx: portalContext(request, reply), ...notices.answered }),
            409,
          );
        return renderFormError(
          request,
          reply,
          error,
          (errors) => form(request, reply, { values: {}, errors }),
          questionnaireRuleWords,
        );
      }
      return reply.redirect(`${pages.LIST}/${row.id}/thanks`, 303);
    },
  );

  app.get(
    `${pages.LIST}/:id/thanks`,
    { schema: { hide: true, params: Params }, config: { permission: PUBLIC } },
    async (request, reply) => {
      await service.findAny(services, request.params.id);
      return reply.html(pages.noticePage({ ctx: portalContext(request, reply), ...notices.thanks }));
    },
  );
}
