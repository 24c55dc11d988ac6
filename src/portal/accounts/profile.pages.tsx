import { errorFor } from '../../shared/http/forms.ts';
import { inLang } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { NotificationBanner } from '../../shared/ui/notification-banner.tsx';
import type { FormView } from '../page.ts';

/** The person's details, and the name and ID number the real-name check sends to the population registry. */
export function profileFormPage({
  ctx,
  values = {},
  errors = [],
  realNameStatus,
}: FormView & { realNameStatus?: string }): string {
  const title = inLang(ctx, '修改个人信息', 'Change your details');
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        {realNameStatus === 'none' || realNameStatus === 'not-matched' ? (
          <NotificationBanner tone="info" title={inLang(ctx, '实名认证', 'Real-name check')}>
            {inLang(
              ctx,
              '填写姓名和身份证件号码并保存，即与公安机关人口信息核验。通过后即可在线申请办理事项。',
              'Enter your name and ID number and save: they are checked against the population registry, and once they match you can apply for services online.',
            )}
          </NotificationBanner>
        ) : null}
        <Form action="/account/profile" csrfToken={ctx.csrfToken ?? ''}>
          <TextField
            name="displayName"
            label={inLang(ctx, '称呼', 'Display name')}
            autocomplete="nickname"
            width={20}
            value={values.displayName}
            error={errorFor(errors, 'displayName')}
          />
          <TextField
            name="realName"
            optional
            label={inLang(ctx, '姓名', 'Name')}
            hint={inLang(ctx, '与身份证件上的姓名一致', 'As on your ID document')}
            autocomplete="name"
            width={20}
            value={values.realName}
            error={errorFor(errors, 'realName')}
          />
          <TextField
            name="idNumber"
            optional
            label={inLang(ctx, '身份证件号码', 'ID number')}
            hint={inLang(
              ctx,
              '18位居民身份证号码、港澳台居民居住证或外国人永久居留身份证号码；已保存的号码不再显示，如需更改请重新填写',
              '18 characters; a saved number is not shown again — fill it in only to change it',
            )}
            autocomplete="off"
            spellcheck={false}
            width={20}
            value={values.idNumber}
            error={errorFor(errors, 'idNumber')}
          />
          <TextField
            name="email"
            optional
            type="email"
            label={inLang(ctx, '电子邮箱', 'E-mail')}
            autocomplete="email"
            value={values.email}
            error={errorFor(errors, 'email')}
          />
          <TextField
            name="address"
            optional
            label={inLang(ctx, '联系地址', 'Address')}
            autocomplete="street-address"
            value={values.address}
            error={errorFor(errors, 'address')}
          />
          <Button>{inLang(ctx, '保存', 'Save')}</Button>
        </Form>
        <p>
          <a href="/account">{inLang(ctx, '返回我的账号', 'Back to my account')}</a>
        </p>
      </div>
    </Layout>,
  );
}
