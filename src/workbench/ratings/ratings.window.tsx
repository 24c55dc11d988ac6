import { errorFor } from '../../shared/http/forms.ts';
import { RATING_LEVELS, isBadReview, levelWords, reasonOptions } from '../../shared/ratings/ratings.scale.ts';
import { Checkboxes, Radios } from '../../shared/ui/choices.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderPage } from '../../shared/ui/render.ts';

// The window's rating page: the officer types the case number or booking code and what the person chose on
// the counter device.

export function windowPage(p: {
  ctx: PageContext;
  values?: Record<string, string> | undefined;
  reasons?: readonly string[];
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}) {
  const { ctx } = p;
  const values = p.values ?? {};
  const errors = p.errors ?? [];
  const title = inLang(ctx, '窗口评价登记', 'Record a rating at the window');
  const choices = (good: boolean) =>
    reasonOptions
      .filter((r) => (good ? r.code < '510' : r.code >= '510'))
      .map((r) => ({
        value: r.code,
        label: `${r.words[ctx.lang]}${inLang(ctx, `（${r.code}）`, ` (${r.code})`)}`,
      }));
  // Both groups post the one list of reasons, so each has ids of its own; the refusal shows on the group it
  // is about, which keeps the default id the error summary links to.
  const reasonsError = errorFor(errors, 'reasons');
  const onGood =
    reasonsError !== undefined &&
    isBadReview(Number(values.level)) &&
    (p.reasons ?? []).some((code) => code < '510');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <FlashBanner text={p.flash} lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          '请申请人在窗口评价器上评价，再按其选择登记。评价提交后不能修改。',
          'The person rates on the counter device; record what they chose. A rating cannot be changed.',
        )}
      </p>
      <Form action="/ratings/window" csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="number"
          label={inLang(ctx, '办件编号或预约码', 'Case number or booking code')}
          value={values.number}
          error={errorFor(errors, 'number')}
        />
        <Radios
          name="level"
          legend={inLang(ctx, '评价等级', 'Level')}
          items={RATING_LEVELS.map((l) => ({ value: String(l), label: levelWords[l][ctx.lang] }))}
          value={values.level}
          error={errorFor(errors, 'level')}
        />
        <Checkboxes
          name="reasons"
          legend={inLang(ctx, '满意的方面', 'What went well')}
          items={choices(true)}
          values={p.reasons ?? []}
          optional
          id={onGood ? undefined : 'field-reasons-good'}
          error={onGood ? reasonsError : undefined}
        />
        <Checkboxes
          name="reasons"
          legend={inLang(ctx, '不满意的原因（不满意时必选）', 'What went wrong (needed for a bad review)')}
          items={choices(false)}
          values={p.reasons ?? []}
          id={onGood ? 'field-reasons-bad' : undefined}
          error={onGood ? undefined : reasonsError}
        />
        <TextArea
          name="comment"
          label={inLang(ctx, '意见和建议', 'Comments')}
          optional
          rows={3}
          value={values.comment}
          error={errorFor(errors, 'comment')}
        />
        <Button>{inLang(ctx, '登记评价', 'Record the rating')}</Button>
      </Form>
    </Layout>,
  );
}
