import { appointmentAttendance, appointmentSlotsPublished } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import * as repo from './appointments.repository.ts';

/** An office's release of slots: the portal books against it from now on. */
export const slotsPublishedHandler = onMessage(appointmentSlotsPublished, async (tx, release) => {
  await repo.applyRelease(tx, release, new Date(release.releasedAt));
});

/** The window's record of a booking: attended, or a no-show that counts toward a restriction. */
export const attendanceHandler = onMessage(appointmentAttendance, async (tx, outcome) => {
  await repo.recordOutcome(tx, outcome.code, outcome.outcome, new Date(outcome.at));
});

export const appointmentInboxHandlers: readonly MessageHandler[] = [slotsPublishedHandler, attendanceHandler];
