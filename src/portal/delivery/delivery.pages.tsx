import { deliveryStatusLabels } from '../../shared/delivery/delivery.status.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { formatDateTime } from '../../shared/i18n/index.ts';
import { Radios } from '../../shared/ui/choices.tsx';
import { BackLink, InsetText, SummaryList } from '../../shared/ui/components.tsx';
import type { PageContext } from '../../shared/ui/context.ts';
import { Button, ErrorSummary, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { deliveryWord, type DeliveryMessage } from './delivery.messages.ts';
import type { CaseDelivery } from './delivery.service.ts';

const w = (ctx: PageContext, key: DeliveryMessage) => deliveryWord(ctx.lang, key);

export interface ChoiceView {
  ctx: PageContext;
  id: string;
  back: string;
  values: Record<string, string>;
  errors: FieldError[];
  locked: boolean;
}

/** Collect at the hall, or a courier to the address typed (the profile's address filled in to start from). */
export function choicePage({ ctx, id, back, values, errors, locked }: ChoiceView) {
  const title = w(ctx, 'title');
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return renderPage(
    <Layout ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <div class="narrow">
        <BackLink href={back} lang={ctx.lang} />
        <ErrorSummary errors={errors} lang={ctx.lang} />
        <h1>{title}</h1>
        <p>{w(ctx, 'intro')}</p>
        {locked ? (
          <InsetText>{w(ctx, 'locked')}</InsetText>
        ) : (
          <Form action={`/applications/${id}/delivery`} csrfToken={ctx.csrfToken ?? ''}>
            <input type="hidden" name="next" value={back} />
            <Radios
              name="method"
              legend={w(ctx, 'method')}
              value={values.method ?? ''}
              error={error('method')}
              items={[
                { value: 'hall', label: w(ctx, 'hall') },
                { value: 'courier', label: w(ctx, 'courier') },
              ]}
            />
            <TextField
              name="recipientName"
              label={w(ctx, 'recipientName')}
              value={values.recipientName ?? ''}
              error={error('recipientName')}
              autocomplete="name"
              width={20}
            />
            <TextField
              name="recipientPhone"
              label={w(ctx, 'recipientPhone')}
              type="tel"
              inputmode="tel"
              value={values.recipientPhone ?? ''}
              error={error('recipientPhone')}
              autocomplete="tel"
              width={20}
            />
            <TextArea
              name="address"
              label={w(ctx, 'address')}
              hint={values.address ? w(ctx, 'addressHint') : undefined}
              value={values.address ?? ''}
              error={error('address')}
              autocomplete="street-address"
              rows={3}
            />
            <Button>{w(ctx, 'save')}</Button>
          </Form>
        )}
      </div>
    </Layout>,
  );
}

/** The choice as one line of a summary: the hall, or the courier with the recipient and address. */
export function choiceText(ctx: PageContext, delivery: Pick<CaseDelivery, 'choice'>): string {
  const choice = delivery.choice;
  if (!choice) return w(ctx, 'notChosen');
  if (choice.method === 'hall') return w(ctx, 'hall');
  return `${w(ctx, 'courier')}${ctx.lang === 'en' ? ': ' : '：'}${choice.recipientName ?? ''} ${choice.address ?? ''}`;
}

/** The delivery on 我的办件: how the result comes, its waybill, and the courier's steps as a timeline. */
export function CaseDeliverySection({
  ctx,
  delivery,
  changeHref,
}: {
  ctx: PageContext;
  delivery: CaseDelivery;
  changeHref?: string | undefined;
}) {
  return (
    <>
      <h2>{w(ctx, 'progress')}</h2>
      <SummaryList
        lang={ctx.lang}
        rows={[
          { key: w(ctx, 'title'), value: choiceText(ctx, delivery), changeHref },
          ...(delivery.waybill ? [{ key: w(ctx, 'waybill'), value: delivery.waybill.waybillNo }] : []),
        ]}
      />
      {delivery.events.length ? (
        <ol class="timeline">
          {delivery.events.map((e) => (
            <li class="timeline-item">
              <h3 class="timeline-title">{deliveryStatusLabels[e.status][ctx.lang]}</h3>
              <p class="timeline-meta">
                {formatDateTime(ctx.lang, e.occurredAt)} · {e.waybillNo}
              </p>
              {e.note ? <p>{e.note}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </>
  );
}
