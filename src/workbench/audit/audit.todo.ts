import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { countAudit } from './audit.repository.ts';

const langText = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

export const auditTodo = [
  defineTodoSource({
    feature: 'audit',
    permission: 'audit.read',
    async lines({ services, me, lang }) {
      const since = new Date(services.now().getTime() - 86_400_000);
      // Counted through the same jurisdiction filter as the audit page, so the number matches what it lists.
      const failures = await countAudit(services.db, reachOf(me, 'audit.read'), {
        action: 'staff.login.failed',
        from: since,
      });
      return [
        {
          href: '/audit?action=staff.login.failed',
          title: langText(
            lang,
            '审计日志：近24小时登录失败',
            'Audit log: failed logins in the last 24 hours',
          ),
          count: failures,
          ...waitingTag(failures, langText(lang, '请关注', 'Look into')),
        },
      ];
    },
  }),
];
