import { errorFor } from '../../shared/http/forms.ts';
import { inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, PasswordField, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { InsetText } from '../../shared/ui/components.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { FormView } from '../page.ts';

// Registration and password reset take the same two steps: the number the code goes to, then the code with
// the new password.

/** Step one of registration and of password reset: the mobile number that will receive the code. */
export function mobileStepPage({
  ctx,
  values = {},
  errors = [],
  purpose,
}: FormView & { purpose: 'register' | 'reset' }): string {
  const title =
    purpose === 'register'
      ? inLang(ctx, '注册个人账号', 'Register an account')
      : inLang(ctx, '找回密码', 'Reset your password');
  const action = purpose === 'register' ? '/register' : '/reset-password';
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>
          {inLang(
            ctx,
            '我们会向这个号码发送一条短信验证码。',
            'We will send a one-time code to this number by SMS.',
          )}
        </p>
        <Form action={action} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="mobile"
            label={inLang(ctx, '手机号码', 'Mobile number')}
            hint={inLang(ctx, '中国大陆11位手机号码', 'An 11-digit mainland China mobile number')}
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            width={20}
            value={values.mobile}
            error={errorFor(errors, 'mobile')}
          />
          <Button>{inLang(ctx, '获取验证码', 'Send code')}</Button>
        </Form>
      </div>
    </Layout>,
  );
}

/** Step two: the code, and the new password (and, on registration, a display name). */
export function codeStepPage({
  ctx,
  values = {},
  errors = [],
  purpose,
  mobileMasked,
}: FormView & { purpose: 'register' | 'reset'; mobileMasked: string }): string {
  const title =
    purpose === 'register'
      ? inLang(ctx, '设置账号信息', 'Set up your account')
      : inLang(ctx, '设置新密码', 'Choose a new password');
  const action = purpose === 'register' ? '/register/details' : '/reset-password/new';
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <InsetText>
          {inLang(
            ctx,
            `验证码已发送至 ${mobileMasked}，5分钟内有效。`,
            `A code was sent to ${mobileMasked}; it is valid for 5 minutes.`,
          )}{' '}
          <a href={purpose === 'register' ? '/register' : '/reset-password'}>
            {inLang(ctx, '换个号码或重新获取', 'Use another number or get a new code')}
          </a>
        </InsetText>
        <Form action={action} csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="code"
            label={inLang(ctx, '短信验证码', 'Code from the SMS')}
            inputmode="numeric"
            autocomplete="one-time-code"
            width={10}
            value={values.code}
            error={errorFor(errors, 'code')}
          />
          {purpose === 'register' ? (
            <TextField
              name="displayName"
              label={inLang(ctx, '称呼', 'Display name')}
              hint={inLang(
                ctx,
                '办事时怎样称呼您，可以不是真实姓名',
                'How we address you; need not be your legal name',
              )}
              autocomplete="nickname"
              width={20}
              value={values.displayName}
              error={errorFor(errors, 'displayName')}
            />
          ) : null}
          <PasswordField
            name="password"
            label={inLang(ctx, '密码', 'Password')}
            hint={inLang(
              ctx,
              '至少10位，不能是常见密码，不能包含手机号；几个不相关的词加数字最好记',
              'At least 10 characters, not a common password, without your mobile number; several unrelated words and digits are easiest to remember',
            )}
            autocomplete="new-password"
            width={20}
            error={errorFor(errors, 'password')}
          />
          <PasswordField
            name="confirm"
            label={inLang(ctx, '再次输入密码', 'Password again')}
            autocomplete="new-password"
            width={20}
            error={errorFor(errors, 'confirm')}
          />
          <Button>
            {purpose === 'register'
              ? inLang(ctx, '注册', 'Register')
              : inLang(ctx, '保存新密码', 'Save new password')}
          </Button>
        </Form>
      </div>
    </Layout>,
  );
}
