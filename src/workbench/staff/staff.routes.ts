import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { inLang } from '../../shared/ui/context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import * as pages from './staff.pages.tsx';
import { staffDetailPage } from './staff-detail.pages.tsx';
import { staffWords } from './staff.messages.ts';
import { reachOf } from './staff.policy.ts';
import { presentStaff, presentStaffSummary, StaffDetailJson, StaffListJson } from './staff.presenter.ts';
import { assignmentsOf, listStaff, unitsInReach } from './staff.repository.ts';
import {
  AssignmentForm,
  AssignmentParams,
  ButtonForm,
  NewStaffForm,
  ResetPasswordForm,
  StaffListQuery,
  StaffParams,
} from './staff.schema.ts';
import * as service from './staff.service.ts';

const PAGE_SIZE = 50;
const read = { permission: 'staff.read' };
const manage = { permission: 'staff.manage' };

/** What was typed, for the form shown again: never a password. */
function keptValues(values: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && key !== 'password' && key !== 'newPassword' && key !== '_csrf')
      kept[key] = value;
  }
  return kept;
}

/** The account id of a staff route, for a form shown again after its schema refused it. */
function idParam(request: FastifyRequest): string {
  const params = request.params;
  return params && typeof params === 'object' && 'id' in params && typeof params.id === 'string'
    ? params.id
    : '';
}

