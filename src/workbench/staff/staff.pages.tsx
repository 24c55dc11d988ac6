import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import { Radios, Select } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, Pagination, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { Role, Scope } from '../db/schema.ts';
import { roleLabel, roles, scopeLabel } from './roles.ts';
import { staffMessage } from './staff.messages.ts';

const w = (ctx: PageContext, zh: string, en: string): string => (ctx.lang === 'en' ? en : zh);

export interface UnitOption {
  code: string;
  name: string;
  path: string;
}

function unitOptions(units: readonly UnitOption[]) {
  // Indented by depth so the select reads like the tree.
  return units.map((u) => ({ value: u.code, label: `${'　'.repeat(u.path.split('/').length - 1)}${u.name}（${u.code}）` }));
}

function roleOptions(ctx: PageContext) {
  return roles.map((r) => ({ value: r, label: roleLabel(r, ctx.lang) }));
}

function ScopeRadios({ ctx, value, error }: { ctx: PageContext; value?: string | undefined; error?: string | undefined }) {
  const scopes: Scope[] = ['unit', 'subtree', 'all'];
  return (
    <Radios
      name="scope"
      legend={w(ctx, '管辖范围', 'Jurisdiction')}
      value={value}
      error={error}
      items={scopes.map((s) => ({ value: s, label: scopeLabel(s, ctx.lang) }))}
    />
  );
}

function Flash({ text }: { text?: string | undefined }) {
  return text ? (
    <div class="notification-banner" role="status">
      {text}
    </div>
  ) : null;
}

export interface StaffListRow {
  id: string;
  badgeNo: string;
  name: string;
  unitName: string;
  mustEnrolTotp: boolean;
  disabled: boolean;
  lockedUntil: Date | null;
}

function statusTag(ctx: PageContext, s: { disabled: boolean; lockedUntil: Date | null; mustEnrolTotp: boolean }, now: Date) {
  if (s.disabled) return <Tag tone="red">{w(ctx, '已停用', 'Disabled')}</Tag>;
  if (s.lockedUntil && s.lockedUntil > now) return <Tag tone="amber">{w(ctx, '已锁定', 'Locked')}</Tag>;
  if (s.mustEnrolTotp) return <Tag tone="grey">{w(ctx, '未绑定动态口令', 'No authenticator yet')}</Tag>;
  return <Tag tone="green">{w(ctx, '正常', 'Active')}</Tag>;
}

