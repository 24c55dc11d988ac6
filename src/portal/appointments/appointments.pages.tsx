import { raw } from 'hono/html';
import { errorFor } from '../../shared/http/forms.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { BackLink, InsetText, Notice, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import {
  detailLabels,
  detailValue,
  guideOf,
  relationshipEn,
  relationships,
  type BookingService,
} from '../../shared/appointments/booking-services.ts';
import type { FormView } from '../page.ts';
import { statusText } from './appointments.messages.ts';
import type { BookingRow, SlotRow } from './appointments.repository.ts';

function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

const when = (b: { date: string; startTime: string; endTime: string }) =>
  `${b.date} ${b.startTime}–${b.endTime}`;

export interface ChoiceView {
  days: { date: string; free: number }[];
  day: string | undefined;
  slots: SlotRow[];
}

/** The open days as links (the page works without JavaScript) and the chosen day's free slots as radios. */
function SlotChoice({
  ctx,
  view,
  base,
  value,
  error,
}: {
  ctx: PageContext;
  view: ChoiceView;
  base: string;
  value?: string | undefined;
  error?: string | undefined;
}) {
  const free = view.slots.filter((s) => s.quota > s.booked);
  return (
    <>
      <h2>{inLang(ctx, '选择日期', 'Choose a day')}</h2>
      <ul class="list">
        {view.days.map((d) => (
          <li>
            {d.date === view.day ? (
              <strong aria-current="date">{d.date}</strong>
            ) : (
              <a href={`${base}?date=${d.date}`}>{d.date}</a>
            )}{' '}
            {d.free > 0
              ? inLang(ctx, `（余 ${d.free} 个名额）`, `(${d.free} places left)`)
              : inLang(ctx, '（已约满）', '(full)')}
          </li>
        ))}
      </ul>
      {view.day && free.length ? (
        <Radios
          name="slot"
          legend={inLang(ctx, `${view.day} 的时段`, `Slots on ${view.day}`)}
          value={value}
          error={error}
          items={free.map((s) => ({
            value: s.slotKey,
            label: `${s.startTime}–${s.endTime} · ${s.unitName}`,
            hint: inLang(ctx, `余 ${s.quota - s.booked} 个名额`, `${s.quota - s.booked} places left`),
          }))}
        />
      ) : (
        <InsetText>
          {inLang(
            ctx,
            '暂无可预约的时段，请改日再来查看。',
            'No slot is open for booking now; look again later.',
          )}
        </InsetText>
      )}
    </>
  );
}

function DetailFields({
  ctx,
  service,
  values,
  errors,
}: {
  ctx: PageContext;
  service: BookingService;
  values: Record<string, string>;
  errors: FormView['errors'];
}) {
  return (
    <>
      {service.details.map((detail) => {
        const label = detailLabels[detail][ctx.lang];
        if (detail === 'relationship')
          return (
            <Select
              name={detail}
              label={label}
              placeholder
              value={values[detail]}
              error={errorFor(errors, detail)}
              options={relationships.map((r) => ({
                value: r,
                label: ctx.lang === 'en' ? relationshipEn[r] : r,
              }))}
            />
          );
        return (
          <TextField
            name={detail}
            label={label}
            width={detail === 'visitors' ? 3 : 20}
            inputmode={detail === 'detaineeName' ? undefined : 'numeric'}
            spellcheck={false}
            value={values[detail]}
            error={errorFor(errors, detail)}
          />
        );
      })}
    </>
  );
}

export function bookPage(
  p: FormView & {
    service: BookingService;
    verified: boolean;
    restrictedUntil: Date | undefined;
    choice: ChoiceView;
  },
) {
  const { ctx, service, values = {}, errors = [] } = p;
  const title = inLang(ctx, `预约：${service.name.zh}`, `Book: ${service.name.en}`);
  const base = `/services/${service.itemId}/book`;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={guideOf(service)} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '选择日期和时段，提交后即得到预约码。开始前2小时可以取消或改约；90天内3次预约未到场的，30天内不能预约。',
            'Choose a day and a slot; you get a booking code at once. You can cancel or move it until 2 hours before it starts. Missing 3 bookings in 90 days stops booking for 30 days.',
          )}
        </p>
        {!p.verified ? (
          <InsetText>
            {inLang(ctx, '预约前请先完成实名认证。', 'Complete the real-name check before booking.')}{' '}
            <a href="/account/profile">{inLang(ctx, '去实名认证', 'Go to the real-name check')}</a>
          </InsetText>
        ) : p.restrictedUntil ? (
          <InsetText>
            {inLang(
              ctx,
              `您在90天内有3次预约未到场，${p.restrictedUntil.toISOString().slice(0, 10)} 前不能预约。`,
              `You missed 3 bookings in 90 days and cannot book before ${p.restrictedUntil.toISOString().slice(0, 10)}.`,
            )}
          </InsetText>
        ) : (
          <Form action={base} csrfToken={ctx.csrfToken ?? ''}>
            <SlotChoice
              ctx={ctx}
              view={p.choice}
              base={base}
              value={values.slot}
              error={errorFor(errors, 'slot')}
            />
            <DetailFields ctx={ctx} service={service} values={values} errors={errors} />
            {values.caseNumber ? <input type="hidden" name="caseNumber" value={values.caseNumber} /> : null}
            <Button>{inLang(ctx, '提交预约', 'Book')}</Button>
          </Form>
        )}
      </div>
    </Layout>,
  );
}

