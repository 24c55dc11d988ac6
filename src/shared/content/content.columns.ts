// The portal's columns of published content, as data. Each column belongs to one section (信息发布 at /news,
// 警务公开 at /disclosure, the online police museum at /museum), holds one kind of article, and names the extra
// fields that kind carries. Both zones read this list: the workbench to offer the columns and check the fields,
// the portal to route and render them.

import { halls, MUSEUM_COLUMN } from '../museum/museum.halls.ts';

export type Section = 'news' | 'disclosure' | 'museum';

export type ArticleKind =
  | 'news'
  | 'notice'
  | 'warning'
  | 'wanted'
  | 'missing'
  | 'law'
  | 'disclosure'
  | 'approval-results'
  | 'statistics'
  | 'exhibit';

/**
 * An extra field of a kind, stored in the article's `fields`: dates as YYYY-MM-DD, a choice as one of its
 * options' values, an image as a picture on the site (a path, like the body's images).
 */
export interface ColumnField {
  name: string;
  type: 'text' | 'date' | 'choice' | 'image';
  options?: readonly { value: string; label: { zh: string; en: string } }[];
  required: boolean;
  /** Required too when the article has an English version (an English field beside a Chinese one). */
  requiredWithEnglish?: boolean;
  label: { zh: string; en: string };
  maxLength: number;
}

export interface Column {
  slug: string;
  section: Section;
  kind: ArticleKind;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  fields: readonly ColumnField[];
  /**
   * Articles of this column leave the portal on their own at this date (`fields.expiresOn`): a wanted or
   * missing-person notice is not left up after it has lapsed, and a safety warning is current only until then.
   */
  expires: boolean;
}

const expiresOn = (zh: string, en: string, required: boolean): ColumnField => ({
  name: 'expiresOn',
  type: 'date',
  required,
  label: { zh, en },
  maxLength: 10,
});

