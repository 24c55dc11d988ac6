import type { ViolationState } from '../../exchange/contracts/index.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { BackLink, InsetText, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { offenceOf, vehicleKinds } from './traffic.offences.ts';
import { trafficWords as w, violationStateWords, yuanOf } from './traffic.messages.ts';
import type { VehicleView } from './traffic.read.ts';
import { WithChineseMarked } from '../../shared/ui/as-written.tsx';

// The traffic officer's pages: find a vehicle by plate, and one vehicle with its owner's points and its
// violations (each with the camera's picture).

type Words = { zh: string; en: string };
const say = (ctx: PageContext, words: Words) => words[ctx.lang];

export function StateTag({ ctx, state }: { ctx: PageContext; state: ViolationState }) {
  const words = violationStateWords[state];
  return <Tag tone={words.tone}>{say(ctx, words)}</Tag>;
}

export function lookupPage(p: {
  ctx: PageContext;
  plate?: string | undefined;
  errors?: FieldError[];
  notFound?: boolean;
}) {
  const { ctx } = p;
  const title = say(ctx, w.title);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <ErrorSummary errors={p.errors ?? []} lang={ctx.lang} />
      <h1>{title}</h1>
      <Form method="get" action="/traffic">
        <TextField
          name="plate"
          label={say(ctx, w.plate)}
          hint={<WithChineseMarked lang={ctx.lang} text={say(ctx, w.plateHint)} />}
          value={p.plate}
          width={10}
          spellcheck={false}
          error={p.errors?.find((e) => e.field === 'plate')?.message}
        />
        <Button>{say(ctx, w.search)}</Button>
      </Form>
      {p.notFound ? <InsetText>{say(ctx, w.notFound)}</InsetText> : null}
    </Layout>,
  );
}

export function vehiclePage({ ctx, view }: { ctx: PageContext; view: VehicleView }) {
  const { vehicle, licence } = view;
  const title = `${say(ctx, w.vehicle)} ${vehicle.plate}`;
  const photoHref = (id: string) =>
    `/traffic/vehicles/${encodeURIComponent(vehicle.plate)}/violations/${id}/photo`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/traffic" lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '车辆类型', 'Kind'), value: say(ctx, vehicleKinds[vehicle.kind]) },
          { key: inLang(ctx, '品牌型号', 'Make'), value: vehicle.brand },
          { key: inLang(ctx, '注册登记日期', 'Registered on'), value: vehicle.registeredOn },
          { key: inLang(ctx, '登记机关', 'Vehicle office'), value: vehicle.registryUnitCode },
          { key: say(ctx, w.owner), value: view.ownerMasked },
          {
            key: say(ctx, w.points),
            value: licence
              ? inLang(
                  ctx,
                  `${licence.pointsDeducted} 分（${licence.licenceClass}，周期至 ${licence.cycleEnd}）`,
                  `${licence.pointsDeducted} (${licence.licenceClass}, cycle ends ${licence.cycleEnd})`,
                )
              : say(ctx, w.noLicence),
          },
        ]}
      />
      <p class="hint">{say(ctx, w.audited)}</p>
      <h2>{say(ctx, w.violations)}</h2>
      {view.violations.length === 0 ? (
        <p>{say(ctx, w.none)}</p>
      ) : (
        <Table
          caption={say(ctx, w.violations)}
          stackOnNarrow
          head={[
            inLang(ctx, '时间', 'Time'),
            inLang(ctx, '地点', 'Place'),
            inLang(ctx, '违法行为', 'Offence'),
            inLang(ctx, '记分', 'Points'),
            inLang(ctx, '罚款', 'Fine'),
            inLang(ctx, '状态', 'State'),
            inLang(ctx, '照片', 'Photo'),
          ]}
          numeric={[3, 4]}
          rows={view.violations.map((v) => [
            formatDateTime(ctx.lang, v.occurredAt),
            v.place,
            `${v.offenceCode} ${say(ctx, offenceOf(v.offenceCode))}`,
            String(v.points),
            v.surchargeFen
              ? inLang(
                  ctx,
                  `${yuanOf(v.fineFen)}（加处罚款 ${yuanOf(v.surchargeFen)}）`,
                  `${yuanOf(v.fineFen)} (late surcharge ${yuanOf(v.surchargeFen)})`,
                )
              : yuanOf(v.fineFen),
            <span>
              <StateTag ctx={ctx} state={v.state} />
              {v.decisionNo ? <span class="hint"> {v.decisionNo}</span> : null}
            </span>,
            <a href={photoHref(v.id)}>{inLang(ctx, '查看照片', 'View photo')}</a>,
          ])}
        />
      )}
    </Layout>,
  );
}
