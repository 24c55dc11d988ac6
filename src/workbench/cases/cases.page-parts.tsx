import type { Label } from '../../shared/catalog/index.ts';
import { Tag } from '../../shared/ui/components.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import type { DueTone } from './cases.presenter.ts';

// What the queue page and the case page both say: a label in the page's language, the step's actor, the due date.

export const word = (ctx: PageContext, label: Label) => (ctx.lang === 'en' ? label.en : label.zh);

/** Who took a step when it was no officer: named for people, never by the record's code. */
export const actorWords: Record<string, Label> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  system: { zh: '系统', en: 'System' },
  exchange: { zh: '边界交换', en: 'Boundary exchange' },
};

const toneWords: Record<DueTone, Label> = {
  green: { zh: '正常', en: 'On time' },
  amber: { zh: '即将到期', en: 'Due soon' },
  red: { zh: '已超期', en: 'Overdue' },
};

export function Due({ ctx, due, tone }: { ctx: PageContext; due: string | null; tone: DueTone | null }) {
  if (!due || !tone) return <span class="muted">{inLang(ctx, '无时限', 'No limit running')}</span>;
  return (
    <span>
      {due} <Tag tone={tone}>{word(ctx, toneWords[tone])}</Tag>
    </span>
  );
}
