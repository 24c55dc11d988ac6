import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { type PageContext, inLang } from './context.ts';

/**
 * Whether a due date was counted on Monday to Friday only: its year has neither the package's data nor an
 * approved holiday schedule, so it may move when the schedule is entered.
 */
export function dueIsEstimated(calendar: WorkingDayCalendar, dueOn: string | null | undefined): boolean {
  return !!dueOn && !calendar.isCovered(dueOn);
}

/** The short note set beside such a date. */
export function EstimatedDueNote({ ctx }: { ctx: PageContext }) {
  return (
    <span class="muted due-estimated">
      {inLang(
        ctx,
        '（按周一至周五推算，节假日安排未录入）',
        ' (estimated on Monday to Friday: the holiday schedule is not entered yet)',
      )}
    </span>
  );
}
