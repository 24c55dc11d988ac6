import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/http/errors.ts';
import { formBody, translatedFieldErrors } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { workbenchContext } from '../page.ts';
import { requireStaff, staffOf } from '../session.ts';
import * as pages from './staff.pages.tsx';
import { staffDetailPage } from './staff-detail.pages.tsx';
import { isStaffMessage, staffMessage } from './staff.messages.ts';
import { holdsAnywhere, mayManage, reachOf } from './staff.policy.ts';
import { assignmentsOf, listStaff, unitsInReach } from './staff.repository.ts';
import * as service from './staff.service.ts';

const PAGE_SIZE = 50;
const guarded = { schema: { hide: true }, preHandler: requireStaff };

type Params = { id: string };

function fieldErrors(request: FastifyRequest, error: unknown) {
  return translatedFieldErrors(error, (key) => (isStaffMessage(key) ? staffMessage(request.lang, key) : key));
}

function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}

export function registerStaffRoutes(app: FastifyInstance, services: ZoneServices): void {
  /** The list and the new-account form are not about one record: without the permission anywhere, 403. */
  const requirePermission = (request: FastifyRequest, permission: 'staff.read' | 'staff.manage') => {
    if (!holdsAnywhere(staffOf(request), permission)) throw new AppError('FORBIDDEN');
  };

  app.get('/staff', guarded, async (request, reply) => {
    requirePermission(request, 'staff.read');
    const me = staffOf(request);
    const query = request.query as Record<string, unknown>;
    const q = typeof query.q === 'string' ? query.q.slice(0, 50) : '';
    const pendingTotp = query.totp === 'pending';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
    const { rows, total } = await listStaff(services.db, reachOf(me, 'staff.read'), {
      q,
      pendingTotp,
      page,
      pageSize: PAGE_SIZE,
    });
    return reply.html(
      pages.staffListPage({
        ctx: workbenchContext(request, reply),
        rows,
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        q,
        pendingTotp,
        canCreate: holdsAnywhere(me, 'staff.manage'),
        now: services.now(),
        flash: takeFlash(request),
      }),
    );
  });

  const newForm = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, string>,
    errors?: { field: string; message: string }[],
  ) => {
    const units = await unitsInReach(services.db, reachOf(staffOf(request), 'staff.manage'));
    return reply.html(
      pages.newStaffPage({ ctx: workbenchContext(request, reply), units, values, errors }),
      errors ? 422 : 200,
    );
  };

  app.get('/staff/new', guarded, async (request, reply) => {
    requirePermission(request, 'staff.manage');
    return newForm(request, reply);
  });

  app.post('/staff/new', guarded, async (request, reply) => {
    requirePermission(request, 'staff.manage');
    const body = formBody(request);
    try {
      const id = await service.createStaff(services, staffOf(request), actorOf(request), body);
      request.session.flash =
        request.lang === 'en' ? 'The account was created.' : '账号已创建，首次登录时需绑定动态口令。';
      return reply.redirect(`/staff/${id}`, 303);
    } catch (error) {
      const errors = fieldErrors(request, error);
      if (!errors) throw error;
      const { password: _password, ...values } = body;
      return newForm(request, reply, values, errors);
    }
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: Record<string, string>; errors?: { field: string; message: string }[] } = {},
  ) => {
    const me = staffOf(request);
    const target = await service.visibleStaff(services, me, (request.params as Params).id);
    const assignments = await assignmentsOf(services.db, target.id);
    await service.recordView(services, actorOf(request), target);
    const canManage = mayManage(me, { unitPath: target.unitPath, assignments });
    const units = canManage ? await unitsInReach(services.db, reachOf(me, 'staff.manage')) : [];
    return reply.html(
      staffDetailPage({
        ctx: workbenchContext(request, reply),
        staff: { ...target, disabled: target.disabledAt !== null, assignments },
        canManage,
        isSelf: target.id === me.id,
        units,
        now: services.now(),
        flash: takeFlash(request),
        ...options,
      }),
      options.errors ? 422 : 200,
    );
  };

  app.get('/staff/:id', guarded, async (request, reply) => detail(request, reply));

  /** A change posted from the detail page: done, then back to the page with a note, or the page with the errors. */
  const change = (path: string, act: (request: FastifyRequest, id: string) => Promise<string>) => {
    app.post(`/staff/:id/${path}`, guarded, async (request, reply) => {
      const id = (request.params as Params).id;
      try {
        const flash = await act(request, id);
        // Ending one's own sessions includes this one; saving it now would bring it back.
        if (id === staffOf(request).id && (path === 'reset-totp' || path === 'revoke-sessions')) {
          await request.session.destroy();
          return reply.redirect('/staff/login', 303);
        }
        request.session.flash = flash;
        return reply.redirect(`/staff/${id}`, 303);
      } catch (error) {
        const errors = fieldErrors(request, error);
        if (!errors) throw error;
        const { newPassword: _newPassword, ...values } = formBody(request);
        return detail(request, reply, { values, errors });
      }
    });
  };
  const byLang = (request: FastifyRequest, zh: string, en: string) => (request.lang === 'en' ? en : zh);

  change('assignments', async (request, id) => {
    await service.addAssignment(services, staffOf(request), actorOf(request), id, formBody(request));
    return byLang(request, '角色已增加。', 'The role was added.');
  });
  change('assignments/:assignmentId/remove', async (request, id) => {
    await service.removeAssignment(
      services,
      staffOf(request),
      actorOf(request),
      id,
      (request.params as { assignmentId: string }).assignmentId,
    );
    return byLang(request, '角色已移除。', 'The role was removed.');
  });
  change('disable', async (request, id) => {
    await service.setDisabled(services, staffOf(request), actorOf(request), id, true);
    return byLang(
      request,
      '账号已停用，其全部会话已结束。',
      'The account was disabled and its sessions ended.',
    );
  });
  change('enable', async (request, id) => {
    await service.setDisabled(services, staffOf(request), actorOf(request), id, false);
    return byLang(request, '账号已启用。', 'The account was enabled.');
  });
  change('reset-password', async (request, id) => {
    await service.resetPassword(
      services,
      staffOf(request),
      actorOf(request),
      id,
      formBody(request).newPassword,
    );
    return byLang(
      request,
      '密码已重置，账号已解锁，原有会话已结束。请当面告知本人新密码。',
      'The password was reset, the account unlocked and its sessions ended. Hand over the new password in person.',
    );
  });
  change('reset-totp', async (request, id) => {
    await service.resetTotp(services, staffOf(request), actorOf(request), id);
    return byLang(
      request,
      '动态口令已重置，本人下次登录时需重新绑定。',
      'The authenticator was reset; it is set up again at the next login.',
    );
  });
  change('revoke-sessions', async (request, id) => {
    const n = await service.revokeSessions(services, staffOf(request), actorOf(request), id);
    return byLang(request, `已结束 ${n} 个会话。`, `${n} session(s) ended.`);
  });
}
