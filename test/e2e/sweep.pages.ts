import type { SweptPage } from './sweep.support.ts';

// The pages the sweeps open: addresses, or the page whose first matching link leads to one (no record ids).

export const publicPages: SweptPage[] = [
  { name: 'home', path: '/' },
  { name: 'sitemap', path: '/sitemap' },
  { name: 'privacy', path: '/privacy' },
  { name: 'terms', path: '/terms' },
  { name: 'accessibility', path: '/accessibility' },
  { name: 'services', path: '/services' },
  { name: 'services-area', path: '/services', link: /^\/services\/areas\// },
  { name: 'life-event', path: '/services', link: /^\/services\/life-events\// },
  { name: 'services-search', path: '/services/search?q=%E6%90%AC%E5%AE%B6' },
  { name: 'guide-passport', path: '/services/items/passport-first-issue' },
  { name: 'guide-residence', path: '/services/items/residence-permit' },
  { name: 'news', path: '/news' },
  { name: 'news-column', path: '/news', link: /^\/news\/[^/]+$/ },
  { name: 'article', path: '/news', link: /^\/articles\// },
  { name: 'disclosure', path: '/disclosure' },
  { name: 'disclosure-column', path: '/disclosure', link: /^\/disclosure\/(?!approval-results)[^/]+$/ },
  { name: 'approval-results', path: '/disclosure/approval-results' },
  { name: 'site-search', path: '/search?q=%E6%8A%A4%E7%85%A7' },
  { name: 'directory', path: '/directory' },
  { name: 'directory-nearest', path: '/directory/nearest?q=%E4%B8%AD%E5%B1%B1%E8%B7%AF' },
  { name: 'directory-unit', path: '/directory', link: /^\/directory\/SF-/ },
  { name: 'login', path: '/login' },
  { name: 'register', path: '/register' },
  { name: 'reset-password', path: '/reset-password' },
  { name: 'interaction', path: '/interaction' },
  { name: 'tip', path: '/interaction/tip' },
  { name: 'follow-up', path: '/interaction/follow-up' },
  { name: 'answers', path: '/interaction/answers' },
  { name: 'qa', path: '/qa' },
  { name: 'qa-item', path: '/qa', link: /^\/qa\/[^/]+$/ },
  { name: 'questionnaires', path: '/interaction/questionnaires' },
  {
    name: 'questionnaire',
    path: '/interaction/questionnaires',
    link: /^\/interaction\/questionnaires\/[^/]+$/,
  },
  { name: 'transparency', path: '/transparency' },
];

export const citizenPages: SweptPage[] = [
  { name: 'account', path: '/account' },
  { name: 'profile', path: '/account/profile' },
  { name: 'my-cases', path: '/my/cases' },
  { name: 'my-messages', path: '/my/messages' },
  { name: 'my-appointments', path: '/my/appointments' },
  { name: 'my-letters', path: '/my/letters' },
  { name: 'my-payments', path: '/my/payments' },
  { name: 'my-payment', path: '/my/payments', link: /^\/my\/payments\/[^/]+$/ },
  { name: 'my-traffic', path: '/my/traffic' },
  { name: 'write-consultation', path: '/interaction/write/consultation' },
  { name: 'claim-company', path: '/account/companies/new' },
  { name: 'apply-start', path: '/services/passport-first-issue/apply' },
];

/**
 * The demo officers the workbench sweep signs in as, one per role (src/workbench/seed.ts): administrator,
 * window clerk, reviewer and approver of a licence team, city approver, auditor, supervisor, content editor,
 * discipline inspector, finance officer, network spokesperson, traffic officer, letter handler, and the
 * supervisor of a booking office.
 */
export const SWEPT_OFFICERS = [
  'admin',
  'SF8201',
  'SF8202',
  'SF8203',
  'SF6001',
  'SF3001',
  'SF4001',
  'SF5101',
  'SF7901',
  'SF8801',
  'SF7801',
  'SF8701',
  'SF7001',
  'SF8504',
] as const;
