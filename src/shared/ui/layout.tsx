import type { Child } from 'hono/jsx';
import { htmlLang, otherLang, t, TIME_ZONE, type Lang } from '../i18n/index.ts';
import { LangContext, type PageContext } from './context.ts';
import { AsWritten } from './as-written.tsx';
import { CsrfField } from './forms.tsx';
import { Emblem, Icon, type IconName } from './icons.tsx';
import { PortalSiteInfo } from './site-footer.tsx';

/** One entry of the primary navigation. */
export interface NavItem {
  href: string;
  label: string;
  icon?: IconName;
  /** Defaults to matching `href` against `ctx.path`. */
  current?: boolean;
}

/** Props of `Layout`. */
export interface LayoutProps {
  ctx: PageContext;
  /** The page's own title, without the site name. */
  title: string;
  children?: Child;
  /** Replaces the zone's default navigation. */
  nav?: NavItem[];
  /** Prefixes the `<title>` with "错误：" as GOV.UK does, so screen readers hear it first. */
  hasErrors?: boolean;
  /** Set false to leave out /static/enhance.js. */
  enhance?: boolean;
}

/** The portal's four top-level columns, in their fixed order. */
export function portalNav(lang: Lang): NavItem[] {
  return [
    { href: '/news', label: t(lang, 'nav.news'), icon: 'news' },
    { href: '/disclosure', label: t(lang, 'nav.disclosure'), icon: 'disclosure' },
    { href: '/services', label: t(lang, 'nav.services'), icon: 'services' },
    { href: '/interaction', label: t(lang, 'nav.interaction'), icon: 'interaction' },
  ];
}

/** Every section of the workbench; the workbench offers each officer those his roles may open (ctx.nav). */
export function workbenchNav(lang: Lang): NavItem[] {
  return [
    { href: '/', label: t(lang, 'wb.nav.todo'), icon: 'todo' },
    { href: '/cases', label: t(lang, 'wb.nav.cases'), icon: 'interaction' },
    { href: '/appointments', label: t(lang, 'wb.nav.appointments'), icon: 'todo' },
    { href: '/letters', label: t(lang, 'wb.nav.letters'), icon: 'news' },
    { href: '/kb', label: t(lang, 'wb.nav.kb'), icon: 'disclosure' },
    { href: '/qa', label: t(lang, 'wb.nav.qa'), icon: 'news' },
    { href: '/ratings', label: t(lang, 'wb.nav.ratings'), icon: 'disclosure' },
    { href: '/ratings/window', label: t(lang, 'wb.nav.ratingsWindow'), icon: 'todo' },
    { href: '/traffic', label: t(lang, 'wb.nav.traffic'), icon: 'services' },
    { href: '/supervision', label: t(lang, 'wb.nav.supervision'), icon: 'disclosure' },
    { href: '/statistics', label: t(lang, 'wb.nav.statistics'), icon: 'disclosure' },
    { href: '/questionnaires', label: t(lang, 'wb.nav.questionnaires'), icon: 'todo' },
    { href: '/finance/reconciliation', label: t(lang, 'wb.nav.finance'), icon: 'disclosure' },
    { href: '/content', label: t(lang, 'wb.nav.content'), icon: 'news' },
    { href: '/staff', label: t(lang, 'wb.nav.staff'), icon: 'user' },
    { href: '/catalog', label: t(lang, 'wb.nav.catalog'), icon: 'news' },
    { href: '/org', label: t(lang, 'wb.nav.org'), icon: 'services' },
    { href: '/exchange', label: t(lang, 'wb.nav.exchange'), icon: 'globe' },
    { href: '/open311-keys', label: t(lang, 'wb.nav.open311'), icon: 'globe' },
    { href: '/holidays', label: t(lang, 'wb.nav.holidays'), icon: 'todo' },
    { href: '/audit', label: t(lang, 'wb.nav.audit'), icon: 'disclosure' },
  ];
}

/** The site name shown in the header and after every `<title>`. */
export function siteName(ctx: Pick<PageContext, 'zone' | 'lang'>): string {
  return t(ctx.lang, ctx.zone === 'portal' ? 'site.portal' : 'site.workbench');
}

