import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { BackLink, Pagination, Table, Tag } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { roleLabel, roles, scopeLabel, scopes } from './roles.ts';
import { offeredRoles } from './staff.policy.ts';
import type { StaffSummary } from './staff.presenter.ts';

export interface UnitOption {
  code: string;
  name: string;
  path: string;
}

export function unitOptions(units: readonly UnitOption[]) {
  // Indented by depth so the select reads like the tree.
  return units.map((u) => ({
    value: u.code,
    label: `${'　'.repeat(u.path.split('/').length - 1)}${u.name}（${u.code}）`,
  }));
}

export function roleOptions(ctx: PageContext) {
  return offeredRoles(roles).map((r) => ({ value: r, label: roleLabel(r, ctx.lang) }));
}

export function ScopeRadios({
  ctx,
  value,
  error,
}: {
  ctx: PageContext;
  value?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Radios
      name="scope"
      legend={inLang(ctx, '管辖范围', 'Jurisdiction')}
      value={value}
      error={error}
      items={scopes.map((s) => ({ value: s, label: scopeLabel(s, ctx.lang) }))}
    />
  );
}

export function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

export function statusTag(
  ctx: PageContext,
  s: { disabled: boolean; lockedUntil: Date | null; mustEnrolTotp: boolean },
  now: Date,
) {
  if (s.disabled) return <Tag tone="red">{inLang(ctx, '已停用', 'Disabled')}</Tag>;
  if (s.lockedUntil && s.lockedUntil > now) return <Tag tone="amber">{inLang(ctx, '已锁定', 'Locked')}</Tag>;
  if (s.mustEnrolTotp) return <Tag tone="grey">{inLang(ctx, '未绑定动态口令', 'No authenticator yet')}</Tag>;
  return <Tag tone="green">{inLang(ctx, '正常', 'Active')}</Tag>;
}

export function staffListPage(p: {
  ctx: PageContext;
  rows: StaffSummary[];
  total: number;
  page: number;
  pageCount: number;
  q: string;
  pendingTotp: boolean;
  canCreate: boolean;
  now: Date;
  flash?: string | undefined;
}): string {
  const { ctx } = p;
  const title = inLang(ctx, '人员管理', 'Staff');
  const href = (page: number) =>
    `/staff?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), ...(p.pendingTotp ? { totp: 'pending' } : {}), page: String(page) })}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Flash text={p.flash} />
      <h1>{title}</h1>
      {p.canCreate ? (
        <p>
          <Button href="/staff/new" variant="secondary">
            {inLang(ctx, '新增人员账号', 'New staff account')}
          </Button>
        </p>
      ) : null}
      <Form action="/staff" method="get">
        <TextField
          name="q"
          type="search"
          label={inLang(ctx, '按警号或姓名查找', 'Find by badge number or name')}
          width={20}
          value={p.q}
        />
        {p.pendingTotp ? <input type="hidden" name="totp" value="pending" /> : null}
        <Button variant="secondary">{inLang(ctx, '查找', 'Search')}</Button>
      </Form>
      <p>
        {p.pendingTotp ? (
          <a href="/staff">{inLang(ctx, '显示全部人员', 'Show everyone')}</a>
        ) : (
          <a href="/staff?totp=pending">
            {inLang(ctx, '只看未绑定动态口令的账号', 'Only accounts without an authenticator')}
          </a>
        )}
      </p>
      <p>
        {inLang(
          ctx,
          `共 ${p.total} 人（仅显示您管辖范围内的人员）`,
          `${p.total} in all (only staff within your jurisdiction)`,
        )}
      </p>
      <Table
        caption={inLang(ctx, '人员账号', 'Staff accounts')}
        head={[
          inLang(ctx, '警号', 'Badge'),
          inLang(ctx, '姓名', 'Name'),
          inLang(ctx, '单位', 'Unit'),
          inLang(ctx, '状态', 'Status'),
        ]}
        rows={p.rows.map((r) => [
          <a href={`/staff/${r.id}`}>{r.badgeNo}</a>,
          r.name,
          r.unitName,
          statusTag(ctx, r, p.now),
        ])}
      />
      <Pagination page={p.page} pageCount={p.pageCount} href={href} />
    </Layout>,
  );
}

export function newStaffPage(p: {
  ctx: PageContext;
  units: UnitOption[];
  values?: Record<string, string>;
  errors?: FieldError[];
}): string {
  const { ctx } = p;
  const values = p.values ?? {};
  const errors = p.errors ?? [];
  const title = inLang(ctx, '新增人员账号', 'New staff account');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/staff">{inLang(ctx, '返回人员列表', 'Back to staff')}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/staff/new" csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="badgeNo"
            label={inLang(ctx, '警号', 'Badge number')}
            hint={inLang(ctx, '3至20位字母或数字', '3 to 20 letters or digits')}
            spellcheck={false}
            autocomplete="off"
            width={20}
            value={values.badgeNo}
            error={errorFor(errors, 'badgeNo')}
          />
          <TextField
            name="name"
            label={inLang(ctx, '姓名', 'Name')}
            autocomplete="off"
            width={20}
            value={values.name}
            error={errorFor(errors, 'name')}
          />
          <Select
            name="unitCode"
            label={inLang(ctx, '所在单位', 'Unit')}
            placeholder
            options={unitOptions(p.units)}
            value={values.unitCode}
            error={errorFor(errors, 'unitCode')}
          />
          <TextField
            name="mobile"
            optional
            type="tel"
            inputmode="tel"
            label={inLang(ctx, '手机号码', 'Mobile number')}
            autocomplete="off"
            width={20}
            value={values.mobile}
            error={errorFor(errors, 'mobile')}
          />
          <PasswordField
            name="password"
            label={inLang(ctx, '初始密码', 'Initial password')}
            hint={inLang(
              ctx,
              '至少12位，不能是常见密码，不能包含警号或手机号；请当面告知本人',
              'At least 12 characters, not a common password, without the badge or mobile number; hand it over in person',
            )}
            autocomplete="new-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <Select
            name="role"
            label={inLang(ctx, '角色', 'Role')}
            hint={inLang(
              ctx,
              '角色授予在所在单位，以后可在详情页增加',
              'Granted at the unit above; more can be added later',
            )}
            placeholder
            options={roleOptions(ctx)}
            value={values.role}
            error={errorFor(errors, 'role')}
          />
          <ScopeRadios ctx={ctx} value={values.scope} error={errorFor(errors, 'scope')} />
          <Button>{inLang(ctx, '创建账号', 'Create account')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}
