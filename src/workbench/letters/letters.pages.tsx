import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { BackLink, Notice, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { EstimatedDueNote } from '../../shared/ui/estimated-due.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { maskMobile } from '../../shared/validators/mobile.ts';
import type { QueueView } from './letters.repository.ts';
import { actionWords, kindWords, stateWords, urgencyWords, word } from './letters.messages.ts';
import type { LetterDetail, Urgency } from './letters.service.ts';
import type { LetterRow } from './letters.tables.ts';
import { Suggestions, type KbSuggestion } from '../kb/kb.suggestions.tsx';
import { PointMap } from '../../shared/map/point-map.tsx';

// The letter queue (green / amber / red by due date) and one letter: what the writer sent, its history, and
// the officer's actions — claim, reply, forward with reasons, hand off to 12345 or another department.

function Due({ ctx, dueOn, urgency }: { ctx: PageContext; dueOn: string | null; urgency: Urgency | null }) {
  if (!dueOn || !urgency) return <span class="muted">{inLang(ctx, '无时限', 'No limit running')}</span>;
  return (
    <span>
      {dueOn} <Tag tone={urgency}>{urgencyWords[urgency][ctx.lang]}</Tag>
    </span>
  );
}

const views: { view: QueueView; zh: string; en: string }[] = [
  { view: 'open', zh: '办理中', en: 'Open' },
  { view: 'overdue', zh: '已超期', en: 'Overdue' },
  { view: 'closed', zh: '已办结', en: 'Closed' },
];

export function queuePage(p: {
  ctx: PageContext;
  view: QueueView;
  list: (LetterRow & { urgency: Urgency | null; dueEstimated?: boolean })[];
}) {
  const { ctx } = p;
  const title = inLang(ctx, '信件办理', 'Letters');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <nav aria-label={inLang(ctx, '信件筛选', 'Letter filter')}>
        <ul class="pill-list">
          {views.map((v) => (
            <li>
              <a href={`/letters?view=${v.view}`} aria-current={v.view === p.view ? 'page' : undefined}>
                {inLang(ctx, v.zh, v.en)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {p.list.length === 0 ? (
        <p>{inLang(ctx, '没有信件。', 'No letters.')}</p>
      ) : (
        <Table
          caption={title}
          head={[
            inLang(ctx, '信件编号', 'Number'),
            inLang(ctx, '标题', 'Subject'),
            inLang(ctx, '类型', 'Kind'),
            inLang(ctx, '状态', 'State'),
            inLang(ctx, '答复期限', 'Due'),
            inLang(ctx, '认领人', 'Claimed by'),
          ]}
          rows={p.list.map((l) => [
            <a href={`/letters/${l.letterNumber}`}>{l.letterNumber}</a>,
            l.subject,
            word(ctx.lang, kindWords, l.kind),
            word(ctx.lang, stateWords, l.state),
            <span>
              <Due ctx={ctx} dueOn={l.dueOn} urgency={l.urgency} />
              {l.urgency && l.dueEstimated ? <EstimatedDueNote ctx={ctx} /> : null}
            </span>,
            l.claimedBy ?? inLang(ctx, '未认领', 'Unclaimed'),
          ])}
        />
      )}
    </Layout>,
  );
}

/** The writer with his mobile masked, and the reveal form (a reason, audited) until it is shown. */
function Writer(p: {
  ctx: PageContext;
  writer: { name: string; mobile: string };
  revealed: boolean;
  base: string;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx } = p;
  if (p.revealed) return <span>{`${p.writer.name} ${p.writer.mobile}`}</span>;
  return (
    <>
      <span>{`${p.writer.name} ${maskMobile(p.writer.mobile)}`}</span>
      <Form action={`${p.base}/reveal`} csrfToken={ctx.csrfToken ?? ''}>
        <TextField
          name="revealReason"
          label={inLang(ctx, '查看完整手机号的理由', 'Why you need the full number')}
          hint={inLang(
            ctx,
            '例如“电话联系核实情况”。查看将记入审计日志。',
            'For example “to call and check”. It is logged.',
          )}
          value={p.values.revealReason}
          error={errorFor(p.errors, 'revealReason')}
        />
        <Button variant="secondary">{inLang(ctx, '显示', 'Show')}</Button>
      </Form>
    </>
  );
}

/** The photos sent with the letter, each linking to the full picture. */
function Photos({ ctx, detail }: { ctx: PageContext; detail: LetterDetail }) {
  if (detail.photos.length === 0) return null;
  const base = `/letters/${detail.letter.letterNumber}/photos`;
  return (
    <>
      <h2>{inLang(ctx, '来信照片', 'Photos')}</h2>
      <ul class="list">
        {detail.photos.map((photo, i) => {
          const label = inLang(ctx, `照片 ${i + 1}`, `Photo ${i + 1}`);
          return (
            <li>
              {photo.arrived ? (
                <a href={`${base}/${photo.id}`}>
                  <img src={`${base}/${photo.id}`} alt={label} width="240" loading="lazy" />
                  <span class="visually-hidden">{inLang(ctx, '（查看原图）', ' (full size)')}</span>
                </a>
              ) : (
                <span class="muted">
                  {label} {inLang(ctx, '正在传输', 'still on its way')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function letterPage(p: {
  ctx: PageContext;
  detail: LetterDetail;
  urgency: Urgency | null;
  /** The due date falls in a year without a holiday schedule: counted on Monday to Friday only. */
  dueEstimated?: boolean;
  values?: Record<string, string>;
  errors?: FieldError[];
  flash?: string | undefined;
  /** The writer's mobile is shown whole only in the answer to an audited reveal. */
  revealed?: boolean;
  /** Knowledge-base entries suggested for this letter, shown beside the reply form. */
  suggestions?: KbSuggestion[];
}) {
  const { ctx, detail } = p;
  const { letter } = detail;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const base = `/letters/${letter.letterNumber}`;
  const token = ctx.csrfToken ?? '';
  return renderPage(
    <Layout ctx={ctx} title={letter.subject} hasErrors={errors.length > 0}>
      <BackLink href="/letters" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      {p.flash ? (
        <div class="notification-banner" role="status">
          {p.flash}
        </div>
      ) : null}
      <span class="caption">{letter.letterNumber}</span>
      <h1>{letter.subject}</h1>
      {detail.accusedName ? (
        <Notice lang={ctx.lang}>
          {inLang(
            ctx,
            `本信件反映“${detail.accusedName}”，不得交该单位或其下级单位办理。`,
            `This letter is about “${detail.accusedName}”: it must not go to that unit or any unit below it.`,
          )}
        </Notice>
      ) : null}
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '类型', 'Kind'), value: word(ctx.lang, kindWords, letter.kind) },
          { key: inLang(ctx, '状态', 'State'), value: word(ctx.lang, stateWords, letter.state) },
          {
            key: inLang(ctx, '办理单位', 'Unit'),
            value: detail.unitName ?? inLang(ctx, '未分办', 'Not routed'),
          },
          {
            key: inLang(ctx, '答复期限', 'Due'),
            value: (
              <>
                <Due ctx={ctx} dueOn={letter.dueOn} urgency={p.urgency} />
                {p.urgency && p.dueEstimated ? <EstimatedDueNote ctx={ctx} /> : null}
              </>
            ),
          },
          {
            key: inLang(ctx, '来信人', 'Writer'),
            value: detail.writer ? (
              <Writer
                ctx={ctx}
                writer={detail.writer}
                revealed={p.revealed === true}
                base={base}
                values={values}
                errors={errors}
              />
            ) : (
              inLang(ctx, '匿名', 'Anonymous')
            ),
          },
          ...(letter.place ? [{ key: inLang(ctx, '地点', 'Place'), value: letter.place }] : []),
          ...(letter.latitude !== null && letter.longitude !== null
            ? [
                {
                  key: inLang(ctx, '坐标（来信人填写）', 'Coordinates (as typed)'),
                  value: (
                    <>
                      {`${letter.latitude}, ${letter.longitude}`}
                      <PointMap
                        id="letter-point"
                        lang={ctx.lang}
                        tiles={ctx.mapTiles}
                        at={{ lat: letter.latitude, lng: letter.longitude }}
                      />
                    </>
                  ),
                },
              ]
            : []),
          ...(letter.concernedUnit
            ? [{ key: inLang(ctx, '来信所涉单位', 'Unit named by the writer'), value: letter.concernedUnit }]
            : []),
          {
            key: inLang(ctx, '答复可否公开', 'Reply may be published'),
            value: letter.publishAllowed ? inLang(ctx, '来信人同意公开', 'Yes') : inLang(ctx, '不公开', 'No'),
          },
        ]}
      />
      <h2>{inLang(ctx, '来信内容', 'The letter')}</h2>
      {letter.body
        .split(/\r?\n/)
        .filter((line) => line.trim())
        .map((line) => (
          <p>{line}</p>
        ))}
      <Photos ctx={ctx} detail={detail} />
      <h2>{inLang(ctx, '办理记录', 'History')}</h2>
      <ol class="list">
        {detail.actions.map((a) => (
          <li>
            <strong>{word(ctx.lang, actionWords, a.action)}</strong> · {formatDateTime(ctx.lang, a.at)} ·{' '}
            {a.actor}
            {a.unitCode ? ` · ${a.unitCode}` : ''}
            {a.text && !a.text.startsWith('rule:') ? <p>{a.text}</p> : null}
          </li>
        ))}
      </ol>
      {detail.may.claim ? (
        <Form action={`${base}/claim`} csrfToken={token}>
          <Button>{inLang(ctx, '认领', 'Claim')}</Button>
        </Form>
      ) : null}
      {detail.may.reply ? (
        <>
          <h2>{inLang(ctx, '答复', 'Reply')}</h2>
          <Suggestions ctx={ctx} base={base} list={p.suggestions ?? []} />
          <Form action={`${base}/reply`} csrfToken={token}>
            <TextArea
              name="text"
              label={inLang(ctx, '答复内容', 'The reply')}
              hint={inLang(ctx, '来信人将看到这段文字', 'The writer reads these words')}
              rows={8}
              value={values.text}
              error={errorFor(errors, 'text')}
            />
            <Button>{inLang(ctx, '发送答复', 'Send the reply')}</Button>
          </Form>
        </>
      ) : null}
      {detail.may.forward ? (
        <>
          <h2>{inLang(ctx, '转办', 'Forward')}</h2>
          <Form action={`${base}/forward`} csrfToken={token}>
            <TextField
              name="unitCode"
              label={inLang(ctx, '转给单位（代码）', 'To unit (code)')}
              hint={inLang(
                ctx,
                '例如 SF-D01-P01。转办后办理期限为15个工作日。',
                'For example SF-D01-P01. A forwarded letter has 15 working days.',
              )}
              width={20}
              value={values.unitCode}
              error={errorFor(errors, 'unitCode')}
            />
            <TextArea
              name="reason"
              label={inLang(ctx, '转办理由', 'Why')}
              rows={3}
              value={values.forwardReason}
              error={errorFor(errors, 'reason')}
            />
            <Button variant="secondary">{inLang(ctx, '转办', 'Forward')}</Button>
          </Form>
        </>
      ) : null}
      {detail.may.reclassify ? (
        <>
          <h2>{inLang(ctx, '调整信件类型', 'Change the kind')}</h2>
          <Form action={`${base}/reclassify`} csrfToken={token}>
            <Select
              name="kind"
              label={inLang(ctx, '新的类型', 'New kind')}
              hint={inLang(
                ctx,
                '调整后按分办规则重新交办，并按新类型重新计算答复期限；来信人会看到新的类型。',
                'The letter is routed again by the rules and its deadline starts afresh; the writer sees the new kind.',
              )}
              value={values.kind ?? letter.kind}
              options={Object.keys(kindWords).map((k) => ({ value: k, label: word(ctx.lang, kindWords, k) }))}
              error={errorFor(errors, 'kind')}
            />
            <TextArea
              name="reclassifyReason"
              label={inLang(ctx, '调整理由（仅内部可见）', 'Why (officers only)')}
              rows={3}
              value={values.reclassifyReason}
              error={errorFor(errors, 'reclassifyReason')}
            />
            <Button variant="secondary">{inLang(ctx, '调整类型', 'Change the kind')}</Button>
          </Form>
        </>
      ) : null}
      {detail.may.transfer ? (
        <>
          <h2>{inLang(ctx, '移交', 'Hand off')}</h2>
          <Form action={`${base}/transfer`} csrfToken={token}>
            <Radios
              name="target"
              legend={inLang(ctx, '移交去向', 'Where to')}
              value={values.target}
              items={[
                { value: '12345', label: inLang(ctx, '转12345政务服务便民热线', 'The 12345 hotline') },
                {
                  value: 'other-department',
                  label: inLang(ctx, '非公安职责，移交有关部门', 'Another department (not a police matter)'),
                },
              ]}
              error={errorFor(errors, 'target')}
            />
            <TextArea
              name="reason"
              label={inLang(ctx, '移交理由（来信人可见）', 'Reasons (the writer reads them)')}
              rows={3}
              value={values.transferReason}
              error={errorFor(errors, 'reason')}
            />
            <Button variant="secondary">{inLang(ctx, '移交', 'Hand off')}</Button>
          </Form>
        </>
      ) : null}
    </Layout>,
  );
}
