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
    implementingUnit: { unitCode: 'SF-ZA', name: '示范市公安局治安管理支队', level: 'city' },
    acceptanceConditions: ['依法设立的单位'],
    situations: [
      {
        id: 'standard',
        name: '一般情形',
        materials: [
          {
            name: '申请书',
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
    steps: ['申请', '受理', '审查', '决定', '送达'].map((name) => ({ name, description: `${name}环节` })),
    timeLimits: {
      statutory: { value: 20, unit: 'working-days' },
      promised: { value: 10, unit: 'working-days' },
      immediate: false,
    },
    fees: { charged: true, items: [{ name: '工本费', amountFen: 1000, basis: '示例收费依据' }] },
    onlinePayment: true,
    channels: ['online', 'window'],
    onlineDepth: { levels: ['online-enquiry', 'online-submission'], fullyOnline: false },
    visits: { count: 1, reason: '须交验原件' },
    instantReview: false,
    booking: false,
    courier: { materials: false, results: true },
    places: [
      {
        name: '示范窗口',
        address: '示范市中心区示范路1号',
        hours: '周一至周五 9:00–17:00',
        phone: '0000-60000000',
      },
    ],
    enquiryPhone: '0000-61030001',
    complaintPhone: '0000-61000001',
    reviewAndLitigation: { review: '可依法申请行政复议。', litigation: '可依法提起行政诉讼。' },
    result: { type: 'licence', name: '示例许可证', sample: 'samples/sample-licence.pdf' },
    faq: [{ q: '要多久？', a: '10个工作日。' }],
    keywords: ['示例'],
  };
}
