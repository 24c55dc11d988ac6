import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import type { CurrentStaff } from '../session.ts';
import { holdsAnywhere, reachOf } from '../staff/staff.policy.ts';
import { countByState, countOpen, listQueue, unitCodesIn, type QueueRow } from './cases.repository.ts';
import type { Executor } from '../../shared/db/database.ts';
import { casePermissions } from './cases.workflows.ts';
import { workflowOf } from './cases.service.ts';

const langText = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

// Enough to count a station's backlog; a queue longer than this shows "500+" rather than a slow page.
const UNCLAIMED_SCAN = 500;

/**
 * Unclaimed open cases in a state where one of the officer's duties acts, within that duty's jurisdiction: the
 * cases that wait for someone like him to take them.
 */
async function waitingForMyDuty(db: Executor, me: CurrentStaff): Promise<{ count: number; more: boolean }> {
  const waiting = new Set<string>();
  let more = false;
  for (const permission of casePermissions) {
    if (!holdsAnywhere(me, permission)) continue;
    const units = await unitCodesIn(db, reachOf(me, permission), me.assignments);
    const rows = await listQueue(db, { units, claimedBy: null }, { limit: UNCLAIMED_SCAN });
    more ||= rows.length === UNCLAIMED_SCAN;
    for (const row of rows) if (dutyActsIn(row, permission)) waiting.add(row.caseNumber);
  }
  return { count: waiting.size, more };
}

function dutyActsIn(row: QueueRow, permission: string): boolean {
  const { definition } = workflowOf(row);
  return definition.actionsFrom(row.state).some((action) => {
    const step = definition.find(row.state, action);
    return step?.actors.includes('staff') && step.permission === permission;
  });
}

export const casesTodo = [
  defineTodoSource({
    feature: 'cases',
    permission: 'cases.act',
    async lines({ services, me, lang }) {
      const [held, waiting] = await Promise.all([
        countByState(services.db, {
          units: await unitCodesIn(services.db, reachOf(me, 'cases.read'), me.assignments),
          claimedBy: me.badgeNo,
        }),
        waitingForMyDuty(services.db, me),
      ]);
      const mine = Object.values(held).reduce((n, c) => n + c, 0);
      return [
        {
          href: '/cases?claim=unclaimed',
          title: langText(lang, '待领取的案件', 'Cases waiting to be taken'),
          count: waiting.count,
          meta: langText(
            lang,
            `按您的岗位可办理、尚无人领取的案件${waiting.more ? '（仅统计前 500 件）' : ''}。`,
            `Cases in a step your duty handles that nobody has taken yet${waiting.more ? ' (first 500 counted)' : ''}.`,
          ),
          ...waitingTag(waiting.count, langText(lang, '待领取', 'To take')),
        },
        {
          href: '/cases?claim=mine',
          title: langText(lang, '我领取的案件', 'Cases I hold'),
          count: mine,
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'cases',
    permission: 'cases.read',
    async lines({ services, me, lang }) {
      const units = await unitCodesIn(services.db, reachOf(me, 'cases.read'), me.assignments);
      const { open, overdue } = await countOpen(services.db, units, todayInShanghai(services.now()));
      return [
        {
          href: overdue > 0 ? '/cases?overdue=1' : '/cases',
          title: langText(lang, '在办案件', 'Open cases'),
          count: open,
          ...waitingTag(overdue, langText(lang, `${overdue}件已超期`, `${overdue} overdue`), 'red'),
        },
      ];
    },
  }),
];