export function reschedulePage(p: FormView & { booking: BookingRow; choice: ChoiceView }) {
  const { ctx, booking, values = {}, errors = [] } = p;
  const title = inLang(ctx, '改约', 'Move the booking');
  const base = `/my/appointments/${booking.code}/reschedule`;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={`/my/appointments/${booking.code}`} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            `现预约：${when(booking)}，${booking.unitName}`,
            `Now: ${when(booking)}, ${booking.unitName}`,
          )}
        </p>
        <Form action={base} csrfToken={ctx.csrfToken ?? ''}>
          <SlotChoice
            ctx={ctx}
            view={p.choice}
            base={base}
            value={values.slot}
            error={errorFor(errors, 'slot')}
          />
          <Button>{inLang(ctx, '确认改约', 'Move to this slot')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

const tone = { booked: 'blue', cancelled: 'grey', attended: 'green', 'no-show': 'red' } as const;

export function listPage({
  ctx,
  bookings,
  names,
  flash,
}: {
  ctx: PageContext;
  bookings: BookingRow[];
  names: (itemId: string) => string;
  flash?: string | undefined;
}) {
  const title = inLang(ctx, '我的预约', 'My bookings');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Flash text={flash} />
      <h1>{title}</h1>
      {bookings.length ? (
        <Table
          caption={title}
          head={[
            inLang(ctx, '预约码', 'Code'),
            inLang(ctx, '事项', 'Service'),
            inLang(ctx, '时间', 'When'),
            inLang(ctx, '状态', 'Status'),
          ]}
          rows={bookings.map((b) => [
            <a href={`/my/appointments/${b.code}`}>{b.code}</a>,
            names(b.itemId),
            `${when(b)} · ${b.unitName}`,
            <Tag tone={tone[b.status]}>{statusText(ctx.lang, b.status)}</Tag>,
          ])}
        />
      ) : (
        <p>
          {inLang(
            ctx,
            '您还没有预约。可在办事指南中找到可预约的事项。',
            'You have no bookings. Bookable services say so in their guide.',
          )}
        </p>
      )}
    </Layout>,
  );
}

export function bookingPage({
  ctx,
  booking,
  serviceName,
  details,
  qrSvg,
  changeable,
  flash,
  errors = [],
}: {
  ctx: PageContext;
  booking: BookingRow;
  serviceName: string;
  details: Record<string, string>;
  qrSvg: string;
  changeable: boolean;
  flash?: string | undefined;
  errors?: FormView['errors'];
}) {
  const title = inLang(ctx, `预约 ${booking.code}`, `Booking ${booking.code}`);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href="/my/appointments" lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <Flash text={flash} />
        <h1>{title}</h1>
        {booking.status === 'booked' && booking.dayClosedAt ? (
          <Notice lang={ctx.lang}>
            {inLang(
              ctx,
              '该时段已停止办理（例如该日已调整为节假日），请改约其他时段或取消预约。',
              'The office no longer opens at this time (for example, the day became a public holiday). Please move the booking to another time or cancel it.',
            )}
          </Notice>
        ) : null}
        <SummaryList
          lang={ctx.lang}
          rows={[
            {
              key: inLang(ctx, '预约码', 'Booking code'),
              value: <strong class="booking-code">{booking.code}</strong>,
            },
            { key: inLang(ctx, '事项', 'Service'), value: serviceName },
            { key: inLang(ctx, '时间', 'When'), value: when(booking) },
            { key: inLang(ctx, '地点', 'Where'), value: booking.unitName },
            { key: inLang(ctx, '状态', 'Status'), value: statusText(ctx.lang, booking.status) },
            ...Object.entries(details).map(([k, v]) => ({
              key: detailLabels[k as keyof typeof detailLabels]?.[ctx.lang] ?? k,
              value: detailValue(k, v, ctx.lang),
            })),
            ...(booking.caseNumber
              ? [{ key: inLang(ctx, '办件编号', 'Case number'), value: booking.caseNumber }]
              : []),
          ]}
        />
        {booking.status === 'booked' ? (
          <figure class="booking-qr">
            {raw(qrSvg)}
            <figcaption>
              {inLang(
                ctx,
                '到窗口出示此二维码或预约码。',
                'Show this QR code or the booking code at the window.',
              )}{' '}
              <a href={`/my/appointments/${booking.code}/qr.png`} download>
                {inLang(ctx, '下载二维码图片', 'Download the QR code image')}
              </a>{' '}
              <a href={`/my/appointments/${booking.code}/confirmation.pdf`} download>
                {inLang(ctx, '下载预约凭证（PDF）', 'Download the booking confirmation (PDF, in Chinese)')}
              </a>
            </figcaption>
          </figure>
        ) : null}
        {changeable ? (
          <>
            <p>
              <Button href={`/my/appointments/${booking.code}/reschedule`} variant="secondary">
                {inLang(ctx, '改约', 'Move to another slot')}
              </Button>
            </p>
            <Form action={`/my/appointments/${booking.code}/cancel`} csrfToken={ctx.csrfToken ?? ''}>
              <Button variant="warning">{inLang(ctx, '取消预约', 'Cancel the booking')}</Button>
            </Form>
          </>
        ) : booking.status === 'booked' ? (
          <InsetText>
            {inLang(
              ctx,
              '距开始已不足2小时，不能再取消或改约。',
              'It starts within 2 hours: it can no longer be cancelled or moved.',
            )}
          </InsetText>
        ) : null}
      </div>
    </Layout>,
  );
}
