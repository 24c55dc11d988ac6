import { count, eq } from 'drizzle-orm';
import { contentPublished } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { checkPublication } from '../../shared/content/publication-check.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { recordAudit } from '../audit/audit.ts';
import { MUSEUM_COLUMN } from '../../shared/museum/museum.halls.ts';
import { CITY_CODE } from '../org/demo-city.ts';
import { contentArticles, contentVersions } from './content.tables.ts';
import { museumDemo } from './museum.demo.ts';
import { newVersionWorkflow, streamOf } from './content.workflow.ts';

// A handful of fictional articles per column for the demo city, published to the portal through the exchange
// on the first start like any later publication. Each passes the publication check (asserted below, so a
// careless edit of the demo text fails the seed rather than publishing a hit).

export const CONTENT_IMPORT_ACTOR = 'content-import';

export interface DemoArticle {
  column: string;
  title: string;
  summary: string;
  body: string;
  fields?: Record<string, string>;
  /** The English version, where the demo has one; the others show the portal's "Chinese only" notice. */
  en?: { title: string; summary: string; body: string };
  daysAgo: number;
}

export const newsArticles: readonly DemoArticle[] = [
  {
    column: 'police-news',
    title: '示范市公安局“网上公安局”上线试运行',
    summary: '户政、出入境、交管、治安等六项业务可全程网上办理。',
    body: '## 上线内容\n示范市公安局网上公安局今日起试运行，首批六项业务可全程网上办理。\n\n- 无犯罪记录证明\n- 户口迁移预约\n- 公章刻制备案\n\n办事指南见[网上办事](/services)。',
    en: {
      title: 'The Demo City online police bureau opens for a trial run',
      summary: 'Six household, exit-entry, traffic and public-order services can be done entirely online.',
      body: '## What opens\nFrom today the Demo City Public Security Bureau runs its online bureau on trial; the first six services can be done entirely online.\n\n- Certificate of no criminal record\n- Appointments for moving a household registration\n- Filing of an official seal\n\nThe guides are under [Online services](/services).',
    },
    daysAgo: 2,
  },
  {
    column: 'police-news',
    title: '明湖分局开展“平安社区”警务宣传周活动',
    summary: '社区民警走进二十个小区宣传防诈骗知识。',
    body: '明湖分局组织社区民警走进辖区二十个小区，向居民讲解防范电信网络诈骗知识，发放宣传资料三千余份。',
    daysAgo: 6,
  },
  {
    column: 'notices',
    title: '关于元旦假期出入境办证大厅办公时间的通知',
    summary: '元旦假期期间出入境办证大厅暂停对外办公。',
    body: '## 办公安排\n| 日期 | 安排 |\n| --- | --- |\n| 1月1日 | 暂停办公 |\n| 1月2日 | 正常办公 |\n\n急需办证的，可拨打出入境大厅咨询电话0000-61010002。',
    daysAgo: 3,
  },
  {
    column: 'notices',
    title: '居民身份证自助受理设备启用公告',
    summary: '各派出所户籍窗口启用自助受理设备。',
    body: '自下月起，各派出所户籍窗口启用居民身份证自助受理设备，群众可自助拍照、录入指纹。',
    daysAgo: 12,
  },
  {
    column: 'safety-warnings',
    title: '警惕“冒充客服退款”诈骗',
    summary: '凡是自称客服要求转账退款的，都是诈骗。',
    body: '## 常见手法\n骗子冒充电商客服，以商品质量问题为由，诱导受害人下载陌生软件、开启屏幕共享。\n\n## 防范要点\n- 不点击陌生链接\n- 不开启屏幕共享\n- 退款只通过官方平台\n\n如遇可疑情况，请拨打96110咨询。',
    fields: { expiresOn: '2099-12-31' },
    en: {
      title: 'Beware of fraudsters posing as customer service offering refunds',
      summary:
        'Anyone calling as customer service and asking you to transfer money for a refund is a fraudster.',
      body: "## How it works\nFraudsters pose as an online shop's customer service, claim a product is faulty, and talk the victim into installing an unknown app and sharing the screen.\n\n## Protect yourself\n- Do not open links from strangers\n- Do not share your screen\n- Take refunds only through the official platform\n\nIf something seems wrong, call 96110 for advice.",
    },
    daysAgo: 1,
  },
  {
    column: 'safety-warnings',
    title: '冬季电动自行车充电安全提示',
    summary: '不要在楼道、室内为电动自行车充电。',
    body: '冬季是火灾多发期。请不要在楼道、楼梯间或室内为电动自行车充电，充电时间不宜过长。',
    fields: { expiresOn: '2099-03-31' },
    daysAgo: 5,
  },
  {
    column: 'wanted',
    title: '示范市公安局关于征集一起入室盗窃案线索的通告',
    summary: '征集中心区某小区入室盗窃案线索。',
    body: '近日，中心区某小区发生一起入室盗窃案。请知情群众积极提供线索，对提供重要线索者给予奖励，并为举报人保密。\n\n举报电话：示范市公安局刑侦支队值班室0000-61010110。',
    fields: { expiresOn: '2099-06-30', reward: '人民币一万元' },
    daysAgo: 4,
  },
  {
    column: 'missing-persons',
    title: '协查走失老人线索',
    summary: '一名七十岁老人在明湖公园附近走失。',
    body: '走失人员李某，女，七十岁，身穿灰色外套，于明湖公园附近走失。如有线索请联系明湖派出所值班室0000-61010120。',
    fields: { expiresOn: '2099-01-31' },
    daysAgo: 1,
  },
  {
    column: 'laws',
    title: '中华人民共和国居民身份证法',
    summary: '规定居民身份证的申领、发放、使用和查验。',
    body: '## 第一章 总则\n第一条 为了证明居住在中华人民共和国境内的公民的身份，保障公民的合法权益，便于公民进行社会活动，维护社会秩序，制定本法。',
    fields: { documentNumber: '主席令第四号', effectiveOn: '2004-01-01' },
    en: {
      title: "Law of the People's Republic of China on Resident Identity Cards",
      summary: 'How resident identity cards are applied for, issued, used and checked.',
      body: "## Chapter I General Provisions\nArticle 1 This Law is enacted to prove the identity of citizens residing within the territory of the People's Republic of China, protect their lawful rights and interests, make their social activities easier and maintain public order.",
    },
    daysAgo: 30,
  },
  {
    column: 'laws',
    title: '示范市公安局行政许可办理规定（示范）',
    summary: '本局行政许可的受理、审查和决定程序。',
    body: '第一条 为规范本局行政许可工作，根据《中华人民共和国行政许可法》，制定本规定。',
    fields: { documentNumber: '示公规〔2026〕1号', effectiveOn: '2026-01-01' },
    en: {
      title: 'Provisions of the Demo City Public Security Bureau on Handling Administrative Licences (demo)',
      summary: 'How the bureau accepts, examines and decides on applications for administrative licences.',
      body: "Article 1 These Provisions are made under the Administrative Licensing Law of the People's Republic of China to regulate the bureau's administrative licensing.",
    },
    daysAgo: 40,
  },
  {
    column: 'organisation',
    title: '示范市公安局机构设置',
    summary: '本局内设机构、分局和派出所。',
    body: '## 内设机构\n- 治安管理支队\n- 出入境管理支队\n- 交通警察支队\n\n## 分局\n示范市公安局下设中心区分局、明湖分局等分局，分局下设派出所和社区警务室。',
    daysAgo: 60,
  },
  {
    column: 'procedures',
    title: '行政许可办理流程',
    summary: '申请、受理、审查、决定、送达五个环节。',
    body: '1. 申请：网上或窗口提交申请材料。\n2. 受理：五个工作日内作出是否受理的决定。\n3. 审查：审核申请材料。\n4. 决定：在法定期限内作出许可决定。\n5. 送达：邮寄或窗口领取。',
    daysAgo: 50,
  },
  {
    column: 'approval-results',
    title: '公章刻制备案办理结果公示（第一期）',
    summary: '本期公章刻制备案的事项、决定和日期。',
    body: '| 单位名称 | 事项 | 决定 | 日期 |\n| --- | --- | --- | --- |\n| 示范市星河科技有限公司 | 公章刻制备案 | 准予备案 | 2026-11-20 |\n| 示范市明湖餐饮管理有限公司 | 公章刻制备案 | 准予备案 | 2026-11-21 |',
    daysAgo: 7,
  },
  {
    column: 'statistics',
    title: '2026年第三季度网上办事统计',
    summary: '网上办件量、按期办结率和满意度。',
    body: '| 指标 | 数值 |\n| --- | --- |\n| 网上办件量 | 12,480 件 |\n| 按期办结率 | 99.2% |\n| 满意率 | 98.6% |',
    fields: { period: '2026年7月至9月' },
    daysAgo: 20,
  },
];

