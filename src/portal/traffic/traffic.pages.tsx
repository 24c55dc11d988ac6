import type { ViolationState } from '../../exchange/contracts/index.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Checkboxes } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { yuan } from '../payments/payments.messages.ts';
import { trafficWords as w, violationStateWords } from './traffic.messages.ts';
import type { LookupRow, ViolationListRow, ViolationRow } from './traffic.repository.ts';
import type { Fine, LookupState } from './traffic.service.ts';

type Words = { zh: string; en: string };
const say = (ctx: PageContext, words: Words) => words[ctx.lang];

export const violationHref = (id: string) => `/my/traffic/violations/${id}`;

function StateTag({ ctx, state }: { ctx: PageContext; state: ViolationState }) {
  const words = violationStateWords[state];
  return <Tag tone={words.tone}>{say(ctx, words)}</Tag>;
}

function LookupButton({ ctx, again }: { ctx: PageContext; again: boolean }) {
  return (
    <Form action="/my/traffic/lookup" csrfToken={ctx.csrfToken ?? ''}>
      <Button variant={again ? 'secondary' : 'primary'}>{say(ctx, again ? w.lookupAgain : w.lookup)}</Button>
    </Form>
  );
}

/** 我的交通违法: his vehicles, licence points and violations as last answered, and the way to ask again. */
export function listPage(p: {
  ctx: PageContext;
  state: LookupState;
  lookup: LookupRow | undefined;
  violations: ViolationListRow[];
  flash?: string | undefined;
}) {
  const { ctx, lookup } = p;
  const title = say(ctx, w.title);
  const licence = lookup?.licence;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/account" lang={ctx.lang} />
      <FlashBanner text={p.flash} />
      <h1>{title}</h1>
      <p>{say(ctx, w.intro)}</p>
      {p.state === 'unverified' ? (
        <InsetText>
          {say(ctx, w.unverified)} <a href="/account/profile">{say(ctx, w.verifyLink)}</a>
        </InsetText>
      ) : p.state === 'never' ? (
        <LookupButton ctx={ctx} again={false} />
      ) : (
        <>
          {p.state === 'pending' ? (
            <InsetText>
              {say(ctx, w.pending)} <a href="/my/traffic">{say(ctx, w.refresh)}</a>
            </InsetText>
          ) : null}
          {lookup?.asOf ? (
            <SummaryList
              rows={[
                { key: say(ctx, w.answeredAt), value: formatDateTime(ctx.lang, lookup.asOf) },
                {
                  key: say(ctx, w.vehicles),
                  value: lookup.vehicles?.length
                    ? lookup.vehicles
                        .map((v) => `${v.plate}（${say(ctx, v.kind)}）`)
                        .join(inLang(ctx, '、', ', '))
                    : say(ctx, w.noVehicles),
                },
                ...(licence
                  ? [
                      {
                        key: say(ctx, w.points),
                        value: inLang(
                          ctx,
                          `${licence.pointsDeducted} 分（记分周期 ${licence.cycleStart} 至 ${licence.cycleEnd}）`,
                          `${licence.pointsDeducted} (cycle ${licence.cycleStart} to ${licence.cycleEnd})`,
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          ) : null}
          {lookup?.asOf ? <ViolationTable ctx={ctx} violations={p.violations} /> : null}
          {p.state === 'answered' ? <LookupButton ctx={ctx} again /> : null}
        </>
      )}
    </Layout>,
  );
}

function ViolationTable({ ctx, violations }: { ctx: PageContext; violations: ViolationListRow[] }) {
  if (violations.length === 0) return <p>{say(ctx, w.noViolations)}</p>;
  return (
    <Table
      caption={say(ctx, w.violations)}
      stackOnNarrow
      head={[
        inLang(ctx, '违法时间', 'Time'),
        inLang(ctx, '号牌', 'Plate'),
        inLang(ctx, '违法行为', 'Offence'),
        inLang(ctx, '记分', 'Points'),
        inLang(ctx, '罚款', 'Fine'),
        inLang(ctx, '状态', 'State'),
      ]}
      numeric={[3, 4]}
      rows={violations.map((v) => [
        <a href={violationHref(v.id)}>{formatDateTime(ctx.lang, v.occurredAt)}</a>,
        v.plate,
        say(ctx, v.offence),
        String(v.points),
        yuan(v.fineFen),
        <StateTag ctx={ctx} state={v.state} />,
      ])}
    />
  );
}

/** One violation: place, time, picture, points and fine; what he may do now. */
export function violationPage(p: {
  ctx: PageContext;
  violation: ViolationRow;
  fine: Fine | undefined;
  flash?: string | undefined;
  errors?: FieldError[];
  values?: Record<string, string>;
}) {
  const { ctx, violation: v, fine } = p;
  const title = `${v.plate} ${say(ctx, v.offence)}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/my/traffic" lang={ctx.lang} />
      <FlashBanner text={p.flash} />
      <ErrorSummary errors={p.errors ?? []} lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '违法时间', 'Time'), value: formatDateTime(ctx.lang, v.occurredAt) },
          { key: inLang(ctx, '违法地点', 'Place'), value: v.place },
          { key: inLang(ctx, '违法行为', 'Offence'), value: `${v.offenceCode} ${say(ctx, v.offence)}` },
          { key: inLang(ctx, '记分', 'Points'), value: String(v.points) },
          { key: inLang(ctx, '罚款金额', 'Fine'), value: yuan(v.fineFen) },
          { key: inLang(ctx, '处理状态', 'State'), value: <StateTag ctx={ctx} state={v.state} /> },
          ...(v.decisionNo
            ? [{ key: inLang(ctx, '处罚决定书编号', 'Decision number'), value: v.decisionNo }]
            : []),
        ]}
      />
      <figure class="evidence-photo">
        <img
          src={`${violationHref(v.id)}/photo`}
          alt={`${say(ctx, w.photoAlt)}：${v.plate}，${formatDateTime(ctx.lang, v.occurredAt)}`}
          width="640"
          height="360"
        />
        <figcaption class="hint">{say(ctx, w.photoAlt)}</figcaption>
      </figure>
      {v.decisionNo && v.decidedAt ? (
        <p>
          <a href={`${violationHref(v.id)}/decision.pdf`} download>
            {inLang(
              ctx,
              `下载处罚决定书（${v.decisionNo}，PDF）`,
              `Download the penalty decision (${v.decisionNo}, PDF, in Chinese)`,
            )}
          </a>
        </p>
      ) : null}
      <NextStep ctx={ctx} violation={v} fine={fine} errors={p.errors} values={p.values} />
    </Layout>,
  );
}

function NextStep(p: {
  ctx: PageContext;
  violation: ViolationRow;
  fine: Fine | undefined;
  errors?: FieldError[] | undefined;
  values?: Record<string, string> | undefined;
}) {
  const { ctx, violation: v, fine } = p;
  if (v.state === 'paid') return <InsetText>{say(ctx, w.done)}</InsetText>;
  if (v.state === 'decision-accepted') {
    if (v.fineFen === 0) return <InsetText>{say(ctx, w.noFine)}</InsetText>;
    if (fine?.payable.status === 'paid') return <InsetText>{say(ctx, w.paidWaiting)}</InsetText>;
    return (
      <section aria-labelledby="fine">
        <h2 id="fine">{inLang(ctx, '缴纳罚款', 'Pay the fine')}</h2>
        <p class="hint">{say(ctx, w.lateFees)}</p>
        {fine ? <FineDue ctx={ctx} due={fine.due} /> : null}
        {fine ? <Button href={`/my/payments/${fine.payable.id}`}>{say(ctx, w.pay)}</Button> : null}
      </section>
    );
  }
  if (v.acceptRequestId) return <InsetText>{say(ctx, w.acceptSent)}</InsetText>;
  return (
    <section aria-labelledby="accept">
      <h2 id="accept">{say(ctx, w.acceptTitle)}</h2>
      <p>{say(ctx, w.acceptExplain)}</p>
      <Form action={`${violationHref(v.id)}/accept`} csrfToken={ctx.csrfToken ?? ''}>
        <Checkboxes
          name="confirm"
          legend={say(ctx, w.confirmLegend)}
          items={[{ value: 'yes', label: say(ctx, w.confirm) }]}
          values={p.values?.confirm ? [p.values.confirm] : []}
          error={p.errors?.find((e) => e.field === 'confirm')?.message}
        />
        <Button>{say(ctx, w.acceptTitle)}</Button>
      </Form>
    </section>
  );
}

/** What paying today asks, before he goes to pay: the fine, the last day without surcharge, the surcharge. */
function FineDue({ ctx, due }: { ctx: PageContext; due: Fine['due'] }) {
  const fineFen = due.amountFen - due.surchargeFen;
  return (
    <SummaryList
      rows={[
        { key: say(ctx, w.fineAmount), value: yuan(fineFen) },
        ...(due.dueOn ? [{ key: say(ctx, w.dueOn), value: due.dueOn }] : []),
        ...(due.surchargeFen > 0
          ? [
              {
                key: say(ctx, w.surcharge),
                value: inLang(
                  ctx,
                  `${yuan(due.surchargeFen)}（逾期 ${due.overdueDays} 日）`,
                  `${yuan(due.surchargeFen)} (${due.overdueDays} days late)`,
                ),
              },
            ]
          : []),
        { key: say(ctx, w.totalDue), value: yuan(due.amountFen) },
      ]}
    />
  );
}
