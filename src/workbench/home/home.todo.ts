import type { TodoItem } from '../../shared/ui/components.tsx';
import type { ZoneServices } from '../../shared/zone.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { countAudit } from '../audit/audit.repository.ts';
import { countOpen, unitCodesIn } from '../cases/cases.repository.ts';
import type { CurrentStaff } from '../session.ts';
import { workbenchPolicy } from '../policy.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { countPendingTotp } from '../staff/staff.repository.ts';
import { supervisionTodo } from '../supervision/supervision.todo.ts';

const langText = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

/** What the officer's roles ask of him today. Each feature adds its own lines here. */
export async function todoFor(
  services: ZoneServices,
  me: CurrentStaff,
  lang: 'zh' | 'en',
): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (workbenchPolicy.can(me, 'staff.manage')) {
    const pending = await countPendingTotp(services.db, reachOf(me, 'staff.manage'));
    items.push({
      href: '/staff?totp=pending',
      title: langText(lang, '尚未绑定动态口令的人员账号', 'Staff accounts without an authenticator'),
      count: pending,
      meta: langText(
        lang,
        '这些账号下次登录时须先绑定身份验证器。',
        'These accounts must set up an authenticator at their next login.',
      ),
      ...(pending > 0 ? { tag: { tone: 'amber' as const, text: langText(lang, '待绑定', 'Pending') } } : {}),
    });
  }
  if (workbenchPolicy.can(me, 'audit.read')) {
    const reach = reachOf(me, 'audit.read');
    const since = new Date(services.now().getTime() - 86_400_000);
    // Counted through the same jurisdiction filter as the audit page, so the number matches what it lists.
    const failures = await countAudit(services.db, reach, { action: 'staff.login.failed', from: since });
    items.push({
      href: '/audit?action=staff.login.failed',
      title: langText(lang, '审计日志：近24小时登录失败', 'Audit log: failed logins in the last 24 hours'),
      count: failures,
      ...(failures > 0
        ? { tag: { tone: 'amber' as const, text: langText(lang, '请关注', 'Look into') } }
        : {}),
    });
  }
  if (workbenchPolicy.can(me, 'cases.read')) {
    const units = await unitCodesIn(services.db, reachOf(me, 'cases.read'));
    const { open, overdue } = await countOpen(services.db, units, todayInShanghai(services.now()));
    items.push({
      href: overdue > 0 ? '/cases?overdue=1' : '/cases',
      title: langText(lang, '在办案件', 'Open cases'),
      count: open,
      ...(overdue > 0
        ? { tag: { tone: 'red' as const, text: langText(lang, `${overdue}件已超期`, `${overdue} overdue`) } }
        : {}),
    });
  }
  items.push(...(await supervisionTodo(services, me, lang)));
  return items;
}
