import type { Lang } from '../../shared/i18n/index.ts';
import type { TagTone, TodoItem } from '../../shared/ui/components.tsx';
import type { ZoneServices } from '../../shared/zone.ts';
import type { CurrentStaff } from '../session.ts';

// The start page asks each feature what it has waiting for this officer. A feature states its lines in its own
// `*.todo.ts` with `defineTodoSource`, naming the registry action that makes them his business, and is listed
// once in `src/workbench/todo.ts`; the home page asks only the sources whose action his roles allow.

export interface TodoAsk {
  services: ZoneServices;
  me: CurrentStaff;
  lang: Lang;
}

export interface TodoSource {
  /** The feature the lines come from, for tests and ordering. */
  feature: string;
  /** The workbench registry action an officer needs for these lines to be his business. */
  permission: string;
  /** The lines, each with a count; a line with nothing waiting may be left out or shown as 0. */
  lines(ask: TodoAsk): Promise<TodoItem[]>;
}

export function defineTodoSource(source: TodoSource): TodoSource {
  return source;
}

/** A line's tag when something waits: the same amber "pending" look on every feature's lines. */
export function waitingTag(count: number, text: string, tone: TagTone = 'amber'): Pick<TodoItem, 'tag'> {
  return count > 0 ? { tag: { tone, text } } : {};
}
