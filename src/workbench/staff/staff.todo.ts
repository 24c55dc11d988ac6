import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { reachOf } from './staff.policy.ts';
import { countPendingTotp } from './staff.repository.ts';

const langText = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

export const staffTodo = [
  defineTodoSource({
    feature: 'staff',
    permission: 'staff.manage',
    async lines({ services, me, lang }) {
      const pending = await countPendingTotp(services.db, reachOf(me, 'staff.manage'));
      return [
        {
          href: '/staff?totp=pending',
          title: langText(lang, '尚未绑定动态口令的人员账号', 'Staff accounts without an authenticator'),
          count: pending,
          meta: langText(
            lang,
            '这些账号下次登录时须先绑定身份验证器。',
            'These accounts must set up an authenticator at their next login.',
          ),
          ...waitingTag(pending, langText(lang, '待绑定', 'Pending')),
        },
      ];
    },
  }),
];