function isCurrent(path: string, href: string): boolean {
  const p = path.split(/[?#]/)[0] ?? '';
  if (href === '/') return p === '/';
  return p === href || p.startsWith(href + '/');
}

function prefsHref(kind: 'lang' | 'elder', set: string, path: string): string {
  return `/prefs/${kind}?set=${set}&next=${encodeURIComponent(path)}`;
}

function Brand({ ctx }: { ctx: PageContext }) {
  return (
    <a class="brand" href="/">
      <Emblem />
      {ctx.zone === 'portal' ? (
        <span class="brand-name keep-words">{t(ctx.lang, 'site.portal')}</span>
      ) : (
        <span class="brand-name">
          <span class="brand-org">{t(ctx.lang, 'site.org')}</span>
          {t(ctx.lang, 'site.workbench')}
        </span>
      )}
    </a>
  );
}

/** "Signed in as 张三" for screen readers, the name marked in its own language. */
function SignedInAs({ lang, name }: { lang: Lang; name: string }) {
  const [before = '', after = ''] = t(lang, 'auth.signedInAs', { name: '\u0000' }).split('\u0000');
  return (
    <span class="visually-hidden">
      {before}
      <AsWritten lang={lang} text={name} />
      {after}
    </span>
  );
}

function UserArea({ ctx }: { ctx: PageContext }) {
  const { lang, user } = ctx;
  const staff = ctx.zone === 'workbench';
  if (!user) {
    // One list item for both links, so on a narrow screen they wrap together and 注册 never sits alone.
    return (
      <li class="auth-links">
        <a class="tool" href={staff ? '/staff/login' : '/login'}>
          <Icon name="login" />
          <span>{t(lang, 'auth.login')}</span>
        </a>
        {staff ? null : (
          <a class="tool" href="/register">
            <span>{t(lang, 'auth.register')}</span>
          </a>
        )}
      </li>
    );
  }
  return (
    <li class="user-area">
      <span class="user-name">
        <Icon name="user" />
        <SignedInAs lang={lang} name={user.displayName} />
        <span aria-hidden="true">
          <AsWritten lang={lang} text={user.displayName} />
        </span>
      </span>
      {/* POST, not a link: logging out changes state and must carry the CSRF token. */}
      <form class="logout-form" method="post" action={staff ? '/staff/logout' : '/logout'}>
        <CsrfField token={ctx.csrfToken ?? ''} />
        <button type="submit" class="tool">
          <Icon name="logout" />
          <span>{t(lang, 'auth.logout')}</span>
        </button>
      </form>
    </li>
  );
}

function Header({ ctx, nav }: { ctx: PageContext; nav: NavItem[] }) {
  const { lang, elder, path } = ctx;
  const switchTo = otherLang(lang);
  return (
    <header class="site-header">
      {/* Inside the banner landmark so no content sits outside a landmark; first, so it is read first. */}
      {ctx.demo ? (
        <div class="dev-notice" role="note">
          <p class="container">{t(lang, 'demo.banner')}</p>
        </div>
      ) : null}
      <div class="container header-bar">
        <Brand ctx={ctx} />
        <ul class="header-tools" aria-label={t(lang, 'header.tools')}>
          <li>
            <a class="tool" href={prefsHref('lang', switchTo, path)} hreflang={htmlLang(switchTo)}>
              <Icon name="globe" />
              <span lang={htmlLang(switchTo)}>{t(lang, 'lang.switch')}</span>
            </a>
          </li>
          <li>
            <a class="tool tool-elder" href={prefsHref('elder', elder ? '0' : '1', path)}>
              <Icon name="textSize" />
              <span>{t(lang, elder ? 'elder.off' : 'elder.on')}</span>
            </a>
          </li>
          {/* Shown by enhance.js only where speechSynthesis exists and the page has readable text. */}
          <li class="voice-item" hidden>
            <button
              type="button"
              class="tool"
              data-voice-toggle=""
              data-label-start={t(lang, 'voice.start')}
              data-label-stop={t(lang, 'voice.stop')}
            >
              <Icon name="speaker" />
              <span class="voice-label">{t(lang, 'voice.start')}</span>
            </button>
          </li>
          <UserArea ctx={ctx} />
        </ul>
      </div>
      {nav.length > 0 ? (
        <nav class="site-nav" aria-label={t(lang, ctx.zone === 'portal' ? 'nav.main' : 'wb.nav')}>
          <ul class="container">
            {nav.map((item) => {
              const current = item.current ?? isCurrent(path, item.href);
              return (
                <li>
                  <a href={item.href} aria-current={current ? 'page' : undefined}>
                    {item.icon ? <Icon name={item.icon} /> : null}
                    <span>{item.label}</span>
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

const yearFormat = new Intl.DateTimeFormat('en', { timeZone: TIME_ZONE, year: 'numeric' });

/** Help stays in the same order on every page of a zone, error pages included (WCAG 3.2.6). */
function Footer({ ctx }: { ctx: PageContext }) {
  const { lang } = ctx;
  const portal = ctx.zone === 'portal';
  return (
    <footer class="site-footer">
      <div class="container">
        <section class="footer-help" aria-labelledby="footer-help-title">
          <h2 id="footer-help-title">{t(lang, 'footer.help')}</h2>
          <ul class="help-list">
            <li>
              <Icon name="phone" />
              <span>
                {t(lang, portal ? 'footer.hotline' : 'footer.support')}{' '}
                <strong class="nowrap">{t(lang, 'footer.hotlineNumber')}</strong>{' '}
                <span class="demo-mark">{t(lang, 'footer.demoNumber')}</span>
              </span>
            </li>
            {portal ? (
              <>
                <li>
                  <Icon name="chat" />
                  <a href="/interaction">{t(lang, 'footer.consult')}</a>
                </li>
                <li>
                  <Icon name="help" />
                  <a href="/services">{t(lang, 'footer.faq')}</a>
                </li>
              </>
            ) : null}
          </ul>
        </section>
        {portal ? (
          <p class="emergency">
            <Icon name="alert" />
            <strong>{t(lang, 'footer.emergency')}</strong>
          </p>
        ) : null}
        {portal ? <PortalSiteInfo ctx={ctx} /> : null}
        <p class="copyright">{t(lang, 'footer.copyright', { year: yearFormat.format(new Date()) })}</p>
      </div>
    </footer>
  );
}

/**
 * The full page shell for both zones. Everything works without JavaScript;
 * enhance.js only adds focus management and voice reading.
 */
/**
 * The idle-timeout warning (WCAG 2.2.1): hidden until enhance.js shows it two minutes before the session ends,
 * with a button that keeps the session alive. Without JavaScript the session still ends on the server, and the
 * login page says why.
 */
function SessionTimeout({ ctx }: { ctx: PageContext }) {
  if (!ctx.user || ctx.sessionRemainingMs === undefined) return null;
  const { lang } = ctx;
  const [before, after] = t(lang, 'session.warning').split('{time}');
  return (
    <div
      class="session-timeout"
      hidden
      data-session-remaining={String(ctx.sessionRemainingMs)}
      data-session-csrf={ctx.csrfToken ?? ''}
      data-session-login={ctx.zone === 'portal' ? '/login' : '/staff/login'}
    >
      <p data-session-warning="">
        {before}
        <strong data-session-countdown="">2:00</strong>
        {after}
      </p>
      <p data-session-ended="" hidden>
        {t(lang, 'session.ended')}
      </p>
      <button type="button" class="button button--secondary" data-session-continue="">
        {t(lang, 'session.continue')}
      </button>
      <a class="button button--secondary" data-session-relogin="" hidden href="/">
        {t(lang, 'session.loginAgain')}
      </a>
    </div>
  );
}

export function Layout({ ctx, title, children, nav, hasErrors = false, enhance = true }: LayoutProps) {
  const { lang } = ctx;
  const items = nav ?? ctx.nav ?? (ctx.zone === 'portal' ? portalNav(lang) : []);
  const bodyClass = `zone-${ctx.zone}${ctx.elder ? ' elder' : ''}`;
  const fullTitle = `${hasErrors ? t(lang, 'error.titlePrefix') : ''}${title} - ${siteName(ctx)}`;
  return (
    <html lang={htmlLang(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="theme-color" content={ctx.zone === 'portal' ? '#0b3d91' : '#0a1f44'} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/openpsb.css" />
        {enhance ? <script src="/static/enhance.js" defer></script> : null}
      </head>
      <body class={bodyClass}>
        <LangContext.Provider value={lang}>
          <a class="skip-link" href="#main">
            {t(lang, 'skip.main')}
          </a>
          <Header ctx={ctx} nav={items} />
          <main id="main" class="container main">
            <SessionTimeout ctx={ctx} />
            {children}
          </main>
          <Footer ctx={ctx} />
        </LangContext.Provider>
      </body>
    </html>
  );
}
