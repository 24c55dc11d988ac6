import { formatBeat } from '../../shared/directory/beat.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { BackLink, InsetText } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { Unit } from './org.repository.ts';

// The form for a community office's responsibility area and officer: one plain textarea in a small grammar
// (shared/directory/beat.ts), explained beside it, and the officer's name and badge number.

export function beatValues(unit: Unit): Record<string, string> {
  return {
    area: formatBeat(unit.beat),
    officerName: unit.officerName ?? '',
    officerBadge: unit.officerBadge ?? '',
  };
}

export function beatPage(p: {
  ctx: PageContext;
  unit: Unit;
  values: Record<string, string>;
  errors?: FieldError[] | undefined;
}): string {
  const { ctx, unit, values } = p;
  const errors = p.errors ?? [];
  const title = inLang(
    ctx,
    `${unit.name}的辖区和社区民警`,
    `Area and officer of ${unit.nameEn || unit.name}`,
  );
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href={`/org/${unit.code}`}>{unit.name}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <InsetText>
          {inLang(
            ctx,
            '群众在门户网站“找片警”中按地址查到本警务室和社区民警。门户只显示民警姓名、警号和警务室电话，不显示个人手机。',
            'People find this office and its officer by address in the portal’s “find my community officer”. The portal shows the officer’s name, badge number and the office phone, never a personal mobile.',
          )}
        </InsetText>
        <Form action={`/org/${unit.code}/beat`} csrfToken={ctx.csrfToken ?? ''}>
          <TextArea
            name="area"
            value={values.area}
            error={errorFor(errors, 'area')}
            rows={8}
            label={inLang(ctx, '辖区（每行一条）', 'Area covered (one per line)')}
            hint={inLang(
              ctx,
              '道路写名称和门牌号段，如“湖滨路 1-200”，只管单号或双号时加“单”或“双”；小区只写名称，如“春晖小区”。英文名写在“/”后，如“湖滨路/Hubin Road 1-200”。',
              'A road with its house-number range, e.g. “湖滨路 1-200”, adding 单 or 双 for odd or even numbers only; a compound by its name, e.g. “春晖小区”. An English name follows a “/”, e.g. “湖滨路/Hubin Road 1-200”.',
            )}
          />
          <TextField
            name="officerName"
            value={values.officerName}
            error={errorFor(errors, 'officerName')}
            autocomplete="off"
            width={20}
            label={inLang(ctx, '社区民警姓名', 'Community officer’s name')}
          />
          <TextField
            name="officerBadge"
            value={values.officerBadge}
            error={errorFor(errors, 'officerBadge')}
            autocomplete="off"
            spellcheck={false}
            width={10}
            label={inLang(ctx, '警号', 'Badge number')}
          />
          <Button>{inLang(ctx, '保存', 'Save')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}
