import type { OrderLine } from './ratings.repository.ts';

/** A bad review and its rectification order as discipline inspection reads them (no personal data). */
export interface BadReviewView {
  orderId: string;
  subject: { kind: 'case' | 'letter'; number: string };
  level: number;
  reasons: string[];
  unitCode: string | null;
  state: string;
  dueOn: string | null;
  appealed: boolean;
  sample: 'checked' | 'unsatisfactory' | null;
  ratedAt: string;
}

export function presentBadReview(line: OrderLine): BadReviewView {
  return {
    orderId: line.id,
    subject: { kind: line.rating.subjectKind, number: line.rating.subjectNumber },
    level: line.rating.level,
    reasons: line.rating.reasons,
    unitCode: line.unitCode,
    state: line.state,
    dueOn: line.dueOn,
    appealed: line.round > 1,
    sample: line.sample,
    ratedAt: line.rating.ratedAt.toISOString(),
  };
}
