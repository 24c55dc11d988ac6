import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { workingCount } from './ratings.service.ts';

// The start page's line for the handling unit: rectification orders of bad reviews waiting for a step, red
// when one is past its step's deadline.

const say = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

export const ratingsTodo = [
  defineTodoSource({
    feature: 'ratings',
    permission: 'ratings.rectify',
    async lines({ services, me, lang }) {
      const { open, overdue } = await workingCount(services, me);
      return [
        {
          href: '/ratings',
          title: say(lang, '待办的差评整改工单', 'Bad-review orders to work on'),
          count: open,
          ...(overdue > 0
            ? waitingTag(overdue, say(lang, `${overdue} 件超期`, `${overdue} overdue`), 'red')
            : waitingTag(open, say(lang, '请办理', 'Work on them'))),
        },
      ];
    },
  }),
];
