import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { listSchedules } from './holidays.repository.ts';
import { neededYear } from './holidays.service.ts';

const langText = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

// From 1 October, next year with neither package data nor an approved schedule is a line on every force-wide
// administrator's start page; so is a schedule waiting for a second administrator's approval.

export const holidaysTodo = [
  defineTodoSource({
    feature: 'holidays',
    permission: 'holidays.manage',
    async lines({ services, me, lang }) {
      const needed = neededYear(services);
      const waiting = (await listSchedules(services.db)).filter((s) => s.state === 'pending');
      const pending = waiting.filter((s) => s.enteredBy !== me.badgeNo).length;
      const lines = [];
      // Once entered, the year is no longer "to enter": it waits for approval (the line below, for the others).
      if (needed !== undefined && !waiting.some((s) => s.year === needed))
        lines.push({
          href: '/holidays',
          title: langText(
            lang,
            `尚未录入${String(needed)}年节假日安排`,
            `No holiday schedule for ${String(needed)} yet`,
          ),
          count: 1,
          meta: langText(
            lang,
            '跨入该年的办理时限目前按周一至周五推算。',
            'Deadlines reaching into that year are counted on Monday to Friday.',
          ),
          ...waitingTag(1, langText(lang, '待录入', 'To enter'), 'red'),
        });
      if (pending > 0)
        lines.push({
          href: '/holidays',
          title: langText(lang, '待审核的节假日安排', 'Holiday schedules awaiting your approval'),
          count: pending,
          ...waitingTag(pending, langText(lang, '待审核', 'Pending')),
        });
      return lines;
    },
  }),
];
