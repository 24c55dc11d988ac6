import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { maskMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { CasesPanel } from '../cases/cases.pages.tsx';
import { unreadCount } from '../cases/cases.service.ts';
import { CompaniesPanel } from '../companies/companies.pages.tsx';
import { accountCompaniesView } from '../companies/companies.service.ts';
import { portalContext } from '../page.ts';
import { citizenOf } from '../session.ts';
import { accountPage } from './account.pages.tsx';
import { accountWords } from './accounts.messages.ts';
import { ProfileBody } from './accounts.schema.ts';
import * as service from './accounts.service.ts';
import { profileFormPage } from './profile.pages.tsx';

// The signed-in citizen's own account: always the one of the session, never one named in the address.

export function registerProfileRoutes(app: App, services: ZoneServices): void {
  const profileForm: FormPage = (request, reply, form) =>
    profileFormPage({ ctx: portalContext(request, reply), ...form });

  app.get(
    '/account',
    { schema: { hide: true }, config: { permission: 'account.use' } },
    async (request, reply) => {
      const citizen = await service.getCitizen(services, citizenOf(request).id);
      const ctx = portalContext(request, reply);
      const companies = await accountCompaniesView(services, citizen.id);
      return reply.html(
        accountPage({
          ctx,
          flash: takeFlash(request),
          companiesPanel: CompaniesPanel({ ctx, view: companies }),
          casesPanel: CasesPanel({ ctx, unread: await unreadCount(services, citizenOf(request)) }),
          profile: {
            displayName: citizen.displayName,
            mobileMasked: maskMobile(citizen.mobile),
            realName: citizen.realName,
            idNumberMasked: citizen.idNumberMasked,
            realNameStatus: citizen.realNameStatus,
            email: citizen.email,
            address: citizen.address,
          },
        }),
      );
    },
  );

  app.get(
    '/account/profile',
    { schema: { hide: true }, config: { permission: 'account.use' } },
    async (request, reply) => {
      const citizen = await service.getCitizen(services, citizenOf(request).id);
      const values = {
        displayName: citizen.displayName,
        realName: citizen.realName ?? '',
        email: citizen.email ?? '',
        address: citizen.address ?? '',
      };
      return reply.html(
        profileFormPage({
          ctx: portalContext(request, reply),
          values,
          realNameStatus: citizen.realNameStatus,
        }),
      );
    },
  );

  // Saving the name and ID number also starts the real-name check against the population registry.
  app.post(
    '/account/profile',
    {
      schema: { hide: true, body: ProfileBody },
      config: { permission: 'account.use', formPage: profileForm },
    },
    async (request, reply) => {
      try {
        await service.updateProfile(services, citizenOf(request).id, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => profileForm(request, reply, { values: formBody(request), errors }),
          accountWords,
        );
      }
      setFlash(request, request.lang === 'en' ? 'Your details were saved.' : '个人信息已保存。');
      return reply.redirect('/account', 303);
    },
  );
}
