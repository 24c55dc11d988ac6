import { bookingService } from '../../shared/appointments/booking-services.ts';
import { InsetText, SummaryList } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { bookingByVerificationCode } from './appointments.confirmation.ts';
import { statusText } from './appointments.messages.ts';

type Found = NonNullable<Awaited<ReturnType<typeof bookingByVerificationCode>>>;

/** Public: whether a booking confirmation with this code is genuine and the booking still stands. */
export function bookingVerifyPage({ ctx, code, found }: { ctx: PageContext; code: string; found?: Found }) {
  const title = inLang(ctx, '预约凭证核验', 'Check a booking confirmation');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {found ? (
        <>
          <p role="status">
            {inLang(
              ctx,
              `核验码 ${code} 对应的预约凭证真实有效，预约状态如下。`,
              `The booking confirmation with code ${code} is genuine; the booking stands as shown.`,
            )}
          </p>
          <SummaryList
            lang={ctx.lang}
            rows={[
              { key: inLang(ctx, '预约码', 'Booking code'), value: found.code },
              {
                key: inLang(ctx, '事项', 'Service'),
                value: bookingService(found.itemId)?.name[ctx.lang] ?? found.itemId,
              },
              {
                key: inLang(ctx, '时间', 'When'),
                value: `${found.date} ${found.startTime}–${found.endTime}`,
              },
              { key: inLang(ctx, '地点', 'Where'), value: found.unitName },
              { key: inLang(ctx, '状态', 'Status'), value: statusText(ctx.lang, found.status) },
            ]}
          />
        </>
      ) : (
        <InsetText>
          {inLang(
            ctx,
            `没有核验码为 ${code} 的预约凭证。请核对凭证上的核验码。`,
            `No booking confirmation has the code ${code}. Check the code printed on it.`,
          )}
        </InsetText>
      )}
    </Layout>,
  );
}
