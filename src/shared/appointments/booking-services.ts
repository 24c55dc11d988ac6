// The catalogue items that take bookings for a time slot, and what each asks of the person booking. Both zones
// read this: the portal to ask and check, the workbench to let an office publish slots and to show the answers.

export type BookingDetail = 'detaineeName' | 'relationship' | 'licenceNumber' | 'visitors';

export interface BookingService {
  /** The catalogue item's id (its guide's slug). */
  itemId: string;
  name: { zh: string; en: string };
  /** Asked on the booking page, all required. */
  details: readonly BookingDetail[];
  /** Booked from an approved pre-application's case page, for that case (its number carried along). */
  forCase?: boolean;
  /**
   * A venue with opening days of its own (the police museum opens at weekends and closes on Mondays): its
   * weekly pattern is set for these ISO weekdays (1 Monday … 7 Sunday) and its slots open on them, holidays
   * included. Without it a service opens on working days only, Monday to Friday.
   */
  openingDays?: readonly number[];
  /** Where the service is described when it is not a catalogue item with a guide of its own. */
  describedAt?: string;
}

/** The page a booking page leads back to: the service's guide, or the page that describes it. */
export function guideOf(service: BookingService): string {
  return service.describedAt ?? `/services/items/${service.itemId}`;
}

/** The weekdays a service's weekly pattern may be set for. */
export function patternDays(service: BookingService): readonly number[] {
  return service.openingDays ?? [1, 2, 3, 4, 5];
}

export const bookingServices: readonly BookingService[] = [
  {
    itemId: 'detainee-family-visit-booking',
    name: { zh: '被拘留人家属会见预约', en: 'Family visit to a detainee' },
    details: ['detaineeName', 'relationship'],
  },
  {
    itemId: 'lawyer-meeting-booking',
    name: { zh: '律师会见预约', en: 'Lawyer meeting' },
    details: ['detaineeName', 'licenceNumber'],
  },
  {
    itemId: 'detention-open-day-booking',
    name: { zh: '监所开放日参观预约', en: 'Detention centre open day' },
    details: ['visitors'],
  },
  {
    itemId: 'fire-education-visit-booking',
    name: { zh: '消防科普教育馆参观预约', en: 'Fire-science museum visit' },
    details: ['visitors'],
  },
  // The online police museum's building (portal /museum): one session a day whose places are the day's quota.
  {
    itemId: 'police-museum-visit-booking',
    name: { zh: '警史馆参观预约', en: 'Police museum visit' },
    details: ['visitors'],
    openingDays: [2, 3, 4, 5, 6, 7],
    describedAt: '/museum',
  },
  // 先批后办: a pre-application approved online ends in one visit to a hall with the originals; the visit is
  // booked from the case, which the window then pulls up by the booking code.
  {
    itemId: 'pre-approved-collection-booking',
    name: { zh: '预审通过来窗领取预约', en: 'Visit to collect a pre-approved result' },
    details: [],
    forCase: true,
  },
];

export function bookingService(itemId: string): BookingService | undefined {
  return bookingServices.find((s) => s.itemId === itemId);
}

export const detailLabels: Record<BookingDetail, { zh: string; en: string }> = {
  detaineeName: { zh: '被拘留人（在押人员）姓名', en: 'Name of the person held' },
  relationship: { zh: '与被拘留人的关系', en: 'Relationship to the person held' },
  licenceNumber: { zh: '律师执业证号', en: 'Lawyer’s licence number' },
  visitors: { zh: '参观人数', en: 'Number of visitors' },
};

/** The relationships that may visit a detainee (近亲属 and guardians, 《拘留所条例》). */
export const relationships = [
  '配偶',
  '父母',
  '子女',
  '兄弟姐妹',
  '祖父母、外祖父母',
  '孙子女、外孙子女',
  '监护人',
] as const;

export const relationshipEn: Record<(typeof relationships)[number], string> = {
  配偶: 'Spouse',
  父母: 'Parent',
  子女: 'Child',
  兄弟姐妹: 'Sibling',
  '祖父母、外祖父母': 'Grandparent',
  '孙子女、外孙子女': 'Grandchild',
  监护人: 'Guardian',
};

/** A lawyer's practising licence number (执业证号): 17 digits. */
export const LICENCE_NUMBER = /^\d{17}$/;

/** A slot's key, the same on both sides of the boundary: office, service, Beijing date and start time. */
export function slotKey(unitCode: string, itemId: string, date: string, start: string): string {
  return `${unitCode}/${itemId}/${date}/${start}`;
}

/** The instant a slot starts, from its Beijing date and HH:MM time (China keeps UTC+8 all year). */
export function slotStartsAt(date: string, start: string): Date {
  return new Date(`${date}T${start}:00+08:00`);
}

/** An answer as a page shows it: a relationship in the page's language, anything else as typed. */
export function detailValue(detail: string, value: string, lang: 'zh' | 'en'): string {
  if (lang === 'en' && detail === 'relationship' && Object.hasOwn(relationshipEn, value))
    return relationshipEn[value as keyof typeof relationshipEn];
  return value;
}