const demo: readonly DemoArticle[] = [...newsArticles, ...museumDemo];

/**
 * Publishes the demo articles once: an installation that already has articles is left alone, except that one
 * without museum exhibits (installed before the museum existed) is given the demo exhibits, once.
 */
export async function seedContent(
  services: ZoneServices,
  articles: readonly DemoArticle[] = demo,
): Promise<number> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(contentArticles);
    const [exhibits] = await tx
      .select({ n: count() })
      .from(contentArticles)
      .where(eq(contentArticles.column, MUSEUM_COLUMN));
    const missing =
      (existing?.n ?? 0) === 0
        ? articles
        : (exhibits?.n ?? 0) === 0
          ? articles.filter((a) => a.column === MUSEUM_COLUMN)
          : [];
    if (missing.length === 0) return 0;
    for (const a of missing) {
      const english: Record<string, string> = a.en
        ? { titleEn: a.en.title, summaryEn: a.en.summary, bodyEn: a.en.body }
        : {};
      const parts = { title: a.title, summary: a.summary, body: a.body, ...english, ...(a.fields ?? {}) };
      const hits = checkPublication(parts, now.toISOString().slice(0, 10));
      if (hits.length > 0) throw new Error(`demo article "${a.title}" fails the publication check`);
      const at = new Date(now.getTime() - a.daysAgo * 86_400_000);
      const [row] = await tx
        .insert(contentArticles)
        .values({
          column: a.column,
          unitCode: CITY_CODE,
          title: a.title,
          currentVersion: 1,
          publishedVersion: 1,
          status: 'published',
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: contentArticles.id });
      if (!row) throw new Error('demo article not created');
      const fields = a.fields ?? {};
      await tx.insert(contentVersions).values({
        articleId: row.id,
        version: 1,
        title: a.title,
        summary: a.summary,
        body: a.body,
        ...english,
        fields,
        state: 'published',
        ...newVersionWorkflow(),
        authorBadge: CONTENT_IMPORT_ACTOR,
        editors: [],
        submittedBy: CONTENT_IMPORT_ACTOR,
        reviewerBadge: CONTENT_IMPORT_ACTOR,
        publishAt: at,
        publishedAt: at,
        createdAt: at,
        updatedAt: at,
      });
      await send(
        tx,
        contentPublished,
        {
          id: row.id,
          version: 1,
          column: a.column,
          title: a.title,
          summary: a.summary,
          body: a.body,
          fields,
          english: a.en ?? null,
          unitName: '示范市公安局',
          publishedAt: at.toISOString(),
          expiresOn: fields.expiresOn ?? null,
          overrides: [],
        },
        { stream: streamOf(row.id) },
      );
    }
    await recordAudit(tx, {
      actor: CONTENT_IMPORT_ACTOR,
      actorUnit: null,
      action: 'content.create',
      target: 'content',
      sourceIp: null,
      detail: { demo: missing.length },
      at: now,
    });
    return missing.length;
  });
}
