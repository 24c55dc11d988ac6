import { auditTodo } from './audit/audit.todo.ts';
import { casesTodo } from './cases/cases.todo.ts';
import { catalogTodo } from './catalog-authoring/catalog-authoring.todo.ts';
import { exchangeTodo } from './exchange-monitor/exchange-monitor.todo.ts';
import { holidaysTodo } from './holidays/holidays.todo.ts';
import { lettersTodo } from './letters/letters.todo.ts';
import { ratingsTodo } from './ratings/ratings.todo.ts';
import type { TodoSource } from './home/todo.registry.ts';
import { staffTodo } from './staff/staff.todo.ts';
import { supervisionTodo } from './supervision/supervision.todo.ts';

/** Every feature's to-do lines, in the order the start page shows them (see home/todo.registry.ts). */
export const workbenchTodo: readonly TodoSource[] = [
  ...casesTodo,
  ...lettersTodo,
  ...supervisionTodo,
  ...ratingsTodo,
  ...catalogTodo,
  ...exchangeTodo,
  ...holidaysTodo,
  ...staffTodo,
  ...auditTodo,
];
