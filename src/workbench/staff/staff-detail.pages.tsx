import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import type { PageContext } from '../../shared/ui/context.ts';
import { Select } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, SummaryList, Table } from '../../shared/ui/components.tsx';
import { Button, ErrorSummary, Form, PasswordField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { roleLabel, scopeLabel } from './roles.ts';
import { staffMessage } from './staff.messages.ts';
import type { StaffDetail } from './staff.presenter.ts';
import { Flash, roleOptions, ScopeRadios, statusTag, unitOptions, type UnitOption } from './staff.pages.tsx';
import { inLang } from '../../shared/ui/context.ts';

export function staffDetailPage(p: {
  ctx: PageContext;
  staff: StaffDetail;
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
      <BackLink href="/staff">{inLang(ctx, '返回人员列表', 'Back to staff')}</BackLink>
      <Flash text={p.flash} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '警号', 'Badge number'), value: s.badgeNo },
          { key: inLang(ctx, '姓名', 'Name'), value: s.name },
          { key: inLang(ctx, '所在单位', 'Unit'), value: <a href={`/org/${s.unitCode}`}>{s.unitName}</a> },
          { key: inLang(ctx, '手机号码', 'Mobile number'), value: s.mobile ?? '' },
          {
            key: inLang(ctx, '账号状态', 'Status'),
            value: statusTag(
              ctx,
              { disabled: s.disabled, lockedUntil: s.lockedUntil, mustEnrolTotp: s.mustEnrolTotp },
              p.now,
            ),
          },
          {
            key: inLang(ctx, '动态口令', 'Authenticator'),
            value: s.mustEnrolTotp
              ? inLang(ctx, '未绑定（下次登录时绑定）', 'Not set up (at next login)')
              : inLang(ctx, '已绑定', 'Set up'),
          },
          ...(s.lockedUntil && s.lockedUntil > p.now
            ? [{ key: inLang(ctx, '锁定至', 'Locked until'), value: formatDateTime(ctx.lang, s.lockedUntil) }]
            : []),
          ...(s.disabledAt
            ? [{ key: inLang(ctx, '停用时间', 'Disabled at'), value: formatDateTime(ctx.lang, s.disabledAt) }]
            : []),
          { key: inLang(ctx, '创建时间', 'Created'), value: formatDateTime(ctx.lang, s.createdAt) },
        ]}
      />

      <h2>{inLang(ctx, '角色与管辖范围', 'Roles and jurisdiction')}</h2>
      {p.isSelf && p.canManage ? <InsetText>{staffMessage(ctx.lang, 'notOwnAccount')}</InsetText> : null}
      {s.assignments.length === 0 ? (
        <p>{inLang(ctx, '尚未分配角色。', 'No role assigned.')}</p>
      ) : (
        <Table
          caption={inLang(ctx, '角色分配', 'Role assignments')}
          head={[
            inLang(ctx, '角色', 'Role'),
            inLang(ctx, '单位', 'Unit'),
            inLang(ctx, '范围', 'Scope'),
            ...(canChangeRoles ? [inLang(ctx, '操作', 'Action')] : []),
          ]}
          rows={s.assignments.map((a) => [
            roleLabel(a.role, ctx.lang),
            a.unitName,
            scopeLabel(a.scope, ctx.lang),
            ...(canChangeRoles
              ? [
                  <Form
                    action={`${base}/assignments/${a.id}/remove`}
                    csrfToken={ctx.csrfToken ?? ''}
                    class="inline-form"
                  >
                    <Button variant="warning">
                      {inLang(ctx, '移除', 'Remove')}
                      <span class="visually-hidden">
                        {' '}
                        {roleLabel(a.role, ctx.lang)} {a.unitName}
                      </span>
                    </Button>
                  </Form>,
                ]
              : []),
          ])}
        />
      )}

      {canChangeRoles ? (
        <>
          <h2>{inLang(ctx, '增加角色', 'Add a role')}</h2>
          <Form action={`${base}/assignments`} csrfToken={ctx.csrfToken ?? ''}>
            <Select
              name="role"
              label={inLang(ctx, '角色', 'Role')}
              placeholder
              options={roleOptions(ctx)}
              value={values.role}
              error={errorFor(errors, 'role')}
            />
            <Select
              name="unitCode"
              label={inLang(ctx, '授权单位', 'Unit')}
              placeholder
              options={unitOptions(p.units)}
              value={values.unitCode ?? s.unitCode}
              error={errorFor(errors, 'unitCode')}
            />
            <ScopeRadios ctx={ctx} value={values.scope} error={errorFor(errors, 'scope')} />
            <Button>{inLang(ctx, '增加', 'Add role')}</Button>
          </Form>
        </>
      ) : null}

      {p.canManage ? (
        <>
          <h2>{inLang(ctx, '账号操作', 'Account actions')}</h2>
          <div class="button-group">
            {p.isSelf
              ? null
              : s.disabled
                ? action('enable', inLang(ctx, '启用账号', 'Enable account'))
                : action('disable', inLang(ctx, '停用账号', 'Disable account'), 'warning')}
            {action('reset-totp', inLang(ctx, '重置动态口令', 'Reset authenticator'))}
            {action('revoke-sessions', inLang(ctx, '强制下线（结束全部会话）', 'End all sessions'))}
          </div>
          {p.isSelf ? null : (
            <>
              <h3>{inLang(ctx, '重置密码', 'Reset the password')}</h3>
              <Form action={`${base}/reset-password`} csrfToken={ctx.csrfToken ?? ''}>
                <PasswordField
                  name="newPassword"
                  label={inLang(ctx, '新密码', 'New password')}
                  hint={inLang(
                    ctx,
                    '至少12位，不能是常见密码；同时解除锁定并结束其全部会话；请当面告知本人',
                    'At least 12 characters, not a common password; also lifts a lock and ends all sessions; hand it over in person',
                  )}
                  autocomplete="new-password"
                  width={20}
                  error={errorFor(errors, 'newPassword')}
                />
                <Button variant="secondary">{inLang(ctx, '重置密码', 'Reset password')}</Button>
              </Form>
            </>
          )}
        </>
      ) : null}
    </Layout>,
  );
}
