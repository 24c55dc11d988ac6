import { errorFor } from '../../shared/http/forms.ts';
import { t } from '../../shared/i18n/index.ts';
import { inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { Notice } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { NotificationBanner } from '../../shared/ui/notification-banner.tsx';
import type { FormView } from '../page.ts';

export function loginPage({
  ctx,
  values = {},
  errors = [],
  next,
  expired = false,
  reset = false,
}: FormView & { next: string; expired?: boolean; reset?: boolean }): string {
  const title = inLang(ctx, '登录', 'Log in');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        {expired && errors.length === 0 ? <Notice>{t(ctx.lang, 'session.timedOut')}</Notice> : null}
        {reset && errors.length === 0 ? (
          <NotificationBanner>
            {inLang(
              ctx,
              '密码已重置，请用新密码登录。',
              'Your password has been reset. Log in with your new password.',
            )}
          </NotificationBanner>
        ) : null}
        <h1>{title}</h1>
        <Form action={`/login?next=${encodeURIComponent(next)}`} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="mobile"
            label={inLang(ctx, '手机号码', 'Mobile number')}
            type="tel"
            inputmode="tel"
            autocomplete="username"
            width={20}
            value={values.mobile}
            error={errorFor(errors, 'mobile')}
          />
          <PasswordField
            name="password"
            label={inLang(ctx, '密码', 'Password')}
            autocomplete="current-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <Button>{title}</Button>
        </Form>
        <p>
          <a href="/reset-password">{inLang(ctx, '忘记密码？', 'Forgot your password?')}</a>
        </p>
        <p>
          {inLang(ctx, '还没有账号？', 'No account yet?')}{' '}
          <a href="/register">{inLang(ctx, '注册个人账号', 'Register')}</a>
        </p>
      </div>
    </Layout>,
  );
}
