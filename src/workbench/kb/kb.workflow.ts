import { sql } from 'drizzle-orm';
import { defineWorkflow, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { kbVersions as versions, type KbState } from './kb.tables.ts';

// One version of a knowledge-base entry, as data: its writer submits it; a second officer (never its writer or
// submitter, four eyes) puts it in use or returns it to draft with a comment. Putting a version in use
// supersedes the one before it (the platform's step); an approver retires an entry's version in use. The
// messages to the portal for public entries are sent by the service, which knows the version before.

export type KbKey = { entryId: string; version: number };

export interface KbActions {
  submit: Record<string, never>;
  approve: Record<string, never>;
  return: { comment: string };
  supersede: Record<string, never>;
  retire: { reason: string };
}

const states: Record<KbState, { final?: boolean }> = {
  draft: {},
  'in-review': {},
  'in-use': {},
  superseded: { final: true },
  retired: { final: true },
};

export const kbWorkflow = new WorkflowVersions([
  defineWorkflow<KbKey, KbActions, Crossing>({
    id: 'kb-version',
    version: 1,
    initial: 'draft',
    states,
    transitions: {
      submit: [
        {
          from: 'draft',
          action: 'submit',
          to: 'in-review',
          permission: 'kb.edit',
          actors: ['staff'],
          audit: { action: 'kb.submit', detail: ({ key }) => ({ version: key.version }) },
        },
      ],
      approve: [
        {
          from: 'in-review',
          action: 'approve',
          to: 'in-use',
          permission: 'kb.review',
          actors: ['staff'],
          fourEyes: true,
          audit: { action: 'kb.approve', detail: ({ key }) => ({ version: key.version }) },
        },
      ],
      return: [
        {
          from: 'in-review',
          action: 'return',
          to: 'draft',
          permission: 'kb.review',
          actors: ['staff'],
          fourEyes: true,
          audit: {
            action: 'kb.return',
            detail: ({ key, data }) => ({ version: key.version, comment: data.comment.slice(0, 200) }),
          },
        },
      ],
      supersede: [
        {
          from: 'in-use',
          action: 'supersede',
          to: 'superseded',
          permission: 'kb.review',
          actors: ['system'],
        },
      ],
      retire: [
        {
          from: 'in-use',
          action: 'retire',
          to: 'retired',
          permission: 'kb.review',
          actors: ['staff'],
          audit: {
            action: 'kb.retire',
            detail: ({ key, data }) => ({ version: key.version, reason: data.reason.slice(0, 200) }),
          },
        },
      ],
    },
  }),
]);

export const kbStore: WorkflowStore<KbKey> = {
  table: versions,
  where: (key) => sql`${versions.entryId} = ${key.entryId} AND ${versions.version} = ${key.version}`,
  target: (key) => `kb:${key.entryId}`,
  columns: {
    state: versions.state,
    definitionId: versions.workflowId,
    definitionVersion: versions.workflowVersion,
    updatedAt: versions.updatedAt,
    contributors: [versions.authorBadge, versions.submittedBy],
  },
};

export function newKbWorkflow(): { workflowId: string; workflowVersion: number } {
  const { id, version } = kbWorkflow.current;
  return { workflowId: id, workflowVersion: version };
}
