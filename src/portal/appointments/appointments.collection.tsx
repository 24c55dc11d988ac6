import type { Child } from 'hono/jsx';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { InsetText } from '../../shared/ui/components.tsx';
import { Button } from '../../shared/ui/forms.tsx';
import { applications } from '../applications/applications.tables.ts';
import { caseDocuments } from '../cases/cases.tables.ts';
import { appointmentBookings } from './appointments.tables.ts';

// 先批后办: a pre-application approved online (its 预审通过通知 issued, the case at 待来窗领取) ends in one visit
// to collect the result. The case page offers that visit's booking with the case number carried along.

export const COLLECTION_SERVICE = 'pre-approved-collection-booking';

/** Whether the number names the booker's own pre-application, approved and waiting for his visit. */
export async function approvedPreApplication(
  ex: Executor,
  citizenId: string,
  caseNumber: string | undefined,
): Promise<boolean> {
  const number = caseNumber?.trim();
  if (!number) return false;
  const [row] = await ex
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(caseDocuments, eq(caseDocuments.applicationId, applications.id))
    .where(
      and(
        eq(applications.caseNumber, number),
        eq(applications.citizenId, citizenId),
        eq(applications.status, 'approved'),
        eq(caseDocuments.kind, 'pre-approval-notice'),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The live or past visit booked for the case, if any. */
export async function collectionBookingOf(ex: Executor, citizenId: string, caseNumber: string) {
  const [row] = await ex
    .select({ code: appointmentBookings.code, status: appointmentBookings.status })
    .from(appointmentBookings)
    .where(
      and(
        eq(appointmentBookings.citizenId, citizenId),
        eq(appointmentBookings.itemId, COLLECTION_SERVICE),
        eq(appointmentBookings.caseNumber, caseNumber),
        eq(appointmentBookings.status, 'booked'),
      ),
    );
  return row;
}

/** The case page's offer: book the one visit, or the booking already made for it. */
export function CollectionPanel(p: { ctx: PageContext; caseNumber: string; booked: string | undefined }) {
  const { ctx } = p;
  return (
    <section aria-labelledby="collection">
      <h2 id="collection">{inLang(ctx, '预约来窗领取', 'Book your visit to collect the result')}</h2>
      {p.booked ? (
        <InsetText>
          {inLang(ctx, '您已预约来窗时间：', 'Your visit is booked: ')}
          <a href={`/my/appointments/${p.booked}`}>{p.booked}</a>
        </InsetText>
      ) : (
        <>
          <p>
            {inLang(
              ctx,
              '预审已通过。请预约来窗时间，携带原件到窗口一次领取结果；窗口凭预约码调出您的申请。',
              'Your pre-application is approved. Book a time to come once with the originals and collect the result; the window finds your application by the booking code.',
            )}
          </p>
          <Button
            href={`/services/${COLLECTION_SERVICE}/book?caseNumber=${encodeURIComponent(p.caseNumber)}`}
          >
            {inLang(ctx, '预约来窗时间', 'Book a time')}
          </Button>
        </>
      )}
    </section>
  );
}

/** What other features add below a case's progress, in order; nothing when none has anything. */
export function belowProgress(...parts: (Child | undefined)[]): Child | undefined {
  const present = parts.filter((p) => p !== undefined);
  return present.length ? <>{present}</> : undefined;
}
