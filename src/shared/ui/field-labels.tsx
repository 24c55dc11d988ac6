import { randomBytes } from 'node:crypto';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { t, type Lang } from '../i18n/index.ts';

// A refusal at the edge names no field, and the error summary stands above the fields it lists, while only a
// field knows its label. So while a page renders, each field leaves its label here under its name, the summary
// leaves a slot where it needs one, and the slots are filled once the whole page is rendered. Rendering is
// synchronous (async components are refused), so one page's labels never mix with another's.

// Random per process, so no typed text shown on the page can pass for a slot.
const marker = `label-slot-${randomBytes(12).toString('hex')}`;
const slotPattern = new RegExp(`<!--${marker}:(\\d+)-->`, 'g');

interface PageLabels {
  labels: Map<string, string>;
  slots: { field: string; lang: Lang }[];
}
let current: PageLabels | undefined;

/** A field of the page being rendered says what it is called (its label's HTML). */
export function rememberLabel(field: string, label: Child): void {
  if (current && !current.labels.has(field)) current.labels.set(field, String(<>{label}</>));
}

/** "Label：message" in Chinese, "Label: message" in English, for a message that does not name its field. */
export function withSubject(lang: Lang, subject: string, message: string): string {
  return lang === 'en'
    ? `${subject}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`
    : `${subject}：${message}`;
}

/**
 * A message that does not name its field, with the label of `field` put before it once the page is rendered
 * (or words for "what was sent" when the page shows no such field, e.g. a hidden one or a button).
 */
export function LabelledMessage({ field, message, lang }: { field: string; message: string; lang: Lang }) {
  if (!current) return withSubject(lang, t(lang, 'error.unlabelledField'), message);
  current.slots.push({ field, lang });
  const slot = raw(`<!--${marker}:${current.slots.length - 1}-->`);
  return (
    <>
      {slot}
      {withSubject(lang, '', message)}
    </>
  );
}

/** Renders a page with its fields' labels put into the error summary's slots. */
export function withFieldLabels(render: () => string): string {
  const outer = current;
  const page: PageLabels = { labels: new Map(), slots: [] };
  current = page;
  try {
    const html = render();
    if (page.slots.length === 0) return html;
    return html.replace(slotPattern, (_match, index: string) => {
      const slot = page.slots[Number(index)];
      return slot === undefined ? '' : (page.labels.get(slot.field) ?? t(slot.lang, 'error.unlabelledField'));
    });
  } finally {
    current = outer;
  }
}
