import { Checkboxes } from '../../shared/ui/choices.tsx';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Button, Form, TextArea, TextField, type FieldError } from '../../shared/ui/forms.tsx';
import { actionLabels } from './cases.messages.ts';
import type { CaseView } from './cases.presenter.ts';
import type { CaseAction } from './cases.workflows.ts';
import { word } from './cases.page-parts.tsx';

// One form per step the officer may take on the case he holds. A decision's legal basis starts from the
// catalogue item's, a refusal after a withheld approval from the approver's opinion (the decision follows the
// approval); what the officer typed wins when the form comes back with a problem.

const needsLegalBasis: readonly string[] = ['not-accept', 'refuse', 'approve', 'grant'];
/** The steps that decide the application, whose legal basis is the item's own. */
const decisions: readonly string[] = ['approve', 'grant', 'refuse'];
const approval: readonly string[] = ['agree', 'disagree'];
const required: readonly string[] = ['not-accept', 'refuse', 'return', ...approval];
const warning: readonly string[] = ['refuse', 'not-accept', 'return', 'disagree'];

function messageLabel(ctx: PageContext, action: CaseAction): string {
  if (action === 'return')
    return inLang(ctx, '退回理由（仅民警可见）', 'Reason for returning (seen by officers only)');
  if (approval.includes(action))
    return inLang(
      ctx,
      '审批意见（仅民警可见，作出决定时依此办理）',
      'Approval opinion (seen by officers only; the decision follows it)',
    );
  if (action === 'grant' || action === 'refuse')
    return inLang(
      ctx,
      '决定理由（写入许可决定书，申请人将看到）',
      'Reasons for the decision (printed on the decision; the applicant reads them)',
    );
  return inLang(ctx, '给申请人的说明', 'Message to the applicant');
}

function prefilledMessage(ctx: PageContext, view: CaseView, action: CaseAction): string {
  if (action === 'agree') return inLang(ctx, '同意。', 'Approved.');
  if (action === 'refuse' && view.state === 'approval-withheld') return view.decision.opinion ?? '';
  return '';
}

export function ActionForm(p: {
  ctx: PageContext;
  view: CaseView;
  action: CaseAction;
  errors: FieldError[];
  values: Record<string, string>;
}) {
  const { ctx, view, action } = p;
  // What was typed (and what was wrong with it) comes back only to the form it was typed in.
  const mine = p.values._action === undefined || p.values._action === action;
  const values = mine ? p.values : {};
  const errors = mine ? p.errors : [];
  const error = (f: string) => errors.find((e) => e.field === f)?.message;
  const typed = values.message !== undefined || values.legalBasis !== undefined;
  return (
    <section>
      <h3>{word(ctx, actionLabels[action])}</h3>
      <Form action={`/cases/${view.caseNumber}/actions/${action}`} csrfToken={ctx.csrfToken ?? ''}>
        <input type="hidden" name="_action" value={action} />
        {action === 'request-materials' ? (
          <>
            <Checkboxes
              name="missing"
              legend={inLang(
                ctx,
                '需要补正的材料（一次性全部列出）',
                'Materials missing or faulty (list them all at once)',
              )}
              error={error('missing')}
              items={view.materials.map((m) => ({ value: m.code, label: m.name }))}
            />
            {view.materials.map((m) => (
              <TextField
                name={`problem-${m.code}`}
                label={inLang(ctx, `“${m.name}”的问题`, `What is wrong with “${m.name}”`)}
                optional
                value={values[`problem-${m.code}`] ?? ''}
                error={error(`problem-${m.code}`)}
              />
            ))}
          </>
        ) : null}
        <TextArea
          name="message"
          label={messageLabel(ctx, action)}
          optional={!required.includes(action)}
          value={typed ? (values.message ?? '') : prefilledMessage(ctx, view, action)}
          error={error('message')}
          rows={3}
        />
        {needsLegalBasis.includes(action) ? (
          <TextField
            name="legalBasis"
            label={inLang(ctx, '法律依据', 'Legal basis')}
            value={
              typed ? (values.legalBasis ?? '') : decisions.includes(action) ? view.decision.legalBasis : ''
            }
            error={error('legalBasis')}
          />
        ) : null}
        <Button variant={warning.includes(action) ? 'warning' : 'primary'}>
          {word(ctx, actionLabels[action])}
        </Button>
      </Form>
    </section>
  );
}
