import { sql } from 'drizzle-orm';
import type { LetterKind } from '../../exchange/contracts/index.ts';
import {
  defineWorkflow,
  WorkflowVersions,
  type TransitionRow,
} from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { letters } from './letters.tables.ts';

// The life of a letter, as data. Routing opens it in a unit's queue with the deadline of its class (simple or
// complex, in working days); the unit answers it, forwards it to the unit that can (a new, longer deadline),
// or hands it to 12345 or another department with its reasons. Answered and handed-off letters are final.
// The writer hears of each step through letter.status.changed, which the service sends with the due date the
// move computed.

export type LetterKey = { letterNumber: string };

/** Working days to answer, per class; a forwarded letter gets its own, longer one. Changed here, as data. */
export const LETTER_DEADLINES = { simple: 3, complex: 5, forwarded: 15 } as const;

/** Questions, suggestions and thanks are simple; everything that needs looking into is complex. */
export const letterClass: Record<LetterKind, 'simple' | 'complex'> = {
  consultation: 'simple',
  suggestion: 'simple',
  praise: 'simple',
  director: 'complex',
  complaint: 'complex',
  help: 'complex',
  tip: 'complex',
};

export interface LetterActions {
  'route-simple': { unitCode: string };
  'route-complex': { unitCode: string };
  reply: { text: string };
  forward: { unitCode: string; reason: string };
  transfer: { target: '12345' | 'other-department'; reason: string };
  'reclassify-simple': ReclassifyData;
  'reclassify-complex': ReclassifyData;
}

/** An officer's change of a letter's kind: it is routed again and its deadline starts afresh for the new class. */
export interface ReclassifyData {
  from: LetterKind;
  kind: LetterKind;
  unitCode: string;
  reason: string;
}

const reclassifyAudit = {
  action: 'letter.reclassify',
  detail: ({ data }: { data: ReclassifyData }) => ({
    from: data.from,
    kind: data.kind,
    unit: data.unitCode,
    reason: data.reason,
  }),
};

export type LetterState =
  'received' | 'open-simple' | 'open-complex' | 'forwarded' | 'replied' | 'transferred';
export const OPEN_STATES: readonly LetterState[] = ['open-simple', 'open-complex', 'forwarded'];

type Row<A extends keyof LetterActions> = TransitionRow<LetterKey, LetterActions[A], Crossing> & {
  action: A;
};

function fromEachOpen<A extends keyof LetterActions>(
  action: A,
  to: LetterState,
  audit: Row<A>['audit'],
  from: readonly LetterState[] = OPEN_STATES,
): Row<A>[] {
  return from.map((state) => ({
    from: state,
    action,
    to,
    permission: 'letters.handle',
    actors: ['staff'],
    audit,
  }));
}

export const letterWorkflow = new WorkflowVersions([
  defineWorkflow<LetterKey, LetterActions, Crossing>({
    id: 'letter',
    version: 1,
    initial: 'received',
    states: {
      received: {},
      'open-simple': { deadline: { workingDays: LETTER_DEADLINES.simple } },
      'open-complex': { deadline: { workingDays: LETTER_DEADLINES.complex } },
      forwarded: { deadline: { workingDays: LETTER_DEADLINES.forwarded } },
      replied: { final: true },
      transferred: { final: true },
    },
    transitions: {
      // The platform routes at intake; an officer routes by hand what the rules could not place.
      'route-simple': [
        {
          from: 'received',
          action: 'route-simple',
          to: 'open-simple',
          permission: 'letters.handle',
          actors: ['system', 'staff'],
          audit: { action: 'letter.route', detail: ({ data }) => ({ unit: data.unitCode }) },
        },
      ],
      'route-complex': [
        {
          from: 'received',
          action: 'route-complex',
          to: 'open-complex',
          permission: 'letters.handle',
          actors: ['system', 'staff'],
          audit: { action: 'letter.route', detail: ({ data }) => ({ unit: data.unitCode }) },
        },
      ],
      reply: fromEachOpen('reply', 'replied', { action: 'letter.reply' }),
      forward: fromEachOpen(
        'forward',
        'forwarded',
        { action: 'letter.forward', detail: ({ data }) => ({ unit: data.unitCode, reason: data.reason }) },
        ['open-simple', 'open-complex'],
      ),
      'reclassify-simple': fromEachOpen('reclassify-simple', 'open-simple', reclassifyAudit, [
        'received',
        ...OPEN_STATES,
      ]),
      'reclassify-complex': fromEachOpen('reclassify-complex', 'open-complex', reclassifyAudit, [
        'received',
        ...OPEN_STATES,
      ]),
      transfer: fromEachOpen('transfer', 'transferred', {
        action: 'letter.transfer',
        detail: ({ data }) => ({ target: data.target, reason: data.reason }),
      }),
    },
  }),
]);

export const letterStore: WorkflowStore<LetterKey> = {
  table: letters,
  where: (key) => sql`${letters.letterNumber} = ${key.letterNumber}`,
  target: (key) => `letter:${key.letterNumber}`,
  columns: {
    state: letters.state,
    definitionId: letters.workflowId,
    definitionVersion: letters.workflowVersion,
    dueOn: letters.dueOn,
    dueSince: letters.dueSince,
    updatedAt: letters.updatedAt,
  },
};
