import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { findColumn } from '../../shared/content/content.columns.ts';
import { AppError } from '../../shared/http/errors.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody } from '../../shared/http/forms.ts';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { articlePage } from './content.article.tsx';
import { versionPage } from './content.version.tsx';
import {
  ContentCheckError,
  evaluateArticle,
  toBeijingLocal,
  type ArticleInput,
  type Evaluation,
} from './content.check.ts';
import { diffLines } from './content.diff.ts';
import { errorsOf, inputFrom } from './content.forms.ts';
import { isOwnArticle, mayDecideContent, mayEditContent } from './content.policy.ts';
import { imagesOfArticle, imagesOfUnit, visibleImage } from './content.images.ts';
import { pictureLine, placePicture, placedWords } from './content.picture-markup.ts';
import { findEditorDraft, keepEditorDraft, type EditorDraft } from './content.editor-drafts.ts';
import { draftNotice, formValuesKept } from './content.kept-form.ts';
import { findVersion, versionsOf } from './content.repository.ts';
import { approveArticle, returnArticle, withdrawArticle } from './content.review.ts';
import {
  ApproveBody,
  ArticleParams,
  ArticleQuery,
  ReturnBody,
  SaveBody,
  VersionParams,
  WithdrawBody,
} from './content.schema.ts';
import {
  ContentConflictError,
  currentVersionOf,
  inputOf,
  saveArticle,
  visibleArticle,
} from './content.service.ts';
import { langText } from './content.words.ts';

// One article's routes: its page (editor, check, review, withdrawal, versions), the changes made on it and
// one version compared with the one before. An article outside the officer's reach answers 404.

export const textInput = {
  multiline: ['body', 'summary', 'bodyEn', 'summaryEn', 'comment'],
  maxLength: { body: 50_000, bodyEn: 50_000 },
} as const;

const textsOf = (input: ArticleInput) => [input.body, input.bodyEn, ...Object.values(input.fields)];

/** The article page with what a request brought; other routes of the article show it too. */
export type ArticleView = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  extra?: {
    errors?: FieldError[];
    values?: Record<string, string>;
    typed?: ArticleInput;
    flash?: string;
    draft?: EditorDraft;
  },
) => Promise<string>;

/** Keeps the editor's unsaved form and redirects to the page showing it, with the flash given. */
export type KeepAndShow = (
  request: FastifyRequest,
  reply: FastifyReply,
  id: number,
  form: EditorDraft & { flash: string },
) => Promise<FastifyReply>;

