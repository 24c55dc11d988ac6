import type { zh } from './messages.zh.ts';

/**
 * English messages. `satisfies` makes tsc fail on a missing or unknown key,
 * so the two files cannot drift apart.
 */
export const en = {
  'site.org': 'Shifan City Public Security Bureau',
  'site.portal': 'Shifan City Public Security Bureau — Online Bureau',
  'site.workbench': 'Officer Workbench',

  'skip.main': 'Skip to main content',
  'lang.switch': '中文',
  'elder.on': 'Elder mode',
  'elder.off': 'Standard mode',
  'voice.start': 'Read this page aloud',
  'voice.stop': 'Stop reading',
  'header.tools': 'Site tools',

  'auth.login': 'Log in',
  'auth.logout': 'Log out',
  'auth.register': 'Register',
  'auth.signedInAs': 'Signed in as {name}',
  'session.timedOut':
    'You were signed out because you were inactive for a while, to keep your information safe. Sign in again to return to the page you were on.',
  'session.warning':
    'You have been inactive for a while and will be signed out in {time}. Save anything unsaved first.',
  'session.continue': 'Stay signed in',
  'session.ended': 'You were signed out because you were inactive for a while.',
  'session.loginAgain': 'Sign in again',

  'nav.main': 'Main navigation',
  'nav.news': 'News & notices',
  'nav.news.desc': 'News, announcements and safety advice',
  'nav.disclosure': 'Police affairs disclosure',
  'nav.disclosure.desc': 'Responsibilities, regulations and published decisions',
  'nav.services': 'Online services',
  'nav.services.desc': 'Service guides, online applications and progress tracking',
  'nav.interaction': 'Police–public interaction',
  'nav.interaction.desc': "Director's mailbox, questions, complaints and reports",

  'wb.nav': 'Workbench navigation',
  'wb.nav.todo': 'To-do',
  'wb.nav.cases': 'Cases',
  'wb.nav.appointments': 'Appointments',
  'wb.nav.letters': 'Letters',
  'wb.nav.ratings': 'Bad reviews',
  'wb.nav.supervision': 'Supervision',
  'wb.nav.content': 'Publishing',
  'wb.nav.staff': 'Staff',
  'wb.nav.org': 'Units',
  'wb.nav.audit': 'Audit log',
  'wb.nav.catalog': 'Service guides',
  'wb.nav.exchange': 'Exchange',

  'demo.banner':
    'Demo site: all data is fictional and SMS codes are public. Do not enter real personal details.',

  'footer.help': 'Get help',
  'footer.hotline': 'Service hotline',
  'footer.hotlineNumber': '0000-96110',
  'footer.demoNumber': 'demo number',
  'footer.consult': 'Online consultation',
  'footer.faq': 'Frequently asked questions',
  'footer.support': 'Technical support hotline',
  'footer.emergency': 'In an emergency, call 110',
  'footer.copyright': '© {year} Shifan City Public Security Bureau (a fictional demo city)',
  'footer.aboutSite': 'About this site',
  'footer.sitemap': 'Site map',
  'footer.privacy': 'Privacy notice',
  'footer.terms': 'Terms of use',
  'footer.accessibility': 'Accessibility statement',
  'footer.sponsor': 'Sponsor: Shifan City Public Security Bureau',
  'footer.operator': 'Operator: Science, Technology and Information Division of the bureau',
  'footer.contact': 'Address: 1 Shifan Avenue, Shifan City, 000000 · Phone: 0000-96110',
  'footer.siteCode': 'Site identification code: 0000000001',
  'footer.icp': 'ICP filing: 示ICP备00000000号-1',
  'footer.psbFiling': 'Public security filing: 示公网安备00000000000001号',
  'footer.demoValues': '(all demo values)',

  'form.optional': '(optional)',
  'form.required': '(required)',
  'form.errorPrefix': 'Error: ',
  'form.continue': 'Continue',
  'form.submit': 'Submit',
  'form.back': 'Back',
  'form.warning': 'Warning',
  'form.choose': 'Select an option',
  'error.summaryTitle': 'There is a problem',
  'error.unlabelledField': 'What was sent',
  'error.titlePrefix': 'Error: ',

  'cya.title': 'Check your answers',
  'cya.change': 'Change',
  'cya.notProvided': 'Not provided',
  'confirm.reference': 'Your reference number',

  'pagination.label': 'Pagination',
  'pagination.prev': 'Previous',
  'pagination.next': 'Next',
  'pagination.page': 'Page {page}',

  'errors.404.title': 'Page not found',
  'errors.404.body':
    'If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address.',
  'errors.403.title': 'You cannot view this page',
  'errors.403.body':
    'If you think you should have access, log in and try again, or contact us through online consultation.',
  'errors.500.title': 'Sorry, there is a problem with the service',
  'errors.500.body':
    'Try again later. If the problem continues, call the service hotline and quote the request ID.',
  'errors.500.reference': 'Request ID: {requestId}',
  'errors.422.title': 'We could not process what you sent',
  'errors.422.body': 'Go back, check your answers and send them again.',
  'errors.429.title': 'Too many requests',
  'errors.429.body': 'Wait a few minutes, then try again. The information you have entered will not be lost.',
  'errors.home': 'Go to the home page',
} satisfies Record<keyof typeof zh, string>;
