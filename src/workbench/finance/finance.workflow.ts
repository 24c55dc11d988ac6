import { sql } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { reconciliationDifferences } from './finance.tables.ts';

// A reconciliation difference, as data: it opens when a report first names it and a finance officer resolves it
// with a resolution and a reason, both kept in the audit log. A resolved difference stays on the day's page.

export type DifferenceKey = { id: string };

export const resolutions = [
  'booked-here',
  'refunded',
  'gateway-corrected',
  'timing',
  'written-off',
  'no-action',
] as const;
export type Resolution = (typeof resolutions)[number];

export interface DifferenceActions {
  resolve: { resolution: Resolution; reason: string };
}

/** Working days a finance officer has to resolve a difference. */
export const RESOLVE_WITHIN_DAYS = 3;

export const differenceWorkflow = new WorkflowVersions([
  defineWorkflow<DifferenceKey, DifferenceActions, Crossing>({
    id: 'reconciliation-difference',
    version: 1,
    initial: 'open',
    states: {
      open: { deadline: { workingDays: RESOLVE_WITHIN_DAYS } },
      resolved: { final: true },
    },
    transitions: {
      resolve: [
        {
          from: 'open',
          action: 'resolve',
          to: 'resolved',
          permission: 'finance.resolve',
          actors: ['staff'],
          audit: {
            action: 'reconciliation.resolve',
            detail: ({ data }) => ({ resolution: data.resolution, reason: data.reason }),
          },
        },
      ],
    },
  }),
]);

export const differenceStore: WorkflowStore<DifferenceKey> = {
  table: reconciliationDifferences,
  where: (key) => sql`${reconciliationDifferences.id} = ${key.id}`,
  target: (key) => `reconciliation-difference:${key.id}`,
  columns: {
    state: reconciliationDifferences.state,
    definitionId: reconciliationDifferences.workflowId,
    definitionVersion: reconciliationDifferences.workflowVersion,
    dueOn: reconciliationDifferences.dueOn,
    updatedAt: reconciliationDifferences.updatedAt,
  },
};
