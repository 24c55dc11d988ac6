import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { listItems, reviewQueue } from './catalog-authoring.repository.ts';
import { langText } from './catalog-authoring.words.ts';

export const catalogTodo = [
  defineTodoSource({
    feature: 'catalog',
    permission: 'catalog.publish',
    async lines({ services, me, lang }) {
      const queue = await reviewQueue(services.db, [reachOf(me, 'catalog.publish')]);
      // A version he submitted himself is someone else's to decide (four eyes): it is not his to do.
      const waiting = queue.filter((row) => row.submittedBy !== me.badgeNo).length;
      return [
        {
          href: '/catalog/review',
          title: langText(lang, '待审核的办事指南', 'Service guides waiting for your review'),
          count: waiting,
          ...waitingTag(waiting, langText(lang, '待审核', 'To review')),
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'catalog',
    permission: 'catalog.edit',
    async lines({ services, me, lang }) {
      const { total } = await listItems(services.db, [reachOf(me, 'catalog.edit')], {
        status: 'returned',
        page: 1,
        pageSize: 1,
      });
      return [
        {
          href: '/catalog?status=returned',
          title: langText(lang, '被退回待修改的办事指南', 'Service guides returned for changes'),
          count: total,
          ...waitingTag(total, langText(lang, '待修改', 'To revise'), 'red'),
        },
      ];
    },
  }),
];
