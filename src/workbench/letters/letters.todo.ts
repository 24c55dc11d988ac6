import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { countOpen } from './letters.repository.ts';

// Letters' lines on the start page: for the letter handler, the letters nobody has taken; for everyone who
// watches the queue (handler, supervisor, discipline inspection), the open letters with the overdue ones in red,
// so that a late letter reaches the supervising unit and discipline inspection without anyone looking for it.

const say = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

export const lettersTodo = [
  defineTodoSource({
    feature: 'letters',
    permission: 'letters.handle',
    async lines({ services, me, lang }) {
      const { unclaimed } = await countOpen(
        services.db,
        reachOf(me, 'letters.handle'),
        todayInShanghai(services.now()),
      );
      return [
        {
          href: '/letters',
          title: say(lang, '待领取的来信', 'Letters waiting to be taken'),
          count: unclaimed,
          ...waitingTag(unclaimed, say(lang, '待领取', 'To take')),
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'letters',
    permission: 'letters.read',
    async lines({ services, me, lang }) {
      const { open, overdue } = await countOpen(
        services.db,
        reachOf(me, 'letters.read'),
        todayInShanghai(services.now()),
      );
      return [
        {
          href: overdue > 0 ? '/letters?view=overdue' : '/letters',
          title: say(lang, '在办来信', 'Open letters'),
          count: open,
          ...waitingTag(overdue, say(lang, `${overdue}件已超期`, `${overdue} overdue`), 'red'),
        },
      ];
    },
  }),
];
