import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Tx } from '../../shared/db/database.ts';
import { enqueue, type JobHandler } from '../../shared/jobs/queue.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { unansweredPast } from './supervision.repository.ts';
import { escalationRules, ruleCovers, type EscalationRule } from './supervision.rules.ts';
import { sourceOf } from './supervision.sources.ts';
import { workbenchCalendar } from '../holidays/holidays.calendar.ts';
import { escalate } from './supervision.service.ts';

// The escalation sweep: an urging not answered by its reply date escalates by the first rule whose time has
// come, counted in working days on the injected clock. The reply date is the last day to answer, so with no
// extra days an urging escalates on the first working day after it (a holiday in between waits).

export const ESCALATION_QUEUE = 'supervision.escalation';
const BATCH = 200;

/** The first day an unanswered urging escalates under a rule. */
export function escalatesOn(replyDueOn: string, rule: EscalationRule): string | undefined {
  if (rule.trigger.kind !== 'unanswered') return undefined;
  return workbenchCalendar().addWorkingDays(replyDueOn, rule.trigger.workingDaysAfterReplyDate + 1);
}

/** Escalates up to one batch of urgings whose time has come; returns how many. */
export async function escalateUnanswered(
  tx: Tx,
  now: Date,
  rules: readonly EscalationRule[] = escalationRules,
): Promise<{ looked: number; escalated: number }> {
  const today = todayInShanghai(now);
  const unanswered = rules.filter((r) => r.trigger.kind === 'unanswered');
  const states = [...new Set(unanswered.flatMap((r) => r.urgingStates))];
  if (states.length === 0) return { looked: 0, escalated: 0 };
  const candidates = await unansweredPast(tx, states, today, BATCH);
  let escalated = 0;
  for (const urging of candidates) {
    const item = await sourceOf(urging.source)?.find(tx, urging.itemRef);
    if (!item || !urging.replyDueOn) continue;
    const rule = unanswered.find(
      (r) =>
        r.urgingStates.includes(urging.state) &&
        ruleCovers(r, { source: item.source, workflowId: item.workflowId, state: item.step }) &&
        (escalatesOn(urging.replyDueOn!, r) ?? '9999-12-31') <= today,
    );
    if (!rule) continue;
    await escalate(tx, urging, rule, now);
    escalated++;
  }
  return { looked: candidates.length, escalated };
}

export function escalationJob(services: ZoneServices): JobHandler {
  return async (tx) => {
    // Another run at once while a whole batch escalated; urgings still within their days stay for later.
    const { escalated } = await escalateUnanswered(tx, services.now());
    if (escalated === BATCH) await enqueue(tx, ESCALATION_QUEUE, {});
  };
}

/** Queues the sweep once per hour of the zone's clock. */
export async function scheduleEscalation(services: ZoneServices): Promise<void> {
  const hour = services.now().toISOString().slice(0, 13);
  await enqueue(services.db, ESCALATION_QUEUE, {}, { dedupeKey: `${ESCALATION_QUEUE}:${hour}` });
}
