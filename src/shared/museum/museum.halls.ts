// The online police museum (网上警史馆): its halls, as data. An exhibit is an article of the `museum-exhibits`
// column whose `hall` field names one of these; both zones read the list, the workbench to offer the halls and
// check the field, the portal to lay out /museum.

export interface Hall {
  slug: string;
  name: { zh: string; en: string };
  /** The years the hall covers, as shown beside its name. */
  years: { zh: string; en: string };
  intro: { zh: string; en: string };
}

export const halls: readonly Hall[] = [
  {
    slug: 'founding',
    name: { zh: '建警历程馆', en: 'Founding Hall' },
    years: { zh: '1949—1977年', en: '1949–1977' },
    intro: {
      zh: '从接管旧警察局到建起第一批派出所，示范市人民公安在城市新生中起步。',
      en: 'From taking over the old police bureau to opening the first police stations: the city’s people’s police begins.',
    },
  },
  {
    slug: 'reform',
    name: { zh: '改革发展馆', en: 'Reform Hall' },
    years: { zh: '1978—1999年', en: '1978–1999' },
    intro: {
      zh: '户籍、交通、出入境管理随城市开放而改革，110报警服务台开通。',
      en: 'Household, traffic and exit-entry administration change as the city opens up, and the 110 service desk starts.',
    },
  },
  {
    slug: 'technology',
    name: { zh: '科技强警馆', en: 'Technology Hall' },
    years: { zh: '2000年至今', en: '2000 to today' },
    intro: {
      zh: '从第一台户籍电脑到网上公安局，看科技如何改变为民服务。',
      en: 'From the first household-register computer to the online bureau: how technology changed service to the public.',
    },
  },
  {
    slug: 'service',
    name: { zh: '警民情深馆', en: 'Police and Community Hall' },
    years: { zh: '历年', en: 'Through the years' },
    intro: {
      zh: '社区民警、志愿者和群众一起守护平安的故事。',
      en: 'Stories of community officers, volunteers and residents keeping the city safe together.',
    },
  },
];

export const MUSEUM_COLUMN = 'museum-exhibits';

const bySlug = new Map(halls.map((h) => [h.slug, h]));

export function findHall(slug: string): Hall | undefined {
  return bySlug.get(slug);
}

/** The catalogue-free booking service of a museum visit (shared/appointments/booking-services.ts). */
export const MUSEUM_VISIT_SERVICE = 'police-museum-visit-booking';
