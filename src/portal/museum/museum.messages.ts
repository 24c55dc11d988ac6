import { defineMessages } from '../../shared/i18n/index.ts';

export const museumWords = defineMessages({
  title: { zh: '网上警史馆', en: 'Online police museum' },
  intro: {
    zh: '走进示范市人民公安的历史：四个展厅，展出老照片、老物件和它们背后的故事。展品为演示用虚构内容。',
    en: 'The history of the city’s people’s police in four halls of old photographs, objects and the stories behind them. The exhibits are fictional demo content.',
  },
  halls: { zh: '展厅', en: 'Halls' },
  exhibitCount: { zh: '展品 {count} 件', en: '{count} exhibits' },
  noExhibits: { zh: '本展厅暂无展品。', en: 'This hall has no exhibits yet.' },
  visitHeading: { zh: '到馆参观', en: 'Visit in person' },
  visitText: {
    zh: '实体警史馆位于示范市公安局一楼，周二至周日开放（周一闭馆），每日限额接待，免费参观，须提前实名预约。',
    en: 'The museum is on the ground floor of the city police bureau, open Tuesday to Sunday (closed on Mondays), with a daily quota of visitors; entry is free but must be booked in advance in your own name.',
  },
  book: { zh: '预约参观', en: 'Book a visit' },
  backToMuseum: { zh: '网上警史馆', en: 'Online police museum' },
  hall: { zh: '展厅', en: 'Hall' },
  period: { zh: '年代', en: 'Period' },
  chineseOnly: {
    zh: '',
    en: 'This exhibit has no English description. It is shown in Chinese as published; your browser may offer to translate it.',
  },
});
