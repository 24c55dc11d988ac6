import { errorFor } from '../../shared/http/forms.ts';
import { FlashBanner as Flash } from '../../shared/ui/notification-banner.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { BackLink, InsetText, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';
import { refusalText } from './companies.messages.ts';
import type { AccountCompaniesView, CompanyView } from './companies.service.ts';

const roleText = (ctx: PageContext, role: string) =>
  role === 'legal-representative'
    ? inLang(ctx, '法定代表人', 'Legal representative')
    : inLang(ctx, '经办人', 'Agent');

/** The claim form, shown only to a person whose real-name check has passed. */
export function claimFormPage({ ctx, values = {}, errors = [], verified }: FormView & { verified: boolean }) {
  const title = inLang(ctx, '登记单位', 'Register a company');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href="/account" lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '单位由其法定代表人本人登记。我们会把统一社会信用代码、单位名称和您的实名信息与市场监管登记核对，核验通过后单位才会生效；之后您可以邀请经办人代表单位办事。',
            'A company is registered by its legal representative in person. The credit code, the name and your verified identity are checked against the market-regulation register; the company becomes active once they match, and you can then invite agents to act for it.',
          )}
        </p>
        {verified ? (
          <Form action="/account/companies/new" csrfToken={ctx.csrfToken ?? ''}>
            <TextField
              name="creditCode"
              label={inLang(ctx, '统一社会信用代码', 'Unified social credit code')}
              hint={inLang(ctx, '营业执照上的18位代码', 'The 18-character code on the business licence')}
              width={20}
              spellcheck={false}
              value={values.creditCode}
              error={errorFor(errors, 'creditCode')}
            />
            <TextField
              name="name"
              label={inLang(ctx, '单位全称', 'Full company name')}
              hint={inLang(ctx, '与营业执照上的名称一致', 'Exactly as on the business licence')}
              autocomplete="organization"
              value={values.name}
              error={errorFor(errors, 'name')}
            />
            <Button>{inLang(ctx, '提交核验', 'Submit for checking')}</Button>
          </Form>
        ) : (
          <InsetText>
            {inLang(
              ctx,
              '登记单位前，请先在“修改个人信息”中填写姓名和身份证件号码并通过实名认证。',
              'Before registering a company, complete the real-name check: enter your name and ID number under “Change your details”.',
            )}{' '}
            <a href="/account/profile">{inLang(ctx, '去实名认证', 'Go to the real-name check')}</a>
          </InsetText>
        )}
      </div>
    </Layout>,
  );
}

function ClaimStatus({
  ctx,
  claim,
}: {
  ctx: PageContext;
  claim: Extract<CompanyView, { kind: 'claim' }>['claim'];
}) {
  return claim.status === 'pending' ? (
    <InsetText>
      <span role="status">
        {inLang(
          ctx,
          '正在与市场监管登记信息核验，通常几秒内完成。',
          'Being checked against the market-regulation register; this usually takes a few seconds.',
        )}
      </span>{' '}
      <a href={`/account/companies/${claim.id}`}>
        {inLang(ctx, '刷新查看结果', 'Refresh to see the result')}
      </a>
    </InsetText>
  ) : (
    <InsetText>{refusalText(ctx.lang, claim.refusal)}</InsetText>
  );
}

/** The claimant's view of a claim still being checked, or refused and why. */
export function claimPage({
  ctx,
  view,
  flash,
}: {
  ctx: PageContext;
  view: Extract<CompanyView, { kind: 'claim' }>;
  flash?: string | undefined;
}) {
  const { claim } = view;
  const title = inLang(ctx, '单位登记', 'Company registration');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href="/account" lang={ctx.lang} />
      <Flash text={flash} />
      <h1>{title}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '单位名称', 'Name'), value: claim.name },
          { key: inLang(ctx, '统一社会信用代码', 'Credit code'), value: claim.creditCode },
          {
            key: inLang(ctx, '状态', 'Status'),
            value:
              claim.status === 'pending' ? (
                <Tag tone="amber">{inLang(ctx, '核验中', 'Checking')}</Tag>
              ) : (
                <Tag tone="red">{inLang(ctx, '未通过', 'Refused')}</Tag>
              ),
          },
        ]}
      />
      <ClaimStatus ctx={ctx} claim={claim} />
      {claim.status === 'refused' ? (
        <p>
          <a class="button button--secondary" href="/account/companies/new">
            {inLang(ctx, '重新登记', 'Register again')}
          </a>
        </p>
      ) : null}
    </Layout>,
  );
}

