import type { TodoItem } from '../../shared/ui/components.tsx';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf, type Reach } from '../staff/staff.policy.ts';
import { countEscalatedTo, countUrgingsAwaiting, type PathReach } from './supervision.repository.ts';

// Supervision's lines on the home page: urgings the officer's units must answer, the supervision view, and
// for discipline inspection the escalations sent to it.

const say = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);
const pathReach = (reach: Reach): PathReach =>
  reach.all ? 'all' : { exact: reach.exact, subtrees: reach.subtrees };

export async function supervisionTodo(
  services: ZoneServices,
  me: CurrentStaff,
  lang: 'zh' | 'en',
): Promise<TodoItem[]> {
  const items: TodoItem[] = [];
  if (workbenchPolicy.can(me, 'supervision.answer')) {
    const waiting = await countUrgingsAwaiting(services.db, pathReach(reachOf(me, 'supervision.answer')));
    items.push({
      href: '/urgings',
      title: say(lang, '待答复的催办单', 'Urging notices to answer'),
      count: waiting,
      ...(waiting > 0 ? { tag: { tone: 'red' as const, text: say(lang, '请答复', 'Answer') } } : {}),
    });
  }
  if (workbenchPolicy.can(me, 'supervision.read'))
    items.push({
      href: '/supervision',
      title: say(lang, '一键督办', 'Supervision'),
      meta: say(
        lang,
        '所辖单位在办、即将到期和已超期的案件。',
        'Work in hand, due soon and overdue in the units you supervise.',
      ),
    });
  if (workbenchPolicy.can(me, 'supervision.inspect')) {
    const escalated = await countEscalatedTo(
      services.db,
      'discipline-inspector',
      pathReach(reachOf(me, 'supervision.inspect')),
    );
    items.push({
      href: '/supervision/inspection',
      title: say(lang, '升级到纪检的催办', 'Urgings escalated to discipline inspection'),
      count: escalated,
    });
  }
  return items;
}
