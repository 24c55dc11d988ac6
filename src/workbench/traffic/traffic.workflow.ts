import { sql } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { trafficViolations } from './traffic.tables.ts';

// A camera violation, as data: the owner accepts the decision (接受处理) from the portal, then the fine is paid
// there. Both steps arrive through the exchange, so the platform moves the record for him (system actor); the
// audit entries name the portal's request.

export type ViolationKey = { id: string };

export interface ViolationActions {
  accept: { decisionNo: string; requestId: string };
  pay: { orderNo: string; surchargeFen: number };
}

export const trafficViolationWorkflow = new WorkflowVersions([
  defineWorkflow<ViolationKey, ViolationActions, Crossing>({
    id: 'traffic-violation',
    version: 1,
    initial: 'unhandled',
    states: {
      unhandled: {},
      'decision-accepted': {},
      paid: { final: true },
    },
    transitions: {
      accept: [
        {
          from: 'unhandled',
          action: 'accept',
          to: 'decision-accepted',
          permission: 'traffic.read',
          actors: ['system'],
          audit: {
            action: 'traffic.decision.accept',
            detail: ({ data }) => ({ decisionNo: data.decisionNo, requestId: data.requestId }),
          },
        },
      ],
      pay: [
        {
          from: 'decision-accepted',
          action: 'pay',
          to: 'paid',
          permission: 'traffic.read',
          actors: ['system'],
          audit: {
            action: 'traffic.fine.paid',
            detail: ({ data }) => ({ orderNo: data.orderNo, surchargeFen: data.surchargeFen }),
          },
        },
      ],
    },
  }),
]);

export const violationStore: WorkflowStore<ViolationKey> = {
  table: trafficViolations,
  where: (key) => sql`${trafficViolations.id} = ${key.id}`,
  target: (key) => `traffic-violation:${key.id}`,
  columns: {
    state: trafficViolations.state,
    definitionId: trafficViolations.workflowId,
    definitionVersion: trafficViolations.workflowVersion,
    updatedAt: trafficViolations.updatedAt,
  },
};