/** An active company: its people; the representative also invites and removes agents, an agent can leave. */
export function companyPage({
  ctx,
  view,
  flash,
  values = {},
  errors = [],
}: FormView & { view: Extract<CompanyView, { kind: 'company' }>; flash?: string | undefined }) {
  const { company, role } = view;
  const representative = role === 'legal-representative';
  const base = `/account/companies/${company.id}`;
  return renderPage(
    <Layout ctx={ctx} title={company.name} hasErrors={errors.length > 0}>
      <BackLink href="/account" lang={ctx.lang} />
      <Flash text={flash} />
      <ErrorSummary errors={errors} lang={ctx.lang} />
      <h1>{company.name}</h1>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: inLang(ctx, '统一社会信用代码', 'Credit code'), value: company.creditCode },
          {
            key: inLang(ctx, '状态', 'Status'),
            value: <Tag tone="green">{inLang(ctx, '已核验', 'Verified')}</Tag>,
          },
          { key: inLang(ctx, '您的身份', 'Your role'), value: roleText(ctx, role) },
        ]}
      />
      <Table
        caption={inLang(ctx, '可以代表本单位办事的人', 'People who may act for the company')}
        head={[
          inLang(ctx, '称呼', 'Name'),
          inLang(ctx, '手机号码', 'Mobile'),
          inLang(ctx, '身份', 'Role'),
          '',
        ]}
        rows={view.members.map((m) => [
          m.displayName,
          m.mobileMasked,
          roleText(ctx, m.role),
          representative && m.role === 'agent' ? (
            <Form action={`${base}/remove`} csrfToken={ctx.csrfToken ?? ''}>
              <input type="hidden" name="member" value={m.citizenId} />
              <Button variant="warning">
                {inLang(ctx, '移除', 'Remove')}
                <span class="visually-hidden"> {m.displayName}</span>
              </Button>
            </Form>
          ) : (
            ''
          ),
        ])}
      />
      {representative ? (
        <>
          {view.invitations.length > 0 ? (
            <Table
              caption={inLang(ctx, '等待接受的邀请', 'Invitations waiting for an answer')}
              head={[inLang(ctx, '手机号码', 'Mobile'), inLang(ctx, '邀请时间', 'Sent')]}
              rows={view.invitations.map((i) => [i.mobileMasked, i.createdAt.toISOString().slice(0, 10)])}
            />
          ) : null}
          <h2>{inLang(ctx, '邀请经办人', 'Invite an agent')}</h2>
          <p>
            {inLang(
              ctx,
              '对方登录网上公安局后会看到邀请，接受后才能代表本单位办事。',
              'They see the invitation when they sign in, and can act for the company only once they accept.',
            )}
          </p>
          <Form action={`${base}/invitations`} csrfToken={ctx.csrfToken ?? ''}>
            <TextField
              name="mobile"
              label={inLang(ctx, '经办人的手机号码', 'Agent’s mobile number')}
              type="tel"
              inputmode="tel"
              width={20}
              value={values.mobile}
              error={errorFor(errors, 'mobile')}
            />
            <Button>{inLang(ctx, '发送邀请', 'Send invitation')}</Button>
          </Form>
        </>
      ) : (
        <Form action={`${base}/leave`} csrfToken={ctx.csrfToken ?? ''}>
          <Button variant="warning">{inLang(ctx, '退出本单位', 'Leave this company')}</Button>
        </Form>
      )}
    </Layout>,
  );
}

/** The "my companies" part of the account page: where the person acts, their claims, and invitations. */
export function CompaniesPanel({ ctx, view }: { ctx: PageContext; view: AccountCompaniesView }) {
  const pendingOrRefused = (status: string) =>
    status === 'pending' ? (
      <Tag tone="amber">{inLang(ctx, '核验中', 'Checking')}</Tag>
    ) : (
      <Tag tone="red">{inLang(ctx, '未通过', 'Refused')}</Tag>
    );
  return (
    <>
      <h2>{inLang(ctx, '我的单位', 'My companies')}</h2>
      {view.invitations.length > 0 ? (
        <Table
          caption={inLang(ctx, '邀请您担任经办人的单位', 'Companies inviting you to act as their agent')}
          head={[inLang(ctx, '单位名称', 'Name'), inLang(ctx, '统一社会信用代码', 'Credit code'), '']}
          rows={view.invitations.map((i) => [
            i.companyName,
            i.creditCode,
            <div class="button-group">
              <Form action={`/account/invitations/${i.id}/accept`} csrfToken={ctx.csrfToken ?? ''}>
                <Button>
                  {inLang(ctx, '接受', 'Accept')}
                  <span class="visually-hidden"> {i.companyName}</span>
                </Button>
              </Form>
              <Form action={`/account/invitations/${i.id}/decline`} csrfToken={ctx.csrfToken ?? ''}>
                <Button variant="secondary">
                  {inLang(ctx, '拒绝', 'Decline')}
                  <span class="visually-hidden"> {i.companyName}</span>
                </Button>
              </Form>
            </div>,
          ])}
        />
      ) : null}
      {view.memberships.length === 0 ? (
        <p>
          {inLang(
            ctx,
            '您还没有代表任何单位。法定代表人可以登记单位；经办人需由法定代表人邀请。',
            'You act for no company yet. A legal representative registers the company; agents are invited by them.',
          )}
        </p>
      ) : (
        <Table
          caption={inLang(ctx, '我可以代表办事的单位', 'Companies I act for')}
          head={[
            inLang(ctx, '单位名称', 'Name'),
            inLang(ctx, '统一社会信用代码', 'Credit code'),
            inLang(ctx, '身份', 'Role'),
            '',
          ]}
          rows={view.memberships.map((c) => [
            c.name,
            c.creditCode,
            roleText(ctx, c.role),
            <a href={`/account/companies/${c.id}`}>
              {c.role === 'legal-representative'
                ? inLang(ctx, '管理经办人', 'Manage agents')
                : inLang(ctx, '查看', 'View')}
              <span class="visually-hidden"> {c.name}</span>
            </a>,
          ])}
        />
      )}
      {view.claims.length > 0 ? (
        <Table
          caption={inLang(ctx, '我提交的单位登记', 'My company registrations')}
          head={[
            inLang(ctx, '单位名称', 'Name'),
            inLang(ctx, '统一社会信用代码', 'Credit code'),
            inLang(ctx, '状态', 'Status'),
            '',
          ]}
          rows={view.claims.map((c) => [
            c.name,
            c.creditCode,
            pendingOrRefused(c.status),
            <a href={`/account/companies/${c.id}`}>
              {inLang(ctx, '查看', 'View')}
              <span class="visually-hidden"> {c.name}</span>
            </a>,
          ])}
        />
      ) : null}
      <p>
        <a class="button button--secondary" href="/account/companies/new">
          {inLang(ctx, '登记单位', 'Register a company')}
        </a>
      </p>
    </>
  );
}
