import type { Child } from 'hono/jsx';
import type { Lang } from '../i18n/index.ts';
import { useLang } from './context.ts';

// A notification banner, as GOV.UK has it: a coloured title strip ("成功" / "请注意") above one line in bold.
// Success (after a form was sent and the page redirected) is announced at once with role="alert", since the
// person's attention is on the outcome; information is a named region read in its place.

const titles = {
  success: { zh: '成功', en: 'Success' },
  info: { zh: '请注意', en: 'Important' },
} as const;

export type BannerTone = keyof typeof titles;

let counter = 0;

export function NotificationBanner({
  tone = 'success',
  title,
  children,
  lang,
}: {
  tone?: BannerTone;
  /** Replaces the tone's default title. */
  title?: string;
  children?: Child;
  lang?: Lang;
}) {
  const language = useLang(lang);
  const id = `notification-banner-title-${++counter % 1000}`;
  return (
    <div
      class={`notification-banner notification-banner--${tone}`}
      role={tone === 'success' ? 'alert' : 'region'}
      aria-labelledby={id}
    >
      <div class="notification-banner__header">
        <h2 class="notification-banner__title" id={id}>
          {title ?? titles[tone][language]}
        </h2>
      </div>
      <div class="notification-banner__content">
        <p class="notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}

/** The message a redirect carried (`takeFlash`), as a success banner; nothing when there is none. */
export function FlashBanner({ text, lang }: { text?: string | undefined; lang?: Lang }) {
  return text ? <NotificationBanner lang={lang}>{text}</NotificationBanner> : null;
}
