import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { reachOf, type Reach } from '../staff/staff.policy.ts';
import { countEscalatedTo, countUrgingsAwaiting, type PathReach } from './supervision.repository.ts';

// Supervision's lines on the start page: urgings the officer's units must answer, the supervision view, and
// for discipline inspection the escalations sent to it.

const say = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);
const pathReach = (reach: Reach): PathReach =>
  reach.all ? 'all' : { exact: reach.exact, subtrees: reach.subtrees };

export const supervisionTodo = [
  defineTodoSource({
    feature: 'supervision',
    permission: 'supervision.answer',
    async lines({ services, me, lang }) {
      const waiting = await countUrgingsAwaiting(services.db, pathReach(reachOf(me, 'supervision.answer')));
      return [
        {
          href: '/urgings',
          title: say(lang, '待答复的催办单', 'Urging notices to answer'),
          count: waiting,
          ...waitingTag(waiting, say(lang, '请答复', 'Answer'), 'red'),
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'supervision',
    permission: 'supervision.read',
    async lines({ lang }) {
      return [
        {
          href: '/supervision',
          title: say(lang, '一键督办', 'Supervision'),
          meta: say(
            lang,
            '所辖单位在办、即将到期和已超期的案件和来信。',
            'Cases and letters in hand, due soon and overdue in the units you supervise.',
          ),
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'supervision',
    permission: 'supervision.inspect',
    async lines({ services, me, lang }) {
      const escalated = await countEscalatedTo(
        services.db,
        'discipline-inspector',
        pathReach(reachOf(me, 'supervision.inspect')),
      );
      return [
        {
          href: '/supervision/inspection',
          title: say(lang, '升级到纪检的催办', 'Urgings escalated to discipline inspection'),
          count: escalated,
        },
      ];
    },
  }),
];
