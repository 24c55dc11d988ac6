import { eq } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { urgings } from './supervision.tables.ts';

// The life of one urging notice, as data. It waits for the urged unit's answer until its reply date (the
// sender sets it, so the notice is inserted with its own due date rather than a fixed deadline); the platform
// escalates it when an escalation rule says so; the urged unit answers it, escalated or not, and the answer
// is final. The escalation rules name these states, and are checked against them when loaded.

export type UrgingKey = { id: string };

export interface UrgingActions {
  answer: { reason: string; promisedOn: string };
  escalate: { ruleId: string };
}

export const URGING_WORKFLOW_ID = 'urging';

export const urgingWorkflows = new WorkflowVersions([
  defineWorkflow<UrgingKey, UrgingActions, Crossing>({
    id: URGING_WORKFLOW_ID,
    version: 1,
    initial: 'awaiting-answer',
    states: {
      'awaiting-answer': {},
      escalated: {},
      answered: { final: true },
    },
    transitions: {
      answer: [
        {
          from: 'awaiting-answer',
          action: 'answer',
          to: 'answered',
          permission: 'supervision.answer',
          actors: ['staff'],
          audit: {
            action: 'supervision.urging.answer',
            detail: ({ data }) => ({ promisedOn: data.promisedOn }),
          },
        },
        {
          from: 'escalated',
          action: 'answer',
          to: 'answered',
          permission: 'supervision.answer',
          actors: ['staff'],
          audit: {
            action: 'supervision.urging.answer',
            detail: ({ data }) => ({ promisedOn: data.promisedOn, afterEscalation: true }),
          },
        },
      ],
      escalate: [
        {
          from: 'awaiting-answer',
          action: 'escalate',
          to: 'escalated',
          permission: 'supervision.urge',
          actors: ['system'],
          audit: { action: 'supervision.urging.escalate', detail: ({ data }) => ({ rule: data.ruleId }) },
        },
      ],
    },
  }),
]);

export const urgingStore: WorkflowStore<UrgingKey> = {
  table: urgings,
  where: (key) => eq(urgings.id, key.id),
  target: (key) => `urging:${key.id}`,
  columns: {
    state: urgings.state,
    definitionId: urgings.workflowId,
    definitionVersion: urgings.workflowVersion,
    updatedAt: urgings.updatedAt,
    contributors: [urgings.sentBy],
  },
};
