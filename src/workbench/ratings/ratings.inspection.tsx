import type { Child } from 'hono/jsx';
import { levelWords, type RatingLevel } from '../../shared/ratings/ratings.scale.ts';
import { Table } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { stateWords, word } from './ratings.messages.ts';
import { presentBadReview, type BadReviewView } from './ratings.presenter.ts';
import { badReviewsIn } from './ratings.repository.ts';

// Bad reviews and their rectification in the discipline-inspection view (/supervision/inspection): read-only,
// within the inspector's reach; the page's own audit entry covers the reading.

export async function badReviewsFor(services: ZoneServices, me: CurrentStaff): Promise<BadReviewView[]> {
  const lines = await badReviewsIn(services.db, reachOf(me, 'supervision.inspect'));
  return lines.map(presentBadReview);
}

export function BadReviewsSection({
  ctx,
  list,
  unit = (code) => code,
}: {
  ctx: PageContext;
  list: readonly BadReviewView[];
  /** A unit as the page names it (its name, the code beside it). */
  unit?: (code: string) => Child;
}) {
  const title = inLang(ctx, '差评及整改', 'Bad reviews and their rectification');
  return (
    <>
      <h2>{title}</h2>
      {list.length === 0 ? (
        <p>{inLang(ctx, '暂无。', 'None.')}</p>
      ) : (
        <Table
          caption={title}
          head={[
            inLang(ctx, '评价对象', 'Rated'),
            inLang(ctx, '评价', 'Rating'),
            inLang(ctx, '责任单位', 'Unit'),
            inLang(ctx, '整改环节', 'Step'),
            inLang(ctx, '期限', 'Due'),
            inLang(ctx, '申诉', 'Appeal'),
          ]}
          rows={list.map((r) => [
            <a href={`/ratings/orders/${r.orderId}`}>{r.subject.number}</a>,
            levelWords[r.level as RatingLevel][ctx.lang],
            r.unitCode ? unit(r.unitCode) : '',
            word(ctx.lang, stateWords, r.state),
            r.dueOn ?? '',
            r.appealed ? inLang(ctx, '已申诉', 'Appealed') : '',
          ])}
          rowHeaders
        />
      )}
    </>
  );
}
