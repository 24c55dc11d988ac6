import { formatDateTime } from '../../shared/i18n/index.ts';
import { InsetText, SummaryList } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { yuan } from '../payments/payments.messages.ts';
import type { DecisionDocumentRow } from './traffic.repository.ts';

/** The plate with its middle hidden (示A1***5): enough to match the paper, not to find the car. */
export function maskedPlate(plate: string): string {
  const chars = [...plate];
  return chars.length <= 4 ? plate : `${chars.slice(0, 3).join('')}***${chars.slice(-1).join('')}`;
}

/** Public: whether a decision document with this code was issued, and its facts without the owner. */
export function decisionVerifyPage(p: {
  ctx: PageContext;
  code: string;
  found: { doc: DecisionDocumentRow; paid: boolean } | undefined;
}) {
  const { ctx, code, found } = p;
  const title = inLang(ctx, '处罚决定书核验', 'Check a traffic penalty decision');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {found ? (
        <>
          <p role="status">
            {inLang(
              ctx,
              `核验码 ${code} 对应的处罚决定书真实有效。`,
              `The decision with code ${code} is genuine.`,
            )}
          </p>
          <SummaryList
            rows={[
              { key: inLang(ctx, '决定书编号', 'Decision number'), value: found.doc.decisionNo },
              { key: inLang(ctx, '机动车号牌', 'Plate'), value: maskedPlate(found.doc.plate) },
              {
                key: inLang(ctx, '违法行为', 'Offence'),
                value: `${found.doc.offenceCode} ${found.doc.offence[ctx.lang]}`,
              },
              {
                key: inLang(ctx, '违法时间', 'Time'),
                value: formatDateTime(ctx.lang, found.doc.occurredAt),
              },
              { key: inLang(ctx, '记分', 'Points'), value: String(found.doc.points) },
              { key: inLang(ctx, '罚款', 'Fine'), value: yuan(found.doc.fineFen) },
              { key: inLang(ctx, '处罚机关', 'Decided by'), value: found.doc.unitCode },
              {
                key: inLang(ctx, '决定时间', 'Decided on'),
                value: formatDateTime(ctx.lang, found.doc.decidedAt),
              },
              {
                key: inLang(ctx, '罚款缴纳', 'Fine'),
                value: found.paid
                  ? inLang(ctx, '已缴纳', 'Paid')
                  : found.doc.fineFen === 0
                    ? inLang(ctx, '无罚款', 'No fine')
                    : inLang(ctx, '未缴纳', 'Not paid yet'),
              },
            ]}
          />
        </>
      ) : (
        <InsetText>
          {inLang(
            ctx,
            `没有核验码为 ${code} 的处罚决定书。请核对决定书上的核验码。`,
            `No decision has the code ${code}. Check the code printed on the decision.`,
          )}
        </InsetText>
      )}
    </Layout>,
  );
}
