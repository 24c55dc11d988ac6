import type { FieldError } from '../../shared/http/errors.ts';
import { BackLink, InsetText, Tag } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { ErrorSummary } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { Evaluation } from './catalog-authoring.check.ts';
import { EditorForm } from './catalog-authoring.editor-form.tsx';
import { groupsOfInput, type Nested } from './catalog-authoring.groups.ts';
import type { FormField } from './catalog-authoring.fields.ts';
import { Flash, problemErrors, ProblemList, StateTag } from './catalog-authoring.pages.tsx';
import type { EditorState } from './catalog-authoring.service.ts';
import type { EditorInput } from './catalog-authoring.tables.ts';
import { labelText, langText } from './catalog-authoring.words.ts';

export interface EditorPageProps {
  ctx: PageContext;
  state: EditorState;
  /** What the form shows: the saved draft, or what was just posted. */
  input: EditorInput;
  evaluation: Evaluation;
  /** Set when a submission was refused: every problem is listed at the top and beside its field. */
  refused?: boolean;
  /** Set when the guide changed under the editor and nothing was saved. */
  conflict?: number | undefined;
  /** Set when the form was refused before it reached the check (a field too long, a control character). */
  fieldErrors?: FieldError[];
  flash?: string | undefined;
  /** The repeatable parts as a list button left them; otherwise read from `input`. */
  groups?: Nested;
}

// The editor's page: where the draft stands, the check as it stands, and the form (catalog-authoring.editor-form.tsx).

export function editorPage(p: EditorPageProps): string {
  const { ctx, state } = p;
  const lang = ctx.lang;
  const { item, current } = state;
  const problems = p.evaluation.problems;
  const refused = p.refused ?? false;
  const fieldErrors = p.fieldErrors ?? [];
  const errors = [...fieldErrors, ...(refused ? problemErrors(lang, problems) : [])];
  const base = `/catalog/${item.id}`;
  const name = lang === 'en' ? item.nameEn : item.nameZh;
  const title = langText(lang, `编辑：${name}`, `Edit: ${name}`);
  const error = (f: FormField): string | undefined => {
    const mine = [
      ...fieldErrors.filter((x) => x.field === f).map((x) => x.message),
      ...(refused ? problems.filter((x) => x.field === f).map((x) => labelText(lang, x.message)) : []),
    ];
    return mine.length > 0 ? mine.join(' ') : undefined;
  };
  const pathError = (path: string): string | undefined => {
    const mine = [
      ...fieldErrors.filter((x) => x.field === path).map((x) => x.message),
      ...(refused ? problems.filter((x) => x.path === path).map((x) => labelText(lang, x.message)) : []),
    ];
    return mine.length > 0 ? mine.join(' ') : undefined;
  };

  const editingNote =
    current.state === 'draft'
      ? langText(
          lang,
          `您正在编辑第${current.version}版草稿。`,
          `You are editing the draft of version ${current.version}.`,
        )
      : langText(
          lang,
          `保存后将生成第${state.targetVersion}版草稿；${
            item.publishedVersion !== null
              ? `第${item.publishedVersion}版在新版本发布前继续在门户上有效。`
              : '当前没有在门户上发布的版本。'
          }`,
          `Saving makes a draft of version ${state.targetVersion}; ${
            item.publishedVersion !== null
              ? `version ${item.publishedVersion} stays live on the portal until the new one is published.`
              : 'no version is live on the portal now.'
          }`,
        );

  return renderPage(
    <Layout
      ctx={ctx}
      title={title}

      hasErrors={errors.length > 0 || p.conflict !== undefined}
    >
      <BackLink href={base}>{langText(lang, '返回事项', 'Back to the item')}</BackLink>
      <ErrorSummary errors={errors} />
      <Flash text={p.flash} />
      <h1>{title}</h1>
      {p.conflict !== undefined ? (
        <div
          class="error-summary"
          role="alert"
          tabindex={-1}
          aria-labelledby="conflict-title"
          data-error-summary=""
        >
          <h2 class="error-summary-title" id="conflict-title">
            {langText(lang, '未保存：事项已被他人修改', 'Not saved: the item has changed')}
          </h2>
          <p>
            {langText(
              lang,
              `打开本页后，事项已有新的版本或已提交审核（当前为第${p.conflict}版）。您填写的内容仍在下方，请复制需要的部分后重新打开编辑页面。`,
              `Since you opened this page, the item got a new version or went to review (now version ${p.conflict}). What you typed is still below; copy what you need and open the editor again.`,
            )}
          </p>
          <p>
            <a href={`${base}/edit`}>{langText(lang, '重新打开编辑页面', 'Open the editor again')}</a>
          </p>
        </div>
      ) : null}
      <p>
        {editingNote} <StateTag state={current.state} lang={lang} version={current.version} />
      </p>
      {current.state === 'returned' && current.reviewComment ? (
        <InsetText>
          <strong>
            {langText(
              lang,
              `退回意见（${current.reviewerBadge ?? ''}）：`,
              `Returned by ${current.reviewerBadge ?? ''}: `,
            )}
          </strong>
          {current.reviewComment}
        </InsetText>
      ) : null}

      {refused ? null : (
        <section class="catalog-check" aria-labelledby="check-title" data-catalog-check="">
          <h2 id="check-title">{langText(lang, '发布规则检查', 'Publication check')}</h2>
          <p role="status" data-catalog-check-status="">
            {problems.length === 0 ? (
              <Tag tone="green">
                {langText(lang, '全部通过，可以提交审核', 'All rules pass; ready for review')}
              </Tag>
            ) : (
              <Tag tone="red">
                {langText(
                  lang,
                  `发现 ${problems.length} 个问题，须全部解决后才能提交审核`,
                  `${problems.length} problem(s) to fix before review`,
                )}
              </Tag>
            )}
          </p>
          <div data-catalog-check-list="">
            {problems.length > 0 ? <ProblemList lang={lang} problems={problems} /> : null}
          </div>
          {p.evaluation.rulesRan ? null : (
            <p>
              {langText(
                lang,
                '内容结构有误，部分发布规则尚未检查；修正上面的问题后将全部检查。',
                'The structure is broken, so some publication rules could not run yet; fix the problems above first.',
              )}
            </p>
          )}
        </section>
      )}

      <EditorForm
        lang={lang}
        csrfToken={ctx.csrfToken ?? ''}
        base={base}
        baseVersion={current.version}
        input={p.input}
        error={error}
        groups={p.groups ?? groupsOfInput(p.input, current.content)}
        pathError={pathError}
      />
      <script src="/static/catalog-check.js" defer></script>
    </Layout>,
  );
}
