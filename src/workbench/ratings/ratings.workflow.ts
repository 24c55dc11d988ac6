import { sql } from 'drizzle-orm';
import {
  defineWorkflow,
  WorkflowVersions,
  type TransitionRow,
} from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { rectificationOrders } from './ratings.tables.ts';

// The rectification order of a bad review, as data: verify what happened, fix it, call the person back, reply
// (谁办理、谁负责). Each working step has its deadline in working days. The reply crosses to the portal; the
// person accepts it (closed) or appeals, which sends the order back to verifying, once: the service refuses a
// second appeal, since round 2's reply offers none.

export type OrderKey = { id: string };

/** Working days per step: contact the person within 1, fix within 15, call back and reply within 2 each. */
export const RECTIFICATION_DEADLINES = { verifying: 1, fixing: 15, 'calling-back': 2, replying: 2 } as const;

export interface OrderActions {
  open: Record<string, never>;
  verify: { text: string };
  fix: { text: string };
  callback: { text: string };
  reply: { text: string };
  accept: Record<string, never>;
  appeal: { reason: string };
}

export type OrderStep = 'verify' | 'fix' | 'callback' | 'reply';
/** The officer's step from each working state, in order. */
export const STEP_FROM: Record<string, OrderStep> = {
  verifying: 'verify',
  fixing: 'fix',
  'calling-back': 'callback',
  replying: 'reply',
};
export const WORKING_STATES = Object.keys(STEP_FROM);

type Row<A extends keyof OrderActions> = TransitionRow<OrderKey, OrderActions[A], Crossing> & { action: A };

function officerStep<A extends OrderStep>(action: A, from: string, to: string): Row<A> {
  return {
    from,
    action,
    to,
    permission: 'ratings.rectify',
    actors: ['staff'],
    audit: { action: `rectification.${action}` },
  };
}

export const rectificationWorkflow = new WorkflowVersions([
  defineWorkflow<OrderKey, OrderActions, Crossing>({
    id: 'rectification',
    version: 1,
    initial: 'opened',
    states: {
      opened: {},
      verifying: { deadline: { workingDays: RECTIFICATION_DEADLINES.verifying } },
      fixing: { deadline: { workingDays: RECTIFICATION_DEADLINES.fixing } },
      'calling-back': { deadline: { workingDays: RECTIFICATION_DEADLINES['calling-back'] } },
      replying: { deadline: { workingDays: RECTIFICATION_DEADLINES.replying } },
      replied: {},
      closed: { final: true },
    },
    transitions: {
      open: [
        {
          from: 'opened',
          action: 'open',
          to: 'verifying',
          permission: 'ratings.rectify',
          actors: ['system'],
          audit: { action: 'rectification.open' },
        },
      ],
      verify: [officerStep('verify', 'verifying', 'fixing')],
      fix: [officerStep('fix', 'fixing', 'calling-back')],
      callback: [officerStep('callback', 'calling-back', 'replying')],
      reply: [officerStep('reply', 'replying', 'replied')],
      // The person's answers arrive from the portal: the platform moves the order for them.
      accept: [
        {
          from: 'replied',
          action: 'accept',
          to: 'closed',
          permission: 'ratings.rectify',
          actors: ['system'],
          audit: { action: 'rectification.accepted' },
        },
      ],
      appeal: [
        {
          from: 'replied',
          action: 'appeal',
          to: 'verifying',
          permission: 'ratings.rectify',
          actors: ['system'],
          audit: { action: 'rectification.appealed', detail: ({ data }) => ({ reason: data.reason }) },
        },
      ],
    },
  }),
]);

export const orderStore: WorkflowStore<OrderKey> = {
  table: rectificationOrders,
  where: (key) => sql`${rectificationOrders.id} = ${key.id}`,
  target: (key) => `rectification:${key.id}`,
  columns: {
    state: rectificationOrders.state,
    definitionId: rectificationOrders.workflowId,
    definitionVersion: rectificationOrders.workflowVersion,
    dueOn: rectificationOrders.dueOn,
    updatedAt: rectificationOrders.updatedAt,
  },
};
