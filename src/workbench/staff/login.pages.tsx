import { raw } from 'hono/html';
import type { FieldError } from '../../shared/http/errors.ts';
import { errorFor } from '../../shared/http/forms.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { Notice } from '../../shared/ui/components.tsx';
import { t } from '../../shared/i18n/index.ts';
import { renderPage } from '../../shared/ui/render.ts';

interface FormPage {
  ctx: PageContext;
  values?: Record<string, string>;
  errors?: FieldError[];
}

export function loginPage({
  ctx,
  values = {},
  errors = [],
  next = '/',
  expired = false,
}: FormPage & { next?: string; expired?: boolean }): string {
  const title = inLang(ctx, '民警登录', 'Staff log in');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} nav={[]}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        {expired && errors.length === 0 ? <Notice>{t(ctx.lang, 'session.timedOut')}</Notice> : null}
        <h1>{title}</h1>
        <Form
          action={next === '/' ? '/staff/login' : `/staff/login?next=${encodeURIComponent(next)}`}
          csrfToken={ctx.csrfToken ?? ''}
        >
          <TextField
            name="badgeNo"
            label={inLang(ctx, '警号', 'Badge number')}
            autocomplete="username"
            spellcheck={false}
            width={20}
            value={values.badgeNo}
            error={errorFor(errors, 'badgeNo')}
          />
          <PasswordField
            name="password"
            label={inLang(ctx, '密码', 'Password')}
            autocomplete="current-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <Button>{inLang(ctx, '下一步', 'Continue')}</Button>
        </Form>
        <p class="muted">
          {inLang(
            ctx,
            '登录后需输入身份验证器上的动态口令。忘记密码或更换手机请联系本单位系统管理员。',
            'After the password you will be asked for the code from your authenticator app. If you forgot your password or changed your phone, ask your unit’s administrator.',
          )}
        </p>
      </div>
    </Layout>,
  );
}

function CodeField({ ctx, errors }: { ctx: PageContext; errors: FieldError[] }) {
  return (
    <TextField
      name="code"
      label={inLang(ctx, '动态口令', 'Code')}
      hint={inLang(ctx, '身份验证器应用中显示的6位数字', 'The 6 digits shown in your authenticator app')}
      inputmode="numeric"
      autocomplete="one-time-code"
      spellcheck={false}
      width={10}
      error={errorFor(errors, 'code')}
    />
  );
}

export function totpPage({ ctx, errors = [] }: FormPage): string {
  const title = inLang(ctx, '输入动态口令', 'Enter your code');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} nav={[]}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <Form action="/staff/login/totp" csrfToken={ctx.csrfToken ?? ''}>
          <CodeField ctx={ctx} errors={errors} />
          <Button>{inLang(ctx, '登录', 'Log in')}</Button>
        </Form>
        <p>
          <a href="/staff/login">{inLang(ctx, '换一个账号登录', 'Log in with another account')}</a>
        </p>
      </div>
    </Layout>,
  );
}

export function enrolPage({
  ctx,
  errors = [],
  badgeNo,
  secretGrouped,
  svg,
}: FormPage & { badgeNo: string; secretGrouped: string; svg: string }): string {
  const title = inLang(ctx, '绑定身份验证器', 'Set up your authenticator');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0} nav={[]}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            `账号 ${badgeNo} 首次登录，需要绑定身份验证器（动态口令）。以后每次登录都要输入其中显示的6位数字。`,
            `This is the first login of ${badgeNo}: set up an authenticator app. Every later login will ask for the 6 digits it shows.`,
          )}
        </p>
        <ol>
          <li>
            {inLang(
              ctx,
              '在手机上打开身份验证器应用，选择添加账号。',
              'Open the authenticator app on your phone and choose to add an account.',
            )}
          </li>
          <li>
            {inLang(
              ctx,
              '扫描下方二维码；无法扫描时，选择手动输入密钥。',
              'Scan the QR code below, or type the key by hand.',
            )}
          </li>
          <li>{inLang(ctx, '输入应用显示的6位数字完成绑定。', 'Enter the 6 digits the app shows.')}</li>
        </ol>
        {/* The SVG is generated on the server from the otpauth URI, never from user input, so it is inlined as is. */}
        <figure class="totp-qr">
          <div role="img" aria-label={inLang(ctx, '身份验证器二维码', 'QR code for the authenticator app')}>
            {raw(svg)}
          </div>
        </figure>
        <p>
          {inLang(ctx, '手动输入的密钥：', 'Key for manual entry: ')}
          <code class="totp-secret">{secretGrouped}</code>
          <br />
          <span class="muted">
            {inLang(
              ctx,
              '类型：基于时间；位数：6；间隔：30秒。请勿将密钥告诉任何人。',
              'Type: time-based; 6 digits; every 30 seconds. Never share this key.',
            )}
          </span>
        </p>
        <Form action="/staff/totp/enrol" csrfToken={ctx.csrfToken ?? ''}>
          <CodeField ctx={ctx} errors={errors} />
          <Button>{inLang(ctx, '完成绑定并登录', 'Confirm and log in')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}
