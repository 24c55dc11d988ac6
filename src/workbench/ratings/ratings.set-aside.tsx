import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { SummaryList, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';
import { proposalStateWords, word } from './ratings.messages.ts';
import type { OrderDetail } from './ratings.service.ts';

// The order page's part about setting the rating aside as malicious: the proposals so far, the proposal form
// for the handling unit's supervisor, and the decision form for a leader of a unit above.

export const SetAsideTag = ({ ctx }: { ctx: PageContext }) => (
  <Tag tone="grey">{inLang(ctx, '已认定为恶意评价，不计入统计', 'Set aside as malicious; not counted')}</Tag>
);

export function SetAsideSection(p: {
  ctx: PageContext;
  detail: OrderDetail;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { ctx, detail, values, errors } = p;
  const base = `/ratings/orders/${detail.order.id}/set-aside`;
  if (!detail.proposals.length && !detail.mayPropose) return null;
  return (
    <section aria-labelledby="set-aside">
      <h2 id="set-aside">{inLang(ctx, '恶意评价认定', 'Setting aside a malicious rating')}</h2>
      {detail.proposals.map((proposal) => (
        <SummaryList
          lang={ctx.lang}
          rows={[
            { key: inLang(ctx, '状态', 'State'), value: word(ctx.lang, proposalStateWords, proposal.state) },
            {
              key: inLang(ctx, '申请', 'Proposed'),
              value: `${proposal.proposedBy} · ${formatDateTime(ctx.lang, proposal.proposedAt)}`,
            },
            { key: inLang(ctx, '理由', 'Reason'), value: proposal.reason },
            { key: inLang(ctx, '证据', 'Evidence'), value: proposal.evidence },
            ...(proposal.decidedBy
              ? [
                  {
                    key: inLang(ctx, '审核', 'Decided'),
                    value: `${proposal.decidedBy}：${proposal.decisionNote ?? ''}`,
                  },
                ]
              : []),
          ]}
        />
      ))}
      {detail.mayPropose ? (
        <Form action={base} csrfToken={ctx.csrfToken ?? ''}>
          <p class="hint">
            {inLang(
              ctx,
              '剔除须经上级单位领导审核；评价本身不会被修改。',
              'A leader of a unit above decides; the rating itself is not changed.',
            )}
          </p>
          <TextArea
            name="reason"
            label={inLang(ctx, '认定为恶意评价的理由', 'Why the rating is malicious')}
            rows={3}
            value={values.reason}
            error={errorFor(errors, 'reason')}
          />
          <TextArea
            name="evidence"
            label={inLang(ctx, '证据情况', 'Evidence')}
            rows={3}
            value={values.evidence}
            error={errorFor(errors, 'evidence')}
          />
          <Button variant="secondary">{inLang(ctx, '提交剔除申请', 'Propose setting it aside')}</Button>
        </Form>
      ) : null}
      {detail.mayDecide ? (
        <Form action={`${base}/decide`} csrfToken={ctx.csrfToken ?? ''}>
          <Radios
            name="decision"
            legend={inLang(ctx, '审核结论', 'Decision')}
            items={[
              { value: 'approve', label: inLang(ctx, '同意剔除', 'Set it aside') },
              { value: 'reject', label: inLang(ctx, '不同意，保留评价', 'Refuse; the rating stands') },
            ]}
            value={values.decision}
            error={errorFor(errors, 'decision')}
          />
          <TextArea
            name="note"
            label={inLang(ctx, '审核意见', 'Reasons for the decision')}
            rows={3}
            value={values.note}
            error={errorFor(errors, 'note')}
          />
          <Button>{inLang(ctx, '提交审核结论', 'Record the decision')}</Button>
        </Form>
      ) : null}
    </section>
  );
}
