import type { Label } from '../../shared/catalog/index.ts';
import { dueTone, type DueTone } from '../cases/cases.presenter.ts';
import { urgingStateLabels } from './supervision.messages.ts';
import { sourceOf, type SupervisedItem } from './supervision.sources.ts';
import type { UrgingEscalationRow, UrgingRow } from './supervision.tables.ts';

// Supervision as the API and the pages show it: items with their colour and where to read them, urgings
// with their state's words; never database rows as they are.

export interface ItemView {
  source: string;
  ref: string;
  href: string;
  unitCode: string;
  service: string;
  serviceName: Label;
  step: string;
  stepName: Label;
  officer: string | null;
  dueOn: string | null;
  tone: DueTone | null;
}

export function presentItem(item: SupervisedItem, today: string): ItemView {
  return {
    source: item.source,
    ref: item.ref,
    href: sourceOf(item.source)?.href(item.ref) ?? '#',
    unitCode: item.unitCode,
    service: item.service,
    serviceName: item.serviceName,
    step: item.step,
    stepName: sourceOf(item.source)?.stepLabel(item.step) ?? { zh: item.step, en: item.step },
    officer: item.officer,
    dueOn: item.dueOn,
    tone: dueTone(item.since, item.dueOn, today),
  };
}

export interface UrgingView {
  id: string;
  source: string;
  itemRef: string;
  itemHref: string;
  unitCode: string;
  fromUnitCode: string;
  sentBy: string;
  sentAt: string;
  message: string;
  round: number;
  state: string;
  stateName: Label;
  replyDueOn: string | null;
  answer: { reason: string; promisedOn: string; by: string; at: string } | null;
  escalations: { toUnitCode: string; toRole: string; rule: string; at: string }[];
}

export function presentUrging(row: UrgingRow, escalations: readonly UrgingEscalationRow[] = []): UrgingView {
  return {
    id: row.id,
    source: row.source,
    itemRef: row.itemRef,
    itemHref: sourceOf(row.source)?.href(row.itemRef) ?? '#',
    unitCode: row.unitCode,
    fromUnitCode: row.fromUnitCode,
    sentBy: row.sentBy,
    sentAt: row.sentAt.toISOString(),
    message: row.message,
    round: row.round,
    state: row.state,
    stateName: urgingStateLabels[row.state] ?? { zh: row.state, en: row.state },
    replyDueOn: row.replyDueOn,
    answer:
      row.answerReason && row.promisedOn && row.answeredBy && row.answeredAt
        ? {
            reason: row.answerReason,
            promisedOn: row.promisedOn,
            by: row.answeredBy,
            at: row.answeredAt.toISOString(),
          }
        : null,
    escalations: escalations.map((e) => ({
      toUnitCode: e.toUnitCode,
      toRole: e.toRole,
      rule: e.ruleId,
      at: e.at.toISOString(),
    })),
  };
}
