import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import {
  RATING_LEVELS,
  isBadReview,
  levelWords,
  reasonOptions,
  reasonWords,
  type RatingLevel,
} from '../../shared/ratings/ratings.scale.ts';
import { Checkboxes, Radios } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, SummaryList, Tag } from '../../shared/ui/components.tsx';
import { inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';
import type { RatingPageView } from './ratings.service.ts';
import type { RatingRow } from './ratings.tables.ts';

// The rating page of one case or letter: the form while it may be rated; afterwards the rating as given (or
// the default), the unit's reply to a bad review, and the form to accept it or appeal once.

export const ratingHref = (kind: string, number: string) => `/my/ratings/${kind}/${number}`;

const backHref = (view: RatingPageView) =>
  view.kind === 'case' ? `/my/cases/${view.number}` : `/my/letters/${view.number}`;

export function ratingPage({
  ctx,
  view,
  values = {},
  errors = [],
  reasons = [],
  flash,
}: FormView & { view: RatingPageView; reasons?: readonly string[]; flash?: string | undefined }) {
  // Once a rating stands (given or defaulted) the page shows it: its title no longer asks to rate.
  const title = view.rating
    ? view.rating.defaulted
      ? inLang(ctx, '默认评价', 'Default rating')
      : inLang(ctx, '您的评价', 'Your rating')
    : inLang(ctx, '评价', 'Rate');
  const what =
    view.kind === 'case'
      ? inLang(ctx, `办件 ${view.number}`, `Case ${view.number}`)
      : inLang(ctx, `信件 ${view.number}`, `Letter ${view.number}`);
  return renderPage(
    <Layout ctx={ctx} title={`${title} ${view.number}`} hasErrors={errors.length > 0}>
      <div class="narrow">
        {view.viaLink ? null : <BackLink href={backHref(view)} lang={ctx.lang} />}
        <FlashBanner text={flash} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <span class="caption">{what}</span>
        <h1>{title}</h1>
        {view.rating ? (
          <Given ctx={ctx} rating={view.rating} values={values} errors={errors} />
        ) : view.open ? (
          <RateForm ctx={ctx} view={view} values={values} errors={errors} reasons={reasons} />
        ) : (
          <InsetText>
            {view.closesAt
              ? inLang(
                  ctx,
                  '评价期限已过，系统将记录默认评价。',
                  'The rating period is over; the default is recorded.',
                )
              : inLang(ctx, '办结或答复后才能评价。', 'You can rate once it is finished or answered.')}
          </InsetText>
        )}
      </div>
    </Layout>,
  );
}

function RateForm(p: FormView & { view: RatingPageView; reasons: readonly string[] }) {
  const { ctx, view, values = {}, errors = [] } = p;
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
  const level = Number(values.level);
  const onGood = reasonsError !== undefined && isBadReview(level) && p.reasons.some((code) => code < '510');
  return (
    <Form action={view.viaLink ?? ratingHref(view.kind, view.number)} csrfToken={ctx.csrfToken ?? ''}>
      <p>
        {inLang(
          ctx,
          `评价自愿、真实，请在 ${formatDateTime(ctx.lang, view.closesAt!)} 前提交，提交后不能修改。`,
          `Rating is voluntary. Please rate before ${formatDateTime(ctx.lang, view.closesAt!)}; it cannot be changed afterwards.`,
        )}
      </p>
      <Radios
        name="level"
        legend={inLang(ctx, '您对这次办理满意吗？', 'How satisfied are you?')}
        items={RATING_LEVELS.map((level) => ({ value: String(level), label: levelWords[level][ctx.lang] }))}
        value={values.level}
        error={errorFor(errors, 'level')}
      />
      <Checkboxes
        name="reasons"
        legend={inLang(ctx, '满意的方面（非常满意、满意、基本满意时选择）', 'What went well (if satisfied)')}
        items={choices(true)}
        values={p.reasons}
        optional
        id={onGood ? undefined : 'field-reasons-good'}
        error={onGood ? reasonsError : undefined}
      />
      <Checkboxes
        name="reasons"
        legend={inLang(
          ctx,
          '不满意的原因（基本满意、不满意、非常不满意时选择；不满意时必选）',
          'What went wrong (if not satisfied; needed for a bad review)',
        )}
        items={choices(false)}
        values={p.reasons}
        id={onGood ? 'field-reasons-bad' : undefined}
        error={onGood ? undefined : reasonsError}
      />
      <TextArea
        name="comment"
        label={inLang(ctx, '意见和建议', 'Comments')}
        hint={inLang(ctx, '500字以内', 'Up to 500 characters')}
        optional
        rows={4}
        value={values.comment}
        error={errorFor(errors, 'comment')}
      />
      <Button>{inLang(ctx, '提交评价', 'Send the rating')}</Button>
    </Form>
  );
}

function Given(p: FormView & { rating: RatingRow }) {
  const { ctx, rating, values = {}, errors = [] } = p;
  const level = rating.level as RatingLevel;
  const mayAnswer = rating.replyRound > 0 && !rating.accepted && !rating.answeredAt;
  return (
    <>
      <SummaryList
        lang={ctx.lang}
        rows={[
          {
            key: inLang(ctx, '评价', 'Rating'),
            value: (
              <span>
                {levelWords[level][ctx.lang]}{' '}
                {rating.defaulted ? (
                  <Tag tone="grey">{inLang(ctx, '期限内未评价，系统默认', 'Not rated in time: default')}</Tag>
                ) : null}
              </span>
            ),
          },
          ...(rating.reasons.length
            ? [
                {
                  key: inLang(ctx, '原因', 'Reasons'),
                  value: rating.reasons.map((c) => reasonWords(c)[ctx.lang]).join(inLang(ctx, '；', '; ')),
                },
              ]
            : []),
          ...(rating.comment ? [{ key: inLang(ctx, '意见和建议', 'Comments'), value: rating.comment }] : []),
          { key: inLang(ctx, '评价时间', 'Rated'), value: formatDateTime(ctx.lang, rating.ratedAt) },
        ]}
      />
      {rating.replyText ? (
        <>
          <h2>{inLang(ctx, '整改答复', 'The unit’s reply')}</h2>
          <p class="hint">
            {rating.replyUnit} · {rating.repliedAt ? formatDateTime(ctx.lang, rating.repliedAt) : ''}
          </p>
          <p>{rating.replyText}</p>
          {rating.accepted ? <p>{inLang(ctx, '您已接受答复。', 'You accepted the reply.')}</p> : null}
          {rating.appealed && !mayAnswer ? <p>{inLang(ctx, '您已提出申诉。', 'You appealed.')}</p> : null}
        </>
      ) : null}
      {mayAnswer ? (
        <Form
          action={`${ratingHref(rating.subjectKind, rating.subjectNumber)}/answer`}
          csrfToken={ctx.csrfToken ?? ''}
        >
          <Radios
            name="answer"
            legend={inLang(ctx, '您是否接受这份答复？', 'Do you accept this reply?')}
            items={[
              { value: 'accept', label: inLang(ctx, '接受', 'I accept it') },
              ...(rating.appealed
                ? []
                : [
                    {
                      value: 'appeal',
                      label: inLang(ctx, '不接受，提出申诉（只能申诉一次）', 'No, I appeal (once only)'),
                    },
                  ]),
            ]}
            value={values.answer}
            error={errorFor(errors, 'answer')}
          />
          {rating.appealed ? null : (
            <TextArea
              name="reason"
              label={inLang(ctx, '申诉理由', 'Why you appeal')}
              hint={inLang(ctx, '申诉时填写，500字以内', 'If you appeal; up to 500 characters')}
              rows={3}
              value={values.reason}
              error={errorFor(errors, 'reason')}
            />
          )}
          <Button>{inLang(ctx, '提交', 'Send')}</Button>
        </Form>
      ) : null}
    </>
  );
}
