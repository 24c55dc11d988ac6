import { t } from '../i18n/index.ts';
import type { PageContext } from './context.ts';

// The portal footer's site information, laid out as Chinese government sites do: links to the site's own
// notices, then the sponsor and operator, the site identification code and the filing numbers. Every value
// here is a demo value of the fictional 示范市, marked as such.

// The filing numbers are Chinese identifiers, the same on English pages (marked Chinese there for screen
// readers, with a label saying what they are); a Chinese reader knows them without one.
const ICP_NUMBER = '示ICP备00000000号-1';
const PSB_FILING_NUMBER = '示公网安备00000000000001号';

const footerLinks = [
  { href: '/sitemap', key: 'footer.sitemap' },
  { href: '/transparency', key: 'footer.transparency' },
  { href: '/directory', key: 'footer.directory' },
  { href: '/privacy', key: 'footer.privacy' },
  { href: '/terms', key: 'footer.terms' },
  { href: '/accessibility', key: 'footer.accessibility' },
] as const;

export function PortalSiteInfo({ ctx }: { ctx: PageContext }) {
  const { lang } = ctx;
  return (
    <>
      <nav class="footer-links" aria-label={t(lang, 'footer.aboutSite')}>
        <ul>
          {footerLinks.map((link) => (
            <li>
              <a href={link.href}>{t(lang, link.key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="site-info">
        <p>
          <span>{t(lang, 'footer.sponsor')}</span> <span>{t(lang, 'footer.operator')}</span>
        </p>
        <p>
          <span>{t(lang, 'footer.contact')}</span>
        </p>
        <p>
          <span>{t(lang, 'footer.siteCode')}</span>{' '}
          <span>
            {lang === 'en' ? `${t(lang, 'footer.icpLabel')}: ` : null}
            <span lang="zh-CN">{ICP_NUMBER}</span>
          </span>{' '}
          <span>
            {lang === 'en' ? `${t(lang, 'footer.psbFilingLabel')}: ` : null}
            <span lang="zh-CN">{PSB_FILING_NUMBER}</span>
          </span>{' '}
          <span class="demo-mark">{t(lang, 'footer.demoValues')}</span>
        </p>
      </div>
    </>
  );
}
