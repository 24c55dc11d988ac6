import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { Checkboxes, Select } from '../../shared/ui/choices.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { BackLink, InsetText } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { UnitKind } from '../db/schema.ts';
import { unitOptions, type UnitOption } from '../staff/staff.pages.tsx';
import { kindLabel, kinds } from './org.pages.tsx';
import type { Unit, UnitLoad } from './org.repository.ts';
import { WithChineseMarked } from '../../shared/ui/as-written.tsx';

// The forms that change the tree: add, edit, move, close. Plain forms, no script; a refused one comes back
// with what was typed and every problem beside its field.

type Values = Record<string, string>;

/** The form's values from a unit, as the edit form starts. */
export function unitValues(u: Unit): Values {
  return {
    kind: u.kind,
    name: u.name,
    nameEn: u.nameEn ?? '',
    district: u.district,
    address: u.address,
    phone: u.phone,
    hours: u.hours,
    schedule: u.schedule,
    lat: String(u.lat),
    lng: String(u.lng),
    isPublic: u.isPublic ? 'yes' : '',
  };
}

function UnitFields({ ctx, values, errors }: { ctx: PageContext; values: Values; errors: FieldError[] }) {
  const f = (name: string) => ({ name, value: values[name], error: errorFor(errors, name) });
  return (
    <>
      <Select
        {...f('kind')}
        label={inLang(ctx, '类别', 'Kind')}
        placeholder
        options={kinds.map((k: UnitKind) => ({ value: k, label: kindLabel(k, ctx.lang) }))}
      />
      <TextField {...f('name')} label={inLang(ctx, '中文名称', 'Chinese name')} />
      <TextField {...f('nameEn')} optional label={inLang(ctx, '英文名称', 'English name')} />
      <Checkboxes
        name="isPublic"
        legend={inLang(ctx, '机构名录', 'Public directory')}
        values={values.isPublic === 'yes' ? ['yes'] : []}
        error={errorFor(errors, 'isPublic')}
        items={[
          {
            value: 'yes',
            label: inLang(ctx, '在门户网站机构名录中公开', 'List in the portal’s public directory'),
            hint: inLang(
              ctx,
              '公开的单位每次修改都会同步到门户网站',
              'Every change to a listed unit is sent to the portal',
            ),
          },
        ]}
      />
      <TextField
        {...f('district')}
        optional
        width={10}
        label={inLang(ctx, '所在区', 'District')}
        hint={
          <WithChineseMarked
            lang={ctx.lang}
            text={inLang(ctx, '如 明湖区；公开的单位必填', 'e.g. 明湖区; required for a listed unit')}
          />
        }
      />
      <TextField {...f('address')} label={inLang(ctx, '地址', 'Address')} autocomplete="off" />
      <TextField {...f('phone')} type="tel" inputmode="tel" width={20} label={inLang(ctx, '电话', 'Phone')} />
      <TextArea
        {...f('hours')}
        rows={2}
        label={inLang(ctx, '办公时间（对外显示）', 'Opening hours (as shown)')}
      />
      <TextField
        {...f('schedule')}
        optional
        spellcheck={false}
        label={inLang(ctx, '窗口开放时间（用于显示“今日开放”）', 'Counter schedule (for “open today”)')}
        hint={inLang(
          ctx,
          '星期几（1为周一）和时段，如 1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00；全天开放填 24h。法定节假日按闭馆显示，调休上班日按周一时间',
          'Weekdays (1 = Monday) and times, e.g. 1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00; 24h for always open. Shown closed on public holidays; a working weekend keeps Monday’s hours',
        )}
      />
      <TextField
        {...f('lat')}
        inputmode="decimal"
        width={10}
        label={inLang(ctx, '纬度', 'Latitude')}
        hint={inLang(ctx, '十进制度数，如 30.51234', 'Decimal degrees, e.g. 30.51234')}
      />
      <TextField
        {...f('lng')}
        inputmode="decimal"
        width={10}
        label={inLang(ctx, '经度', 'Longitude')}
        hint={inLang(ctx, '十进制度数，如 114.30123', 'Decimal degrees, e.g. 114.30123')}
      />
    </>
  );
}

