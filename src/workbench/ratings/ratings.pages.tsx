import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { levelWords, reasonWords, type RatingLevel } from '../../shared/ratings/ratings.scale.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { BackLink, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { actionWords, channelWords, stateWords, stepWords, word } from './ratings.messages.ts';
import { SetAsideSection, SetAsideTag } from './ratings.set-aside.tsx';
import type { OrderLine } from './ratings.repository.ts';
import type { OrderDetail, OrderView } from './ratings.service.ts';
import type { RatingRow } from './ratings.tables.ts';

// The rectification orders of bad reviews (差评整改) and one order: the rating as given (read-only), the
// steps so far, the next step's form for the handling unit, and the sampling form for the unit above.

const views: { view: OrderView; zh: string; en: string }[] = [
  { view: 'open', zh: '办理中', en: 'Open' },
  { view: 'closed', zh: '已办结', en: 'Closed' },
];

export const subjectHref = (rating: Pick<RatingRow, 'subjectKind' | 'subjectNumber'>) =>
  rating.subjectKind === 'case' ? `/cases/${rating.subjectNumber}` : `/letters/${rating.subjectNumber}`;

export const LevelTag = ({ ctx, level }: { ctx: PageContext; level: number }) => (
  <Tag tone={level <= 2 ? 'red' : level === 3 ? 'amber' : 'green'}>
    {levelWords[level as RatingLevel][ctx.lang]}
  </Tag>
);

export function ordersPage(p: { ctx: PageContext; view: OrderView; list: OrderLine[]; today: string }) {
  const { ctx } = p;
  const title = inLang(ctx, '差评整改', 'Bad reviews');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <nav aria-label={inLang(ctx, '工单筛选', 'Order filter')}>
        <ul class="pill-list">
          {views.map((v) => (
            <li>
              <a href={`/ratings?view=${v.view}`} aria-current={v.view === p.view ? 'page' : undefined}>
                {inLang(ctx, v.zh, v.en)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.list.length === 0 ? (
        <p>{inLang(ctx, '没有整改工单。', 'No orders.')}</p>
      ) : (
        <Table
          caption={title}
          head={[
            inLang(ctx, '评价对象', 'Rated'),
            inLang(ctx, '评价', 'Rating'),
            inLang(ctx, '环节', 'Step'),
            inLang(ctx, '期限', 'Due'),
            inLang(ctx, '申诉', 'Appeal'),
          ]}
          rows={p.list.map((o) => [
            <a href={`/ratings/orders/${o.id}`}>{o.rating.subjectNumber}</a>,
            <span>
              <LevelTag ctx={ctx} level={o.rating.level} />{' '}
              {o.rating.setAside ? <SetAsideTag ctx={ctx} /> : null}
            </span>,
            word(ctx.lang, stateWords, o.state),
            o.dueOn ? (
              <span>
                {o.dueOn}{' '}
                {o.dueOn < p.today ? <Tag tone="red">{inLang(ctx, '已超期', 'Overdue')}</Tag> : null}
              </span>
            ) : (
              ''
            ),
            o.round > 1 ? inLang(ctx, '已申诉', 'Appealed') : '',
          ])}
        />
      )}
    </Layout>,
  );
}

export function orderPage(p: {
  ctx: PageContext;
  detail: OrderDetail;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}) {
  const { ctx, detail } = p;
  const { order, rating } = detail;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const title = inLang(ctx, `差评整改 ${rating.subjectNumber}`, `Bad review ${rating.subjectNumber}`);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/ratings" lang={ctx.lang} />
      <FlashBanner text={p.flash} lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          {
            key: inLang(ctx, '评价对象', 'Case or letter'),
            value: <a href={subjectHref(rating)}>{rating.subjectNumber}</a>,
          },
          {
            key: inLang(ctx, '评价', 'Rating'),
            value: (
              <span>
                <LevelTag ctx={ctx} level={rating.level} />{' '}
                {rating.setAside ? <SetAsideTag ctx={ctx} /> : null}
              </span>
            ),
          },
          { key: inLang(ctx, '评价渠道', 'Channel'), value: word(ctx.lang, channelWords, rating.channel) },
          {
            key: inLang(ctx, '原因', 'Reasons'),
            value: rating.reasons
              .map((c) => `${reasonWords(c)[ctx.lang]}${inLang(ctx, `（${c}）`, ` (${c})`)}`)
              .join(inLang(ctx, '；', '; ')),
          },
          { key: inLang(ctx, '意见', 'Comment'), value: rating.comment ?? '' },
          { key: inLang(ctx, '评价时间', 'Rated on'), value: formatDateTime(ctx.lang, rating.ratedAt) },
          { key: inLang(ctx, '责任单位', 'Unit'), value: detail.unitName ?? '' },
          { key: inLang(ctx, '环节', 'Step'), value: word(ctx.lang, stateWords, order.state) },
          // A step's deadline while one runs; a replied or closed order has none to show.
          ...(order.dueOn ? [{ key: inLang(ctx, '本环节期限', 'Step due'), value: order.dueOn }] : []),
          ...(order.sample
            ? [
                {
                  key: inLang(ctx, '抽查', 'Sampled'),
                  value: word(ctx.lang, actionWords, `sample-${order.sample}`),
                },
              ]
            : []),
        ]}
      />
      <p class="hint">
        {inLang(
          ctx,
          '评价内容不能修改。回访时请在办件或信件页面查看联系方式。',
          'A rating cannot be changed. For the call-back, see the contact on the case or letter page.',
        )}
      </p>
      <h2>{inLang(ctx, '办理记录', 'History')}</h2>
      <ol class="timeline">
        {detail.actions.map((a) => (
          <li>
            <strong>{word(ctx.lang, actionWords, a.action)}</strong> · {formatDateTime(ctx.lang, a.at)} ·{' '}
            {a.actor === 'system' ? inLang(ctx, '系统', 'system') : a.actor}
            {a.text ? <p>{a.text}</p> : null}
          </li>
        ))}
      </ol>
      {detail.step ? (
        <Form action={`/ratings/orders/${order.id}/step`} csrfToken={ctx.csrfToken ?? ''}>
          <input type="hidden" name="action" value={detail.step} />
          <TextArea
            name="text"
            label={word(ctx.lang, stepWords, detail.step)}
            hint={
              detail.step === 'reply'
                ? inLang(ctx, '答复将发送给评价人', 'The person will read this reply')
                : undefined
            }
            rows={4}
            value={values.text}
            error={errorFor(errors, 'text')}
          />
          <Button>{inLang(ctx, '提交', 'Submit')}</Button>
        </Form>
      ) : null}
      {detail.maySample ? (
        <Form action={`/ratings/orders/${order.id}/sample`} csrfToken={ctx.csrfToken ?? ''}>
          <Radios
            name="result"
            legend={inLang(ctx, '抽查结论', 'Result of the check')}
            items={[
              { value: 'checked', label: inLang(ctx, '合格', 'Fine') },
              { value: 'unsatisfactory', label: inLang(ctx, '不合格', 'Unsatisfactory') },
            ]}
            value={values.result}
            error={errorFor(errors, 'result')}
          />
          <TextArea
            name="text"
            label={inLang(ctx, '抽查意见', 'Remarks')}
            optional
            rows={3}
            value={values.text}
            error={errorFor(errors, 'text')}
          />
          <Button variant="secondary">{inLang(ctx, '提交抽查结论', 'Record the check')}</Button>
        </Form>
      ) : null}
      <SetAsideSection ctx={ctx} detail={detail} values={values} errors={errors} />
    </Layout>,
  );
}
