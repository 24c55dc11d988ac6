import { appointmentAttendance, appointmentSlotsPublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { bookingService } from '../../shared/appointments/booking-services.ts';
import type { Tx } from '../../shared/db/database.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import { messages } from '../cases/cases.tables.ts';
import * as repo from './appointments.repository.ts';

/**
 * An office's release of slots: the portal books against it from now on. A slot it withdraws keeps its bookings
 * (the office honours them). When the holiday recount sent it (`recountOf`), the withdrawn slots are on a day the
 * office no longer opens, and each holder is told once, by SMS and in his account, and asked to choose another
 * time or cancel; a routine release (a pattern an officer removed) tells nobody, as before.
 */
export const slotsPublishedHandler = onMessage(appointmentSlotsPublished, async (tx, release) => {
  const releasedAt = new Date(release.releasedAt);
  const dayClosed = await repo.applyRelease(tx, release, releasedAt);
  for (const booking of await repo.liveBookingsIn(tx, dayClosed)) await tellHolder(tx, booking, releasedAt);
});

async function tellHolder(tx: Tx, booking: repo.BookingRow, at: Date): Promise<void> {
  const service = bookingService(booking.itemId)?.name;
  const when = `${booking.date} ${booking.startTime}`;
  const mobile = await repo.mobileOf(tx, booking.citizenId);
  if (mobile)
    await queueNotification(tx, {
      channel: 'sms',
      recipient: mobile,
      template: 'appointment-withdrawn',
      body: `【示范市公安局】您预约的${service?.zh ?? '事项'}（${when}，${booking.unitName}，预约码 ${booking.code}）所在时段已停止办理（如该日调整为节假日），请登录网上公安局改约或取消。`,
    });
  await tx.insert(messages).values({
    citizenId: booking.citizenId,
    subject: { zh: '您预约的时段已停止办理', en: 'The office no longer opens at your booked time' },
    body: {
      zh: `您预约的${service?.zh ?? '事项'}（${when}，${booking.unitName}）所在时段已停止办理，例如该日已调整为节假日。请改约其他时段或取消预约。`,
      en: `${service ? `Your booking for “${service.en}”` : 'Your booking'} on ${when} is at a time the office no longer opens, for example because the day became a public holiday. Please choose another time or cancel it.`,
    },
    link: `/my/appointments/${booking.code}`,
    createdAt: at,
  });
}

/** The window's record of a booking: attended, or a no-show that counts toward a restriction. */
export const attendanceHandler = onMessage(appointmentAttendance, async (tx, outcome) => {
  await repo.recordOutcome(tx, outcome.code, outcome.outcome, new Date(outcome.at));
});

export const appointmentInboxHandlers: readonly MessageHandler[] = [slotsPublishedHandler, attendanceHandler];