export function newUnitPage(p: {
  ctx: PageContext;
  parents: UnitOption[];
  values?: Values;
  errors?: FieldError[];
}): string {
  const { ctx } = p;
  const values = p.values ?? {};
  const errors = p.errors ?? [];
  const title = inLang(ctx, '新增单位', 'New unit');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/org">{inLang(ctx, '返回组织机构', 'Back to the organisation')}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/org/new" csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="code"
            value={values.code}
            error={errorFor(errors, 'code')}
            spellcheck={false}
            autocomplete="off"
            width={20}
            label={inLang(ctx, '单位代码', 'Unit code')}
            hint={inLang(ctx, '创建后不能修改，如 SF-D01-P08', 'Cannot be changed later, e.g. SF-D01-P08')}
          />
          <Select
            name="parentCode"
            value={values.parentCode}
            error={errorFor(errors, 'parentCode')}
            label={inLang(ctx, '上级单位', 'Unit above')}
            placeholder
            options={unitOptions(p.parents)}
          />
          <UnitFields ctx={ctx} values={values} errors={errors} />
          <Button>{inLang(ctx, '新增单位', 'Add unit')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

export function editUnitPage(p: { ctx: PageContext; unit: Unit; values?: Values; errors?: FieldError[] }) {
  const { ctx, unit } = p;
  const errors = p.errors ?? [];
  const title = inLang(ctx, `修改 ${unit.name}`, `Edit ${unit.nameEn || unit.name}`);
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href={`/org/${unit.code}`}>{unit.name}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p class="muted">{inLang(ctx, `单位代码 ${unit.code}`, `Unit code ${unit.code}`)}</p>
        <Form action={`/org/${unit.code}/edit`} csrfToken={ctx.csrfToken ?? ''}>
          <UnitFields ctx={ctx} values={p.values ?? unitValues(unit)} errors={errors} />
          <Button>{inLang(ctx, '保存', 'Save')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

export function moveUnitPage(p: {
  ctx: PageContext;
  unit: Unit;
  parents: UnitOption[];
  values?: Values;
  errors?: FieldError[];
}): string {
  const { ctx, unit } = p;
  const errors = p.errors ?? [];
  const title = inLang(ctx, `移动 ${unit.name}`, `Move ${unit.nameEn || unit.name}`);
  // A unit cannot go under itself or anything below it: those are not offered (the service refuses them too).
  const parents = p.parents.filter((u) => u.path !== unit.path && !u.path.startsWith(unit.path + '/'));
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href={`/org/${unit.code}`}>{unit.name}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <InsetText>
          {inLang(
            ctx,
            '下级单位随之移动，人员的管辖范围随即按新的层级计算。本单位或下级还有在办的案件、信件或督办时不能移动。',
            'The units below move with it, and officers’ jurisdiction follows the new tree at once. A unit whose work (cases, letters, urgings) is still open here or below cannot move.',
          )}
        </InsetText>
        <Form action={`/org/${unit.code}/move`} csrfToken={ctx.csrfToken ?? ''}>
          <Select
            name="parentCode"
            value={p.values?.parentCode ?? unit.parentCode ?? ''}
            error={errorFor(errors, 'parentCode')}
            label={inLang(ctx, '新的上级单位', 'New unit above')}
            options={unitOptions(parents)}
          />
          <Button>{inLang(ctx, '移动', 'Move')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

export function closeUnitPage(p: { ctx: PageContext; unit: Unit; load: UnitLoad; errors?: FieldError[] }) {
  const { ctx, unit, load } = p;
  const errors = p.errors ?? [];
  const title = inLang(ctx, `撤销 ${unit.name}`, `Close ${unit.nameEn || unit.name}`);
  const blocked = load.activeStaff + load.openUnitsBelow + load.openWork > 0 || !unit.parentCode;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href={`/org/${unit.code}`}>{unit.name}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '撤销后单位保留在历史记录中（案件、信件和账号仍显示该单位），不再接收新的人员，并从门户网站机构名录中撤下。',
            'A closed unit stays in the records (cases, letters and accounts still name it), takes no new staff and leaves the portal’s directory.',
          )}
        </p>
        <ul id="confirm">
          <li>
            {inLang(
              ctx,
              `在用人员账号或角色：${load.activeStaff}`,
              `Active staff or roles: ${load.activeStaff}`,
            )}
          </li>
          <li>
            {inLang(
              ctx,
              `未撤销的下级单位：${load.openUnitsBelow}`,
              `Open units below: ${load.openUnitsBelow}`,
            )}
          </li>
          <li>{inLang(ctx, `在办工作：${load.openWork}`, `Open work: ${load.openWork}`)}</li>
        </ul>
        {blocked ? (
          <InsetText>
            {inLang(ctx, '以上均为 0 时才能撤销。', 'It can be closed once all of these are 0.')}
          </InsetText>
        ) : null}
        <Form action={`/org/${unit.code}/close`} csrfToken={ctx.csrfToken ?? ''}>
          <Button variant="warning">{inLang(ctx, '撤销单位', 'Close the unit')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}
