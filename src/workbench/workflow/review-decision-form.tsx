import { errorFor } from '../../shared/http/forms.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { Button, Form, TextArea, type FieldError } from '../../shared/ui/forms.tsx';

/**
 * The second person's decision on a draft under four-eyes review: approve, or return with a comment. The
 * knowledge base and public Q&A review this way; what approval leads to is the caller's words.
 */
export function ReviewDecisionForm(p: {
  ctx: PageContext;
  action: string;
  approveLabel: string;
  commentHint: string;
  values: Record<string, string | undefined>;
  errors: FieldError[];
}) {
  const { ctx, values, errors } = p;
  return (
    <Form action={p.action} csrfToken={ctx.csrfToken ?? ''}>
      <Radios
        name="decision"
        legend={inLang(ctx, '审核结论', 'Decision')}
        items={[
          { value: 'approve', label: p.approveLabel },
          { value: 'return', label: inLang(ctx, '退回修改', 'Return for changes') },
        ]}
        value={values.decision}
        error={errorFor(errors, 'decision')}
      />
      <TextArea
        name="comment"
        label={inLang(ctx, '审核意见', 'Comment')}
        hint={p.commentHint}
        rows={3}
        value={values.comment}
        error={errorFor(errors, 'comment')}
      />
      <Button>{inLang(ctx, '提交审核结论', 'Record the decision')}</Button>
    </Form>
  );
}
