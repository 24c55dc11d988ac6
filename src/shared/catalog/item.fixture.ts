import type { ServiceItem } from './item.schema.ts';

// A small item that satisfies the schema and every publication rule, for tests to break one field at a
// time. It is built fresh on each call so that one test's mutation cannot leak into the next.
export function sampleItem(): ServiceItem {
  return {
    id: 'sample-licence',
    version: 1,
    code: { basic: 'SFXK-ZA-999', implementation: 'SFXK-ZA-999-SF-ZA-01' },
    name: { zh: '示例许可', en: 'Sample licence' },
    summary: { zh: '用于测试的示例事项。', en: 'An item used in tests.' },
    area: 'public-order',
    audience: 'company',
    lifeEvents: ['business'],
    itemType: 'licensing',
    legalBasis: [{ title: '《中华人民共和国行政许可法》', article: '第四十二条' }],
    implementingUnit: {
      unitCode: 'SF-ZA',
      name: '示范市公安局治安管理支队',
      nameEn: 'Public Order Division, Shifan City Public Security Bureau',
      level: 'city',
    },
    acceptanceConditions: ['依法设立的单位'],
    acceptanceConditionsEn: ['The organisation is lawfully established'],
    situations: [
      {
        id: 'standard',
        name: '一般情形',
        nameEn: 'Standard case',
        materials: [
          {
            name: '申请书',
            nameEn: 'Application letter',
            type: 'original',
            form: 'paper-or-electronic',
            copies: 0,
            necessity: 'required',
            source: 'online-form',
            policeCanFetch: false,
          },
        ],
      },
    ],
    steps: (
      [
        ['申请', 'Apply'],
        ['受理', 'Acceptance'],
        ['审查', 'Review'],
        ['决定', 'Decision'],
        ['送达', 'Delivery'],
      ] as const
    ).map(([name, nameEn]) => ({
      name,
      nameEn,
      description: `${name}环节`,
      descriptionEn: `The ${nameEn.toLowerCase()} stage`,
    })),
    timeLimits: {
      statutory: { value: 20, unit: 'working-days' },
      promised: { value: 10, unit: 'working-days' },
      immediate: false,
    },
    fees: {
      charged: true,
      items: [{ name: '工本费', nameEn: 'Production fee', amountFen: 1000, basis: '示例收费依据' }],
    },
    onlinePayment: true,
    channels: ['online', 'window'],
    onlineDepth: { levels: ['online-enquiry', 'online-submission'], fullyOnline: false },
    visits: { count: 1, reason: '须交验原件', reasonEn: 'The originals must be shown' },
    instantReview: false,
    booking: false,
    courier: { materials: false, results: true },
    places: [
      {
        name: '示范窗口',
        nameEn: 'Shifan service window',
        address: '示范市中心区示范路1号',
        addressEn: '1 Shifan Road, Central District, Shifan City',
        hours: '周一至周五 9:00–17:00',
        hoursEn: 'Monday to Friday 9:00–17:00',
        phone: '0000-60000000',
      },
    ],
    enquiryPhone: '0000-61030001',
    complaintPhone: '0000-61000001',
    reviewAndLitigation: {
      review: '可依法申请行政复议。',
      reviewEn: 'You may apply for administrative review.',
      litigation: '可依法提起行政诉讼。',
      litigationEn: 'You may bring an administrative lawsuit.',
    },
    result: {
      type: 'licence',
      name: '示例许可证',
      nameEn: 'Sample licence certificate',
      sample: 'samples/sample-licence.pdf',
    },
    faq: [{ q: '要多久？', qEn: 'How long does it take?', a: '10个工作日。', aEn: '10 working days.' }],
    keywords: ['示例'],
  };
}
