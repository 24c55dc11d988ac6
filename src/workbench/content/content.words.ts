import type { Lang } from '../../shared/i18n/index.ts';
import type { TagTone } from '../../shared/ui/components.tsx';
import type { ArticleState } from './content.tables.ts';

export const langText = (lang: Lang, zh: string, en: string): string => (lang === 'en' ? en : zh);

export const articleStateLabel: Record<ArticleState, { zh: string; en: string; tone: TagTone }> = {
  draft: { zh: '草稿', en: 'Draft', tone: 'grey' },
  'in-review': { zh: '待审核', en: 'In review', tone: 'amber' },
  returned: { zh: '已退回', en: 'Returned', tone: 'red' },
  scheduled: { zh: '定时发布', en: 'Scheduled', tone: 'blue' },
  published: { zh: '已发布', en: 'Published', tone: 'green' },
  superseded: { zh: '已被替代', en: 'Superseded', tone: 'blue' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn', tone: 'red' },
};