export function registerStaffRoutes(app: App, services: ZoneServices): void {
  // The list and the account are also JSON for the API, from the same presenter as the pages.
  app.get(
    '/staff',
    { schema: { querystring: StaffListQuery, response: { 200: StaffListJson } }, config: read },
    async (request, reply) => {
      const me = staffOf(request);
      const q = request.query.q ?? '';
      const pendingTotp = request.query.totp === 'pending';
      const page = request.query.page ?? 1;
      const { rows, total } = await listStaff(services.db, reachOf(me, 'staff.read'), {
        q,
        pendingTotp,
        page,
        pageSize: PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const items = rows.map(presentStaffSummary);
      if (wantsJson(request)) return reply.send({ items, total, page, pageCount });
      return reply.html(
        pages.staffListPage({
          ctx: workbenchContext(request, reply),
          rows: items,
          total,
          page,
          pageCount,
          q,
          pendingTotp,
          canCreate: workbenchPolicy.can(me, 'staff.manage'),
          now: services.now(),
          flash: takeFlash(request),
        }),
      );
    },
  );

  const newStaffPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) => {
    const units = await unitsInReach(services.db, reachOf(staffOf(request), 'staff.manage'));
    return pages.newStaffPage({ ctx: workbenchContext(request, reply), units, ...form });
  };
  const newStaffForm: FormPage = (request, reply, { values, errors }) =>
    newStaffPage(request, reply, { values: keptValues(values), errors });

  app.get('/staff/new', { schema: { hide: true }, config: manage }, async (request, reply) =>
    reply.html(await newStaffPage(request, reply)),
  );

  app.post(
    '/staff/new',
    { schema: { hide: true, body: NewStaffForm }, config: { ...manage, formPage: newStaffForm } },
    async (request, reply) => {
      try {
        const id = await service.createStaff(services, staffOf(request), actorOf(request), request.body);
        setFlash(
          request,
          inLang(request, '账号已创建，首次登录时需绑定动态口令。', 'The account was created.'),
        );
        return await reply.redirect(`/staff/${id}`, 303);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => newStaffPage(request, reply, { values: keptValues(request.body), errors }),
          staffWords,
        );
      }
    },
  );

  /** An account the officer may see, its roles, and the read recorded in the audit log. */
  const viewed = async (request: FastifyRequest, id: string) => {
    const me = staffOf(request);
    const target = await service.visibleStaff(services, me, id);
    const assignments = await assignmentsOf(services.db, target.id);
    await service.recordView(services, actorOf(request), target);
    return { me, target, assignments };
  };

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) => {
    const { me, target, assignments } = await viewed(request, id);
    const canManage = service.mayChange(me, target, assignments);
    const units = canManage ? await unitsInReach(services.db, reachOf(me, 'staff.manage')) : [];
    return staffDetailPage({
      ctx: workbenchContext(request, reply),
      staff: presentStaff(target, assignments),
      canManage,
      isSelf: target.id === me.id,
      units,
      now: services.now(),
      flash: takeFlash(request),
      ...form,
    });
  };
  const detailForm: FormPage = (request, reply, { values, errors }) =>
    detailPage(request, reply, idParam(request), { values: keptValues(values), errors });

  app.get(
    '/staff/:id',
    { schema: { params: StaffParams, response: { 200: StaffDetailJson } }, config: read },
    async (request, reply) => {
      if (wantsJson(request)) {
        const { target, assignments } = await viewed(request, request.params.id);
        return reply.send(presentStaff(target, assignments));
      }
      return reply.html(await detailPage(request, reply, request.params.id));
    },
  );

  /**
   * A change posted from the account page: done, then back to the page with a note; or the page again with
   * what was wrong. Whether the officer may change this account is the service's question, asked inside it.
   */
  const changed = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Readonly<Record<string, string | undefined>>,
    act: () => Promise<{ flash: string; signsOut?: boolean }>,
  ) => {
    try {
      const { flash, signsOut } = await act();
      // Ending one's own sessions includes this one; saving it now would bring it back.
      if (signsOut && id === staffOf(request).id) {
        await request.session.destroy();
        return await reply.redirect('/staff/login', 303);
      }
      setFlash(request, flash);
      return await reply.redirect(`/staff/${id}`, 303);
    } catch (error) {
      return renderFormError(
        request,
        reply,
        error,
        (errors) => detailPage(request, reply, id, { values: keptValues(values), errors }),
        staffWords,
      );
    }
  };
  const changeOptions = <Body extends TSchema>(body: Body) =>
    ({
      schema: { hide: true, params: StaffParams, body },
      config: { ...manage, formPage: detailForm },
    }) as const;

  app.post('/staff/:id/assignments', changeOptions(AssignmentForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, request.body, async () => {
      await service.addAssignment(services, staffOf(request), actorOf(request), id, request.body);
      return { flash: inLang(request, '角色已增加。', 'The role was added.') };
    });
  });

  app.post(
    '/staff/:id/assignments/:assignmentId/remove',
    {
      schema: { hide: true, params: AssignmentParams, body: ButtonForm },
      config: { ...manage, formPage: detailForm },
    },
    async (request, reply) => {
      const { id, assignmentId } = request.params;
      return changed(request, reply, id, {}, async () => {
        await service.removeAssignment(services, staffOf(request), actorOf(request), id, assignmentId);
        return { flash: inLang(request, '角色已移除。', 'The role was removed.') };
      });
    },
  );

  app.post('/staff/:id/disable', changeOptions(ButtonForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, {}, async () => {
      await service.setDisabled(services, staffOf(request), actorOf(request), id, true);
      return {
        flash: inLang(
          request,
          '账号已停用，其全部会话已结束。',
          'The account was disabled and its sessions ended.',
        ),
      };
    });
  });

  app.post('/staff/:id/enable', changeOptions(ButtonForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, {}, async () => {
      await service.setDisabled(services, staffOf(request), actorOf(request), id, false);
      return { flash: inLang(request, '账号已启用。', 'The account was enabled.') };
    });
  });

  app.post('/staff/:id/reset-password', changeOptions(ResetPasswordForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, request.body, async () => {
      await service.resetPassword(services, staffOf(request), actorOf(request), id, request.body.newPassword);
      return {
        flash: inLang(
          request,
          '密码已重置，账号已解锁，原有会话已结束。请当面告知本人新密码。',
          'The password was reset, the account unlocked and its sessions ended. Hand over the new password in person.',
        ),
      };
    });
  });

  app.post('/staff/:id/reset-totp', changeOptions(ButtonForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, {}, async () => {
      await service.resetTotp(services, staffOf(request), actorOf(request), id);
      return {
        flash: inLang(
          request,
          '动态口令已重置，本人下次登录时需重新绑定。',
          'The authenticator was reset; it is set up again at the next login.',
        ),
        signsOut: true,
      };
    });
  });

  app.post('/staff/:id/revoke-sessions', changeOptions(ButtonForm), async (request, reply) => {
    const { id } = request.params;
    return changed(request, reply, id, {}, async () => {
      const n = await service.revokeSessions(services, staffOf(request), actorOf(request), id);
      return { flash: inLang(request, `已结束 ${n} 个会话。`, `${n} session(s) ended.`), signsOut: true };
    });
  });
}
