import { sql } from 'drizzle-orm';
import { calendarSchedulePublished, type PayloadOf } from '../../exchange/contracts/index.ts';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import { crossing, type Crossing } from '../workflow/workflow.ports.ts';
import { holidaySchedules } from './holidays.tables.ts';

// A year's holiday schedule, as data: entered, it waits for a second administrator (four eyes: not the one who
// entered it, nor an account he lately created or empowered). Approved, it crosses to the portal and replaces
// the year's earlier approved schedule, which the platform marks superseded.

export type ScheduleKey = { id: string };

type Published = PayloadOf<typeof calendarSchedulePublished>;

export interface ScheduleActions {
  approve: { message: Published; note: string };
  reject: { note: string };
  supersede: Record<string, never>;
}

export const streamOfYear = (year: number) => `calendar-schedule:${String(year)}`;

export const holidayScheduleWorkflow = new WorkflowVersions([
  defineWorkflow<ScheduleKey, ScheduleActions, Crossing>({
    id: 'holiday-schedule',
    version: 1,
    initial: 'pending',
    states: {
      pending: {},
      approved: {},
      rejected: { final: true },
      superseded: { final: true },
    },
    transitions: {
      approve: [
        {
          from: 'pending',
          action: 'approve',
          to: 'approved',
          permission: 'holidays.manage',
          actors: ['staff'],
          fourEyes: true,
          outbox: ({ data }) =>
            crossing(calendarSchedulePublished, data.message, streamOfYear(data.message.year)),
          audit: {
            action: 'holidays.schedule.approved',
            detail: ({ data }) => ({
              year: data.message.year,
              days: data.message.days.length,
              note: data.note,
            }),
          },
        },
      ],
      reject: [
        {
          from: 'pending',
          action: 'reject',
          to: 'rejected',
          permission: 'holidays.manage',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'holidays.schedule.rejected', detail: ({ data }) => ({ note: data.note }) },
        },
      ],
      supersede: [
        {
          from: 'approved',
          action: 'supersede',
          to: 'superseded',
          permission: 'holidays.manage',
          actors: ['system'],
          audit: { action: 'holidays.schedule.superseded' },
        },
      ],
    },
  }),
]);

export const holidayScheduleStore: WorkflowStore<ScheduleKey> = {
  table: holidaySchedules,
  where: (key) => sql`${holidaySchedules.id} = ${key.id}`,
  target: (key) => `holiday-schedule:${key.id}`,
  columns: {
    state: holidaySchedules.state,
    definitionId: holidaySchedules.workflowId,
    definitionVersion: holidaySchedules.workflowVersion,
    updatedAt: holidaySchedules.updatedAt,
    contributors: [holidaySchedules.enteredBy],
  },
};
