import { type FormDefinition, type SummarySection } from '../../shared/application-forms/index.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, Notice, Panel, SummaryList } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, fieldId } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { limitText } from '../catalog/catalog.view.tsx';
import { applicationWords, type ApplicationMessage } from './applications.messages.ts';
import type { StartState } from './applications.service.ts';

/** A material's name is Chinese where the guide has no English for it yet. */
const chinese = (text: string): boolean => /[\u3400-\u9fff]/.test(text);

const w = (ctx: PageContext, key: ApplicationMessage, params?: Record<string, string | number>) =>
  applicationWords(ctx.lang, key, params);

export interface StartView {
  ctx: PageContext;
  item: ServiceItem;
  form: FormDefinition;
  state: StartState;
  materials: {
    uploads: { label: { zh: string; en: string }; material: string; optional: boolean }[];
    checked: string[];
  };
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
}

/** The start page: what the service is, what to have ready, and the way in. */
export function startPage({ ctx, item, form, state, materials, errors = [], values = {} }: StartView) {
  const { lang } = ctx;
  const title = `${item.name[lang]}：${w(ctx, 'startTitle')}`;
  const slug = item.id;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={`/services/items/${slug}`} lang={lang} />
        <ErrorSummary errors={errors} lang={lang} />
        <span class="caption">{w(ctx, 'startTitle')}</span>
        <h1>{item.name[lang]}</h1>
        <p class="lead">{item.summary[lang]}</p>
        <p>{w(ctx, item.onlineDepth.fullyOnline ? 'fullyOnline' : 'preApplication')}</p>
        <SummaryList
          rows={[{ key: w(ctx, 'timeLimit'), value: limitText(lang, item.timeLimits.promised) }]}
        />
        <h2>{w(ctx, 'youWillNeed')}</h2>
        {materials.uploads.length === 0 ? (
          <p>{w(ctx, 'nothingToUpload')}</p>
        ) : (
          <ul class="list list--bullet">
            {materials.uploads.map((u) => (
              <li>
                {u.label[lang]}
                {lang === 'zh' && u.label.zh === u.material ? null : (
                  <>
                    {lang === 'zh' ? '（' : ' ('}
                    <span lang={chinese(u.material) ? 'zh-CN' : undefined}>{u.material}</span>
                    {lang === 'zh' ? '）' : ')'}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {materials.checked.length > 0 ? (
          <>
            <h2>{w(ctx, 'checkedByPolice')}</h2>
            <ul class="list list--bullet">
              {materials.checked.map((name) => (
                <li lang={lang === 'en' && chinese(name) ? 'zh-CN' : undefined}>{name}</li>
              ))}
            </ul>
          </>
        ) : null}
        <StartAction ctx={ctx} form={form} state={state} slug={slug} errors={errors} values={values} />
      </div>
    </Layout>,
  );
}

function StartAction(p: {
  ctx: PageContext;
  form: FormDefinition;
  state: StartState;
  slug: string;
  errors: FieldError[];
  values: Record<string, string>;
}) {
  const { ctx, state, slug } = p;
  const action = `/services/${slug}/apply`;
  switch (state.kind) {
    case 'visitor':
      return (
        <>
          <p>{w(ctx, 'signInFirst')}</p>
          <Button href={`/login?next=${encodeURIComponent(action)}`}>{w(ctx, 'signIn')}</Button>
        </>
      );
    case 'unverified':
      return (
        <>
          <InsetText>{w(ctx, 'realNameNeeded')}</InsetText>
          <p>
            <a href="/account/profile">{w(ctx, 'realNameLink')}</a>
          </p>
        </>
      );
    case 'no-company':
      return (
        <>
          <InsetText>{w(ctx, 'noCompany')}</InsetText>
          <p>
            <a href="/account/companies/new">{w(ctx, 'registerCompany')}</a>
          </p>
        </>
      );
    case 'ready':
      if (state.inFlight !== undefined) {
        return (
          <>
            <Notice lang={ctx.lang}>{w(ctx, 'inFlight')}</Notice>
            <p>
              <a href={`/my/cases/${state.inFlight}`}>{w(ctx, 'inFlightLink')}</a>
            </p>
          </>
        );
      }
      return (
        <Form action={action} csrfToken={ctx.csrfToken ?? ''}>
          {state.draft ? <p>{w(ctx, 'continueDraft')}</p> : null}
          {p.form.applicant === 'company' ? (
            <Radios
              name="company"
              legend={w(ctx, 'chooseCompany')}
              value={p.values.company}
              error={errorFor(p.errors, 'company')}
              items={state.companies.map((c) => ({
                value: c.id,
                label: c.name,
                hint: [
                  c.creditCode,
                  w(ctx, c.role === 'representative' ? 'representative' : 'agent'),
                  ...(c.inFlight ? [w(ctx, 'companyInFlight')] : c.draft ? [w(ctx, 'companyDraft')] : []),
                ].join(' · '),
              }))}
            />
          ) : null}
          <Button>{w(ctx, state.draft ? 'continueLink' : 'startNow')}</Button>
        </Form>
      );
  }
}

export interface CheckView {
  ctx: PageContext;
  id: string;
  form: FormDefinition;
  sections: SummarySection[];
  submitKey: string;
  back: string;
  errors?: FieldError[] | undefined;
  /** How the result is received, when the item may send it by post. */
  delivery?: { label: string; value: string; href: string } | undefined;
}

/** Check your answers, with a change link on every row and the one button that sends the application. */
export function checkPage({ ctx, id, form, sections, submitKey, back, errors = [], delivery }: CheckView) {
  const title = w(ctx, 'checkTitle');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={back} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <span class="caption">{form.title[ctx.lang]}</span>
        <h1>{title}</h1>
        <p>{w(ctx, 'checkIntro')}</p>
        {sections.map((section) => (
          <>
            <h2>{section.title}</h2>
            <SummaryList
              lang={ctx.lang}
              rows={section.rows.map((row) => ({
                key: row.label,
                value: row.answered ? (
                  row.value.length === 1 ? (
                    row.value[0]
                  ) : (
                    <ul class="list">
                      {row.value.map((line) => (
                        <li>{line}</li>
                      ))}
                    </ul>
                  )
                ) : undefined,
                changeHref: `/applications/${id}/pages/${section.page}?change=1#${fieldId(row.field)}`,
              }))}
            />
          </>
        ))}
        {delivery ? (
          <>
            <h2>{delivery.label}</h2>
            <SummaryList
              lang={ctx.lang}
              rows={[{ key: delivery.label, value: delivery.value, changeHref: delivery.href }]}
            />
          </>
        ) : null}
        <Notice lang={ctx.lang}>{w(ctx, 'submitWarning')}</Notice>
        <Form action={`/applications/${id}/submit`} csrfToken={ctx.csrfToken ?? ''}>
          <input type="hidden" name="submitKey" value={submitKey} id={fieldId('submitKey')} />
          <Button>{w(ctx, 'declarationNow')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

/** The GOV.UK confirmation page: the case number, what happens next, and where to follow it. */
export function confirmationPage({
  ctx,
  id,
  caseNumber,
  item,
}: {
  ctx: PageContext;
  id: string;
  caseNumber: string;
  item: ServiceItem | undefined;
}) {
  const title = w(ctx, 'submittedTitle');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <Panel title={title} reference={caseNumber} lang={ctx.lang} />
        <h2>{w(ctx, 'whatNext')}</h2>
        <p>{w(ctx, item?.onlineDepth.fullyOnline === false ? 'whatNextPre' : 'whatNextFullyOnline')}</p>
        {item ? (
          <SummaryList
            rows={[{ key: w(ctx, 'timeLimit'), value: limitText(ctx.lang, item.timeLimits.promised) }]}
          />
        ) : null}
        <p>
          <a href={`/my/cases/${caseNumber}`}>{w(ctx, 'myCases')}</a>
        </p>
        <p>
          <a href={`/applications/${id}/receipt.pdf`} download="">
            {w(ctx, 'receipt')}
          </a>
        </p>
      </div>
    </Layout>,
  );
}