export const columns: readonly Column[] = [
  {
    slug: 'police-news',
    section: 'news',
    kind: 'news',
    name: { zh: '警方新闻', en: 'Police news' },
    description: { zh: '示范市公安工作动态', en: 'What the bureau is doing' },
    fields: [],
    expires: false,
  },
  {
    slug: 'notices',
    section: 'news',
    kind: 'notice',
    name: { zh: '通知公告', en: 'Notices' },
    description: { zh: '办事须知、业务调整和停办通知', en: 'Service changes and announcements' },
    fields: [],
    expires: false,
  },
  {
    slug: 'safety-warnings',
    section: 'news',
    kind: 'warning',
    name: { zh: '防范提示', en: 'Safety warnings' },
    description: { zh: '防诈骗、防盗窃等安全防范提示', en: 'Advice against fraud, theft and other risks' },
    fields: [expiresOn('提示有效期至', 'Current until', false)],
    expires: true,
  },
  {
    slug: 'wanted',
    section: 'news',
    kind: 'wanted',
    name: { zh: '通缉通告', en: 'Wanted notices' },
    description: { zh: '依法发布的通缉令和悬赏通告', en: 'Wanted notices issued under the law' },
    fields: [
      expiresOn('通告有效期至', 'Valid until', true),
      {
        name: 'reward',
        type: 'text',
        required: false,
        label: { zh: '悬赏金额', en: 'Reward' },
        maxLength: 60,
      },
    ],
    expires: true,
  },
  {
    slug: 'missing-persons',
    section: 'news',
    kind: 'missing',
    name: { zh: '寻人启事', en: 'Missing persons' },
    description: { zh: '协查走失、失踪人员', en: 'Help find people who are missing' },
    fields: [expiresOn('启事有效期至', 'Valid until', true)],
    expires: true,
  },
  {
    slug: 'laws',
    section: 'disclosure',
    kind: 'law',
    name: { zh: '法律法规', en: 'Laws and regulations' },
    description: { zh: '公安工作依据的法律、法规和规范性文件', en: 'The laws and rules police work follows' },
    fields: [
      {
        name: 'documentNumber',
        type: 'text',
        required: false,
        label: { zh: '文号', en: 'Document number' },
        maxLength: 60,
      },
      {
        name: 'effectiveOn',
        type: 'date',
        required: true,
        label: { zh: '施行日期', en: 'In force from' },
        maxLength: 10,
      },
    ],
    expires: false,
  },
  {
    slug: 'organisation',
    section: 'disclosure',
    kind: 'disclosure',
    name: { zh: '机构职能', en: 'Organisation and duties' },
    description: { zh: '机构设置、领导分工和工作职责', en: 'How the bureau is organised and what it does' },
    fields: [],
    expires: false,
  },
  {
    slug: 'procedures',
    section: 'disclosure',
    kind: 'disclosure',
    name: { zh: '办事程序', en: 'Procedures' },
    description: { zh: '执法和办事的程序、时限与监督方式', en: 'Procedures, time limits and oversight' },
    fields: [],
    expires: false,
  },
  {
    slug: 'approval-results',
    section: 'disclosure',
    kind: 'approval-results',
    name: { zh: '审批结果公示', en: 'Approval results' },
    description: {
      zh: '行政许可的事项、决定和日期',
      en: 'Licensing decisions: the item, the decision, the date',
    },
    fields: [],
    expires: false,
  },
  {
    slug: 'statistics',
    section: 'disclosure',
    kind: 'statistics',
    name: { zh: '统计报告', en: 'Statistics reports' },
    description: { zh: '警情、办件和满意度统计', en: 'Figures on incidents, cases and satisfaction' },
    fields: [
      {
        name: 'period',
        type: 'text',
        required: true,
        label: { zh: '统计期间', en: 'Period' },
        maxLength: 40,
      },
    ],
    expires: false,
  },
  {
    slug: MUSEUM_COLUMN,
    section: 'museum',
    kind: 'exhibit',
    name: { zh: '网上警史馆展品', en: 'Police museum exhibits' },
    description: {
      zh: '网上警史馆各展厅的展品：图片、说明和年代',
      en: 'The exhibits of the online police museum’s halls: picture, caption and period',
    },
    fields: [
      {
        name: 'hall',
        type: 'choice',
        options: halls.map((h) => ({ value: h.slug, label: h.name })),
        required: true,
        label: { zh: '展厅', en: 'Hall' },
        maxLength: 40,
      },
      { name: 'period', type: 'text', required: true, label: { zh: '年代', en: 'Period' }, maxLength: 40 },
      {
        name: 'image',
        type: 'image',
        required: true,
        label: { zh: '展品图片地址', en: 'Picture address' },
        maxLength: 200,
      },
      {
        name: 'imageAlt',
        type: 'text',
        required: true,
        label: { zh: '图片替代文字', en: 'Picture alternative text' },
        maxLength: 200,
      },
      {
        name: 'caption',
        type: 'text',
        required: false,
        label: { zh: '图片说明', en: 'Caption' },
        maxLength: 200,
      },
      {
        name: 'periodEn',
        type: 'text',
        required: false,
        requiredWithEnglish: true,
        label: { zh: '年代（英文）', en: 'Period (English)' },
        maxLength: 40,
      },
      {
        name: 'imageAltEn',
        type: 'text',
        required: false,
        requiredWithEnglish: true,
        label: { zh: '图片替代文字（英文）', en: 'Picture alternative text (English)' },
        maxLength: 200,
      },
      {
        name: 'captionEn',
        type: 'text',
        required: false,
        label: { zh: '图片说明（英文）', en: 'Caption (English)' },
        maxLength: 200,
      },
    ],
    expires: false,
  },
];

/** The sections with a front page of columns; the museum has pages of its own (portal/museum). */
export const sections: readonly Section[] = ['news', 'disclosure'];

export const sectionNames: Record<Section, { zh: string; en: string }> = {
  news: { zh: '信息发布', en: 'News & notices' },
  disclosure: { zh: '警务公开', en: 'Police affairs disclosure' },
  museum: { zh: '网上警史馆', en: 'Online police museum' },
};

const bySlug = new Map(columns.map((c) => [c.slug, c]));

export function findColumn(slug: string): Column | undefined {
  return bySlug.get(slug);
}

export function columnsOf(section: Section): Column[] {
  return columns.filter((c) => c.section === section);
}

export const COLUMN_SLUG = '^[a-z]+(?:-[a-z]+)*$';
