import type { Lang } from '../../shared/i18n/index.ts';
import type { TodoItem } from '../../shared/ui/components.tsx';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentStaff } from '../session.ts';
import { workbenchPolicy } from '../policy.ts';
import { workbenchTodo } from '../todo.ts';

/** What the officer's roles ask of him today: the lines of every feature whose action he holds. */
export async function todoFor(services: ZoneServices, me: CurrentStaff, lang: Lang): Promise<TodoItem[]> {
  const mine = workbenchTodo.filter((source) => workbenchPolicy.can(me, source.permission));
  const lines = await Promise.all(mine.map((source) => source.lines({ services, me, lang })));
  return lines.flat();
}
