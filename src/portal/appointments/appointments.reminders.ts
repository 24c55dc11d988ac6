import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import { queueNotification } from '../../shared/notify/notifications.ts';
import type { Tx } from '../../shared/db/database.ts';
import { bookingService } from '../../shared/appointments/booking-services.ts';
import * as repo from './appointments.repository.ts';

export const REMINDER_QUEUE = 'appointments.remind';

/** The SMS goes at 09:00 Beijing time the day before the slot. */
export function reminderTime(date: string): Date {
  return new Date(new Date(`${date}T09:00:00+08:00`).getTime() - 86_400_000);
}

/**
 * Schedules the day-before SMS for a booking in its slot. A booking made after that moment gets none (it was
 * just made, and its page says when to come). A job for a slot the booking has since left finds it moved and
 * sends nothing, so rescheduling needs no cancellation of the old job. None goes for a slot on a day the office
 * no longer opens (appointments.inbox.ts tells its holder instead).
 */
export async function scheduleReminder(
  tx: Tx,
  booking: { code: string; slotKey: string; date: string },
  now: Date,
): Promise<void> {
  const runAt = reminderTime(booking.date);
  if (runAt <= now) return;
  await enqueue(
    tx,
    REMINDER_QUEUE,
    { code: booking.code, slotKey: booking.slotKey },
    { runAt, dedupeKey: `appointment-reminder:${booking.code}:${booking.slotKey}` },
  );
}

export function reminderJob(): JobHandler {
  return async (tx, job) => {
    const { code, slotKey } = job.payload as { code: string; slotKey: string };
    const booking = await repo.findBooking(tx, code);
    if (!booking || booking.status !== 'booked' || booking.slotKey !== slotKey) return;
    // The office no longer opens then: the holder was told so, and a reminder would send him to a closed door.
    if (booking.dayClosedAt) return;
    const mobile = await repo.mobileOf(tx, booking.citizenId);
    if (!mobile) return;
    const service = bookingService(booking.itemId)?.name.zh ?? '预约';
    await queueNotification(tx, {
      channel: 'sms',
      recipient: mobile,
      template: 'appointment-reminder',
      body: `【示范市公安局】提醒：您预约的${service}在明天 ${booking.startTime}-${booking.endTime}，地点${booking.unitName}，预约码 ${code}。请携带身份证件按时到场；如不能到场，请在开始前2小时取消。`,
    });
  };
}
