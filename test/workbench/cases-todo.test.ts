import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { officerAt, openCase, SERVICES, startCaseWorkbench, step } from './cases.support.ts';
import type { Workbench } from './support.ts';

// The start page counts the cases that wait for an officer's duty and the ones he holds, so a window clerk
// sees a new application there before he opens the queue.

let zone: Workbench;
before(async () => {
  zone = await startCaseWorkbench();
});
after(async () => zone.close());

function todoLine(html: string, title: string): number | undefined {
  const found = new RegExp(`${title}</a><span class="todo-count">(\\d+)</span>`).exec(html)?.[1];
  return found === undefined ? undefined : Number(found);
}

test('a new case waits on the window clerk’s to-do list until he takes it, then counts as his', async () => {
  const clerk = await officerAt(zone, 'SF-ZA', 'window-clerk');
  const reviewer = await officerAt(zone, 'SF-ZA', 'reviewer');
  const home = async (who: typeof clerk) => (await who.client.get('/')).body;
  assert.equal(todoLine(await home(clerk), '待领取的案件'), 0);

  const opened = await openCase(zone, SERVICES.certificate);
  assert.equal(todoLine(await home(clerk), '待领取的案件'), 1);
  assert.equal(todoLine(await home(clerk), '我领取的案件'), 0);
  // Acceptance is the window's step: the reviewer has nothing to take yet.
  assert.equal(todoLine(await home(reviewer), '待领取的案件'), 0);

  const claimed = await step(clerk, opened.row.caseNumber, 'claim');
  assert.equal(claimed.statusCode, 200, claimed.body);
  assert.equal(todoLine(await home(clerk), '待领取的案件'), 0);
  assert.equal(todoLine(await home(clerk), '我领取的案件'), 1);
  assert.equal(todoLine(await home(clerk), '在办案件'), 1);
});
