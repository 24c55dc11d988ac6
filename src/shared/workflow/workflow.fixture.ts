import type { WorkflowSpec } from './workflow.definition.ts';

// A small permit application stands in for any record: a citizen or a clerk submits it, an approver decides
// with four eyes, the decision is published and may be withdrawn; the citizen may take it back while it waits.

export type Key = { id: string };
export type Message = { type: string; id: string };
export interface Actions {
  submit: { note: string };
  retract: Record<string, never>;
  approve: { mobile: string };
  reject: { reason: string };
  publish: Record<string, never>;
  withdraw: Record<string, never>;
}

export const spec = (): WorkflowSpec<Key, Actions, Message> => ({
  id: 'permit',
  version: 1,
  initial: 'draft',
  states: {
    draft: {},
    submitted: { deadline: { workingDays: 2 } },
    approved: {},
    rejected: { final: true },
    retracted: { final: true },
    published: {},
    withdrawn: { final: true },
  },
  transitions: {
    submit: [
      {
        from: 'draft',
        action: 'submit',
        to: 'submitted',
        permission: 'permit.submit',
        actors: ['citizen', 'staff'],
        audit: { action: 'permit.submit', detail: ({ data }) => ({ note: data.note }) },
      },
    ],
    retract: [
      {
        from: 'submitted',
        action: 'retract',
        to: 'retracted',
        permission: 'permit.own',
        actors: ['citizen'],
        audit: { action: 'permit.retract' },
      },
    ],
    approve: [
      {
        from: 'submitted',
        action: 'approve',
        to: 'approved',
        permission: 'permit.decide',
        actors: ['staff'],
        fourEyes: true,
        audit: { action: 'permit.approve' },
        outbox: ({ key }) => ({ type: 'permit.approved', id: key.id }),
        notify: ({ data, key }) => ({
          channel: 'sms',
          recipient: data.mobile,
          template: 'permit.approved',
          body: `许可 ${key.id} 已批准`,
        }),
      },
    ],
    reject: [
      {
        from: 'submitted',
        action: 'reject',
        to: 'rejected',
        permission: 'permit.decide',
        actors: ['staff'],
        fourEyes: true,
        audit: { action: 'permit.reject', detail: ({ data }) => ({ reason: data.reason }) },
      },
    ],
    publish: [
      {
        from: 'approved',
        action: 'publish',
        to: 'published',
        permission: 'permit.publish',
        actors: ['system'],
      },
    ],
    withdraw: [
      {
        from: 'published',
        action: 'withdraw',
        to: 'withdrawn',
        permission: 'permit.decide',
        actors: ['staff'],
        audit: { action: 'permit.withdraw' },
        outbox: ({ key }) => ({ type: 'permit.withdrawn', id: key.id }),
      },
    ],
  },
});