export function staffListPage(p: {
  ctx: PageContext;
  rows: StaffListRow[];
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
  const title = w(ctx, '人员管理', 'Staff');
  const href = (page: number) => `/staff?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), ...(p.pendingTotp ? { totp: 'pending' } : {}), page: String(page) })}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <Flash text={p.flash} />
      <h1>{title}</h1>
      {p.canCreate ? (
        <p>
          <Button href="/staff/new" variant="secondary">
            {w(ctx, '新增人员账号', 'New staff account')}
          </Button>
        </p>
      ) : null}
      <Form action="/staff" method="get">
        <TextField name="q" type="search" label={w(ctx, '按警号或姓名查找', 'Find by badge number or name')} width={20} value={p.q} />
        {p.pendingTotp ? <input type="hidden" name="totp" value="pending" /> : null}
        <Button variant="secondary">{w(ctx, '查找', 'Search')}</Button>
      </Form>
      <p>
        {p.pendingTotp ? (
          <a href="/staff">{w(ctx, '显示全部人员', 'Show everyone')}</a>
        ) : (
          <a href="/staff?totp=pending">{w(ctx, '只看未绑定动态口令的账号', 'Only accounts without an authenticator')}</a>
        )}
      </p>
      <p>{w(ctx, `共 ${p.total} 人（仅显示您管辖范围内的人员）`, `${p.total} in all (only staff within your jurisdiction)`)}</p>
      <Table
        caption={w(ctx, '人员账号', 'Staff accounts')}
        head={[w(ctx, '警号', 'Badge'), w(ctx, '姓名', 'Name'), w(ctx, '单位', 'Unit'), w(ctx, '状态', 'Status')]}
        rows={p.rows.map((r) => [<a href={`/staff/${r.id}`}>{r.badgeNo}</a>, r.name, r.unitName, statusTag(ctx, r, p.now)])}
      />
      <Pagination page={p.page} pageCount={p.pageCount} href={href} />
    </Layout>,
  );
}

export function newStaffPage(p: { ctx: PageContext; units: UnitOption[]; values?: Record<string, string>; errors?: FieldError[] }): string {
  const { ctx } = p;
  const values = p.values ?? {};
  const errors = p.errors ?? [];
  const title = w(ctx, '新增人员账号', 'New staff account');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/staff">{w(ctx, '返回人员列表', 'Back to staff')}</BackLink>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/staff/new" csrfToken={ctx.csrfToken ?? ''}>
          <TextField name="badgeNo" label={w(ctx, '警号', 'Badge number')} hint={w(ctx, '3至20位字母或数字', '3 to 20 letters or digits')} spellcheck={false} autocomplete="off" width={20} value={values.badgeNo} error={errorFor(errors, 'badgeNo')} />
          <TextField name="name" label={w(ctx, '姓名', 'Name')} autocomplete="off" width={20} value={values.name} error={errorFor(errors, 'name')} />
          <Select name="unitCode" label={w(ctx, '所在单位', 'Unit')} placeholder options={unitOptions(p.units)} value={values.unitCode} error={errorFor(errors, 'unitCode')} />
          <TextField name="mobile" optional type="tel" inputmode="tel" label={w(ctx, '手机号码', 'Mobile number')} autocomplete="off" width={20} value={values.mobile} error={errorFor(errors, 'mobile')} />
          <PasswordField name="password" label={w(ctx, '初始密码', 'Initial password')} hint={w(ctx, '至少8位，包含字母、数字或符号中的两类；请当面告知本人', 'At least 8 characters with two of: letters, digits, symbols; hand it over in person')} autocomplete="new-password" width={20} error={errorFor(errors, 'password')} />
          <Select name="role" label={w(ctx, '角色', 'Role')} hint={w(ctx, '角色授予在所在单位，以后可在详情页增加', 'Granted at the unit above; more can be added later')} placeholder options={roleOptions(ctx)} value={values.role} error={errorFor(errors, 'role')} />
          <ScopeRadios ctx={ctx} value={values.scope} error={errorFor(errors, 'scope')} />
          <Button>{w(ctx, '创建账号', 'Create account')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

export interface StaffDetailView {
  id: string;
  badgeNo: string;
  name: string;
  unitCode: string;
  unitName: string;
  mobile: string | null;
  mustEnrolTotp: boolean;
  disabled: boolean;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  failedLogins: number;
  createdAt: Date;
  assignments: { id: string; role: Role; scope: Scope; unitCode: string; unitName: string }[];
}

export function staffDetailPage(p: {
  ctx: PageContext;
  staff: StaffDetailView;
  canManage: boolean;
  isSelf: boolean;
  units: UnitOption[];
  now: Date;
  values?: Record<string, string>;
  errors?: FieldError[];
  flash?: string | undefined;
}): string {
  const { ctx, staff: s } = p;
  const errors = p.errors ?? [];
  const values = p.values ?? {};
  const title = `${s.name}（${s.badgeNo}）`;
  const base = `/staff/${s.id}`;
  const canChangeRoles = p.canManage && !p.isSelf;
  const action = (path: string, label: string, variant: 'secondary' | 'warning' = 'secondary') => (
    <Form action={`${base}/${path}`} csrfToken={ctx.csrfToken ?? ''} class="inline-form">
      <Button variant={variant}>{label}</Button>
    </Form>
  );
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <BackLink href="/staff">{w(ctx, '返回人员列表', 'Back to staff')}</BackLink>
      <Flash text={p.flash} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: w(ctx, '警号', 'Badge number'), value: s.badgeNo },
          { key: w(ctx, '姓名', 'Name'), value: s.name },
          { key: w(ctx, '所在单位', 'Unit'), value: <a href={`/org/${s.unitCode}`}>{s.unitName}</a> },
          { key: w(ctx, '手机号码', 'Mobile number'), value: s.mobile ?? '' },
          { key: w(ctx, '账号状态', 'Status'), value: statusTag(ctx, { disabled: s.disabled, lockedUntil: s.lockedUntil, mustEnrolTotp: s.mustEnrolTotp }, p.now) },
          { key: w(ctx, '动态口令', 'Authenticator'), value: s.mustEnrolTotp ? w(ctx, '未绑定（下次登录时绑定）', 'Not set up (at next login)') : w(ctx, '已绑定', 'Set up') },
          ...(s.lockedUntil && s.lockedUntil > p.now ? [{ key: w(ctx, '锁定至', 'Locked until'), value: formatDateTime(ctx.lang, s.lockedUntil) }] : []),
          ...(s.disabledAt ? [{ key: w(ctx, '停用时间', 'Disabled at'), value: formatDateTime(ctx.lang, s.disabledAt) }] : []),
          { key: w(ctx, '创建时间', 'Created'), value: formatDateTime(ctx.lang, s.createdAt) },
        ]}
      />

      <h2>{w(ctx, '角色与管辖范围', 'Roles and jurisdiction')}</h2>
      {p.isSelf && p.canManage ? <InsetText>{staffMessage(ctx.lang, 'notOwnAccount')}</InsetText> : null}
      {s.assignments.length === 0 ? (
        <p>{w(ctx, '尚未分配角色。', 'No role assigned.')}</p>
      ) : (
        <Table
          caption={w(ctx, '角色分配', 'Role assignments')}
          head={[w(ctx, '角色', 'Role'), w(ctx, '单位', 'Unit'), w(ctx, '范围', 'Scope'), canChangeRoles ? w(ctx, '操作', 'Action') : '']}
          rows={s.assignments.map((a) => [
            roleLabel(a.role, ctx.lang),
            a.unitName,
            scopeLabel(a.scope, ctx.lang),
            canChangeRoles ? (
              <Form action={`${base}/assignments/${a.id}/remove`} csrfToken={ctx.csrfToken ?? ''} class="inline-form">
                <Button variant="warning">
                  {w(ctx, '移除', 'Remove')}
                  <span class="visually-hidden"> {roleLabel(a.role, ctx.lang)} {a.unitName}</span>
                </Button>
              </Form>
            ) : (
              ''
            ),
          ])}
        />
      )}

      {canChangeRoles ? (
        <>
          <h2>{w(ctx, '增加角色', 'Add a role')}</h2>
          <Form action={`${base}/assignments`} csrfToken={ctx.csrfToken ?? ''}>
            <Select name="role" label={w(ctx, '角色', 'Role')} placeholder options={roleOptions(ctx)} value={values.role} error={errorFor(errors, 'role')} />
            <Select name="unitCode" label={w(ctx, '授权单位', 'Unit')} placeholder options={unitOptions(p.units)} value={values.unitCode ?? s.unitCode} error={errorFor(errors, 'unitCode')} />
            <ScopeRadios ctx={ctx} value={values.scope} error={errorFor(errors, 'scope')} />
            <Button>{w(ctx, '增加', 'Add role')}</Button>
          </Form>
        </>
      ) : null}

      {p.canManage ? (
        <>
          <h2>{w(ctx, '账号操作', 'Account actions')}</h2>
          <div class="button-group">
            {p.isSelf ? null : s.disabled ? action('enable', w(ctx, '启用账号', 'Enable account')) : action('disable', w(ctx, '停用账号', 'Disable account'), 'warning')}
            {action('reset-totp', w(ctx, '重置动态口令', 'Reset authenticator'))}
            {action('revoke-sessions', w(ctx, '强制下线（结束全部会话）', 'End all sessions'))}
          </div>
        </>
      ) : null}
    </Layout>,
  );
}
