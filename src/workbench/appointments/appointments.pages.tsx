import { errorFor } from '../../shared/http/forms.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { BackLink, InsetText, Notice, SummaryList, Table } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import {
  bookingService,
  bookingServices,
  detailLabels,
  detailValue,
} from '../../shared/appointments/booking-services.ts';
import { visitStatusText, weekdayNames } from './appointments.messages.ts';
import type { PatternRow, VisitRow } from './appointments.repository.ts';

interface Office {
  code: string;
  name: string;
  nameEn: string | null;
}

function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

const serviceName = (ctx: PageContext, itemId: string) => bookingService(itemId)?.name[ctx.lang] ?? itemId;
const officeName = (ctx: PageContext, o: Office) => (ctx.lang === 'en' && o.nameEn ? o.nameEn : o.name);

export interface IndexView {
  ctx: PageContext;
  offices: Office[];
  patterns: PatternRow[];
  releases: {
    unitCode: string;
    itemId: string;
    fromDate: string;
    toDate: string;
    slotCount: number;
    releasedAt: Date;
  }[];
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  flash?: string | undefined;
}

export function indexPage(view: IndexView) {
  const { ctx, offices, values = {}, errors = [] } = view;
  const title = inLang(ctx, '预约管理', 'Appointments');
  const token = ctx.csrfToken ?? '';
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <Flash text={view.flash} />
      <h1>{title}</h1>
      <h2>{inLang(ctx, '调取预约', 'Pull up a booking')}</h2>
      <Form action="/appointments/lookup" method="get">
        <TextField
          name="code"
          label={inLang(ctx, '预约码', 'Booking code')}
          hint={inLang(
            ctx,
            '群众出示的8位预约码，或扫描二维码',
            'The 8-character code the person shows, or scan the QR code',
          )}
          width={10}
          spellcheck={false}
          autocomplete="off"
          value={values.code}
          error={errorFor(errors, 'code')}
        />
        <Button>{inLang(ctx, '调取', 'Pull up')}</Button>
      </Form>
      {offices.length ? (
        <>
          <h2>{inLang(ctx, '号源时段', 'Slot patterns')}</h2>
          <p>
            {inLang(
              ctx,
              '按星期设置每个事项的时段和名额；发布后，未来14天中的工作日（节假日不开放，调休上班日按周一）号源即可在网上预约。',
              'Set each service’s slots and places by weekday; publishing opens the working days of the next 14 days for booking (public holidays closed, make-up working days as Mondays).',
            )}
          </p>
          <Table
            caption={inLang(ctx, '号源时段', 'Slot patterns')}
            head={[
              inLang(ctx, '机构', 'Office'),
              inLang(ctx, '事项', 'Service'),
              inLang(ctx, '星期', 'Weekday'),
              inLang(ctx, '时段', 'Slot'),
              inLang(ctx, '名额', 'Places'),
              inLang(ctx, '操作', 'Action'),
            ]}
            numeric={[4]}
            rows={view.patterns.map((p) => [
              p.unitCode,
              serviceName(ctx, p.itemId),
              weekdayNames[ctx.lang][p.weekday] ?? String(p.weekday),
              `${p.startTime}–${p.endTime}`,
              String(p.quota),
              <Form action={`/appointments/patterns/${p.id}/delete`} csrfToken={token}>
                <Button variant="secondary">{inLang(ctx, '删除', 'Remove')}</Button>
              </Form>,
            ])}
          />
          <h3>{inLang(ctx, '新增时段', 'Add a slot')}</h3>
          <Form action="/appointments/patterns" csrfToken={token}>
            <Select
              name="unitCode"
              label={inLang(ctx, '办理机构', 'Office')}
              value={values.unitCode}
              error={errorFor(errors, 'unitCode')}
              options={offices.map((o) => ({ value: o.code, label: officeName(ctx, o) }))}
            />
            <Select
              name="itemId"
              label={inLang(ctx, '事项', 'Service')}
              value={values.itemId}
              error={errorFor(errors, 'itemId')}
              options={bookingServices.map((s) => ({ value: s.itemId, label: s.name[ctx.lang] }))}
            />
            <Select
              name="weekday"
              label={inLang(ctx, '星期', 'Weekday')}
              value={values.weekday}
              error={errorFor(errors, 'weekday')}
              hint={inLang(
                ctx,
                '办事窗口只在周一至周五开放；警史馆等场馆按其开放日（含周末）设置。',
                'Service counters open Monday to Friday; venues such as the police museum on their own opening days, weekends included.',
              )}
              options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                value: String(d),
                label: weekdayNames[ctx.lang][d]!,
              }))}
            />
            <TextField
              name="start"
              label={inLang(ctx, '开始时间', 'Starts')}
              hint="09:00"
              width={5}
              value={values.start}
              error={errorFor(errors, 'start')}
            />
            <TextField
              name="end"
              label={inLang(ctx, '结束时间', 'Ends')}
              hint="10:00"
              width={5}
              value={values.end}
              error={errorFor(errors, 'end')}
            />
            <TextField
              name="quota"
              label={inLang(ctx, '名额', 'Places')}
              width={3}
              inputmode="numeric"
              value={values.quota}
              error={errorFor(errors, 'quota')}
            />
            <Button>{inLang(ctx, '新增', 'Add')}</Button>
          </Form>
          <h2>{inLang(ctx, '发布号源', 'Release slots')}</h2>
          {offices.flatMap((o) =>
            bookingServices
              .filter((s) => view.patterns.some((p) => p.unitCode === o.code && p.itemId === s.itemId))
              .map((s) => (
                <Form action="/appointments/publish" csrfToken={token}>
                  <input type="hidden" name="unitCode" value={o.code} />
                  <input type="hidden" name="itemId" value={s.itemId} />
                  <Button variant="secondary">
                    {inLang(
                      ctx,
                      `发布：${officeName(ctx, o)} · ${s.name.zh}`,
                      `Release: ${officeName(ctx, o)} · ${s.name.en}`,
                    )}
                  </Button>
                </Form>
              )),
          )}
          {view.releases.length ? (
            <Table
              caption={inLang(ctx, '最近发布', 'Recent releases')}
              head={[
                inLang(ctx, '机构', 'Office'),
                inLang(ctx, '事项', 'Service'),
                inLang(ctx, '日期', 'Days'),
                inLang(ctx, '时段数', 'Slots'),
              ]}
              numeric={[3]}
              rows={view.releases.map((r) => [
                r.unitCode,
                serviceName(ctx, r.itemId),
                `${r.fromDate} – ${r.toDate}`,
                String(r.slotCount),
              ])}
            />
          ) : null}
        </>
      ) : null}
    </Layout>,
  );
}