export function registerArticleRoutes(
  app: App,
  services: ZoneServices,
): { articleView: ArticleView; keepAndShow: KeepAndShow } {
  /** The article page, with whatever the request brought: errors, typed values, a check's result. */
  const articleView = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: {
      errors?: FieldError[];
      values?: Record<string, string>;
      evaluation?: Evaluation;
      typed?: ArticleInput;
      flash?: string;
      /** The editor's unsaved form kept across a picture's redirect: shown as typed, on the version it began on. */
      draft?: EditorDraft;
      /** The address named an unsaved form that is not (or no longer) kept for this officer. */
      draftGone?: boolean;
    } = {},
  ): Promise<string> => {
    const me = staffOf(request);
    const article = await visibleArticle(services.db, me, id);
    const current = await currentVersionOf(services.db, article);
    const history = await versionsOf(services.db, id);
    const editable =
      mayEditContent(me, article.unitPath) && current.state !== 'in-review' && current.state !== 'scheduled';
    const today = todayInShanghai(services.now());
    const inReview = current.state === 'in-review' && mayDecideContent(me, article.unitPath);
    const own = isOwnArticle(me, current);
    const stored = {
      ...inputOf(current),
      withdrawAt: current.withdrawAt ? toBeijingLocal(current.withdrawAt) : '',
    };
    const draft = editable ? extra.draft : undefined;
    const flash = extra.flash ?? takeFlash(request);
    const typed = extra.typed ?? draft?.input;
    const values = extra.values ?? draft?.values;
    return articlePage({
      ctx: workbenchContext(request, reply),
      article,
      current,
      history,
      editor: editable
        ? {
            input: typed ?? stored,
            targetVersion: current.state === 'draft' ? current.version : current.version + 1,
            baseVersion: draft?.baseVersion ?? current.version,
          }
        : undefined,
      review: inReview ? { evaluation: evaluateArticle(article.column, inputOf(current), today) } : undefined,
      ownWork: own,
      mayWithdraw:
        mayDecideContent(me, article.unitPath) &&
        (article.publishedVersion !== null || current.state === 'scheduled'),
      images: editable ? await imagesOfArticle(services.db, id, textsOf(typed ?? stored)) : undefined,
      unitPictures:
        editable && findColumn(article.column)?.fields.some((f) => f.type === 'image')
          ? await imagesOfUnit(services.db, article.unitCode)
          : undefined,
      evaluation:
        extra.evaluation ??
        (editable && current.state === 'draft'
          ? evaluateArticle(article.column, typed ?? stored, today)
          : undefined),
      notice: extra.draftGone
        ? langText(
            request.lang,
            '这份未保存的编辑内容已不再保留（只保留一天，且仅本人可见），下面是稿件已保存的内容。',
            'That unsaved form is no longer kept (it is kept for a day, for its author only); below is what the article has saved.',
          )
        : draft
          ? draftNotice(request.lang, draft, current.version, flash !== undefined)
          : undefined,
      errors: extra.errors,
      values,
      flash,
    });
  };

  /** One change: done, the article page says so; refused, it shows why with what was typed (422). */
  const act = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    work: () => Promise<string>,
    typed?: ArticleInput,
  ): Promise<FastifyReply> => {
    try {
      const done = await work();
      if (wantsJson(request)) return await reply.send({ ok: true, message: done });
      setFlash(request, done);
      return await reply.redirect(`/content/${id}`, 303);
    } catch (error) {
      if (error instanceof ContentCheckError) {
        const errors = errorsOf(request.lang, error.evaluation);
        if (wantsJson(request)) throw new AppError('VALIDATION', { fields: errors });
        const html = await articleView(request, reply, id, {
          errors,
          values: formBody(request),
          evaluation: error.evaluation,
          ...(typed ? { typed } : {}),
        });
        return reply.html(html, 422);
      }
      if (error instanceof ContentConflictError && !wantsJson(request)) {
        setFlash(
          request,
          langText(
            request.lang,
            '稿件状态已变化，请查看后重试。',
            'The article changed meanwhile; look again and retry.',
          ),
        );
        return reply.redirect(`/content/${id}`, 303);
      }
      throw error;
    }
  };

  app.get(
    '/content/:id',
    {
      schema: { hide: true, params: ArticleParams, querystring: ArticleQuery },
      config: { permission: 'content.view' },
    },
    async (request, reply) => {
      const id = Number(request.params.id);
      const draftId = request.query.draft;
      if (draftId === undefined) return reply.html(await articleView(request, reply, id));
      // The article's reach is checked first: an unsaved form of an article out of reach is not found either.
      await visibleArticle(services.db, staffOf(request), id);
      const draft = await findEditorDraft(
        services.db,
        { id: draftId, articleId: id, badgeNo: staffOf(request).badgeNo },
        services.now(),
      );
      return reply.html(await articleView(request, reply, id, draft ? { draft } : { draftGone: true }));
    },
  );

  const articleForm = <B extends TSchema>(permission: string, body: B) => ({
    schema: { hide: true, params: ArticleParams, body },
    config: {
      permission,
      input: textInput,
      formPage: async (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
        articleView(request, reply, Number((request.params as { id: string }).id), {
          errors: form.errors,
          values: formBody(request),
          typed: inputFrom(formBody(request)),
        }),
    },
  });

  /**
   * Keeps the editor's unsaved form for its officer and redirects to the editor page that shows it (303): the
   * page after a picture uploaded or inserted without scripts, which a reload only reads again.
   */
  const keepAndShow = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: EditorDraft & { flash: string },
  ): Promise<FastifyReply> => {
    const { flash, ...draft } = form;
    const draftId = await keepEditorDraft(
      services.db,
      { articleId: id, badgeNo: staffOf(request).badgeNo },
      draft,
      services.now(),
    );
    setFlash(request, flash);
    return reply.redirect(`/content/${id}?draft=${draftId}`, 303);
  };

  app.post('/content/:id', articleForm('content.edit', SaveBody), async (request, reply) => {
    const id = Number(request.params.id);
    const typed = inputFrom(request.body);
    if (request.body.insert !== undefined) {
      // A picture's insert button without scripts: the form comes back with its line placed, nothing saved.
      // An article or picture out of reach answers 404, like a missing one; nothing is kept for an article the
      // officer may not edit now.
      const me = staffOf(request);
      const article = await visibleArticle(services.db, me, id);
      if (!mayEditContent(me, article.unitPath)) throw new AppError('FORBIDDEN');
      const image = await visibleImage(services.db, me, request.body.insert);
      const placed = placePicture(typed, pictureLine(image.alt, `/media/content/${image.name}`));
      return keepAndShow(request, reply, id, {
        baseVersion: Number(request.body.baseVersion),
        input: { ...typed, body: placed.body, bodyEn: placed.bodyEn },
        values: formValuesKept(request.body),
        flash: placedWords(request.lang, placed, false),
      });
    }
    const submit = request.body.action === 'submit';
    return act(
      request,
      reply,
      id,
      async () => {
        const result = await saveArticle(services, staffOf(request), actorOf(request), id, {
          baseVersion: Number(request.body.baseVersion),
          input: typed,
          submit,
          hitsForApprover: request.body.hitsForApprover === 'yes',
        });
        return result.submitted
          ? langText(
              request.lang,
              `第${result.version}版已提交审核。`,
              `Version ${result.version} was submitted for review.`,
            )
          : langText(
              request.lang,
              `第${result.version}版草稿已保存。`,
              `The draft of version ${result.version} was saved.`,
            );
      },
      typed,
    );
  });

  app.post('/content/:id/approve', articleForm('content.publish', ApproveBody), async (request, reply) => {
    const id = Number(request.params.id);
    const body = request.body as Record<string, string>;
    const reasons: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (k.startsWith('reason_')) reasons[k.slice(7)] = v;
    return act(request, reply, id, async () => {
      const outcome = await approveArticle(
        services,
        staffOf(request),
        actorOf(request),
        id,
        Number(request.body.version),
        {
          publishAt: request.body.publishAt ?? '',
          reasons,
        },
      );
      return outcome === 'scheduled'
        ? langText(request.lang, '已审核通过，将按时发布。', 'Approved; it goes live at the time set.')
        : langText(
            request.lang,
            '已发布，正通过边界平台送达门户。',
            'Published; it is on its way to the portal through the exchange.',
          );
    });
  });

  app.post('/content/:id/return', articleForm('content.publish', ReturnBody), async (request, reply) => {
    const id = Number(request.params.id);
    return act(request, reply, id, async () => {
      await returnArticle(
        services,
        staffOf(request),
        actorOf(request),
        id,
        Number(request.body.version),
        request.body.comment ?? '',
      );
      return langText(request.lang, '已退回修改。', 'Returned for changes.');
    });
  });

  app.post('/content/:id/withdraw', articleForm('content.publish', WithdrawBody), async (request, reply) => {
    const id = Number(request.params.id);
    return act(request, reply, id, async () => {
      const version = await withdrawArticle(
        services,
        staffOf(request),
        actorOf(request),
        id,
        request.body.reason ?? '',
      );
      return langText(request.lang, `第${version}版已撤回。`, `Version ${version} was withdrawn.`);
    });
  });

  app.get(
    '/content/:id/versions/:version',
    { schema: { hide: true, params: VersionParams }, config: { permission: 'content.view' } },
    async (request, reply) => {
      const me = staffOf(request);
      const article = await visibleArticle(services.db, me, Number(request.params.id));
      const number = Number(request.params.version);
      const version = await findVersion(services.db, article.id, number);
      if (!version) throw new AppError('NOT_FOUND');
      const previous = number > 1 ? await findVersion(services.db, article.id, number - 1) : undefined;
      return reply.html(
        versionPage({
          ctx: workbenchContext(request, reply),
          article,
          version,
          previous,
          diff: previous
            ? {
                title: diffLines(previous.title, version.title),
                summary: diffLines(previous.summary, version.summary),
                body: diffLines(previous.body, version.body),
                titleEn: diffLines(previous.titleEn, version.titleEn),
                summaryEn: diffLines(previous.summaryEn, version.summaryEn),
                bodyEn: diffLines(previous.bodyEn, version.bodyEn),
              }
            : undefined,
        }),
      );
    },
  );
  return { articleView, keepAndShow };
}