export function visitPage({
  ctx,
  visit,
  flash,
  errors = [],
}: {
  ctx: PageContext;
  visit: VisitRow;
  flash?: string | undefined;
  errors?: FieldError[] | undefined;
}) {
  const title = inLang(ctx, `预约 ${visit.code}`, `Booking ${visit.code}`);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/appointments" lang={ctx.lang} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <Flash text={flash} />
      <h1>{title}</h1>
      {visit.dayClosedAt && visit.status === 'booked' ? (
        <Notice lang={ctx.lang}>
          {inLang(
            ctx,
            '预约日已调整为节假日，本机构当天不办理。预约人已收到改约通知；如来窗口，请按规定接待或协助改约。',
            'The booked day has become a public holiday and the office is closed then. The person has been asked to rebook; if they come, receive them or help them rebook.',
          )}
        </Notice>
      ) : null}
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '状态', 'Status'), value: visitStatusText[visit.status][ctx.lang] },
          { key: inLang(ctx, '预约人', 'Booked by'), value: visit.name },
          { key: inLang(ctx, '身份证件号码', 'ID number'), value: visit.idNumberMasked },
          { key: inLang(ctx, '事项', 'Service'), value: serviceName(ctx, visit.itemId) },
          { key: inLang(ctx, '时间', 'When'), value: `${visit.date} ${visit.startTime}–${visit.endTime}` },
          { key: inLang(ctx, '机构', 'Office'), value: visit.unitCode },
          ...Object.entries(visit.details).map(([k, v]) => ({
            key: detailLabels[k as keyof typeof detailLabels]?.[ctx.lang] ?? k,
            value: detailValue(k, v, ctx.lang),
          })),
          ...(visit.caseNumber
            ? [
                {
                  key: inLang(ctx, '预审办件', 'Pre-application case'),
                  value: <a href={`/cases/${visit.caseNumber}`}>{visit.caseNumber}</a>,
                },
              ]
            : []),
        ]}
      />
      {visit.status === 'booked' ? (
        <Form action={`/appointments/bookings/${visit.code}/attendance`} csrfToken={ctx.csrfToken ?? ''}>
          <Radios
            name="outcome"
            legend={inLang(ctx, '核验身份证件后登记', 'Check the ID card, then record')}
            error={errorFor(errors, 'outcome')}
            items={[
              { value: 'attended', label: inLang(ctx, '已到场', 'Attended') },
              // Nobody is a no-show on a day the office was closed.
              ...(visit.dayClosedAt
                ? []
                : [{ value: 'no-show', label: inLang(ctx, '未到场', 'Did not come') }]),
            ]}
          />
          <Button>{inLang(ctx, '登记', 'Record')}</Button>
        </Form>
      ) : (
        <InsetText>
          {inLang(ctx, '该预约不需要再登记。', 'Nothing more to record for this booking.')}
        </InsetText>
      )}
    </Layout>,
  );
}
