import { areaLabel, lifeEventLabel } from '../../shared/catalog/index.ts';
import { formatDate, t } from '../../shared/i18n/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { WithdrawnItem } from './catalog.service.ts';

/**
 * The page at a withdrawn guide's address (410): people arrive from bookmarks, old links and printed leaflets,
 * so it says the service is no longer offered here and where to look instead. The withdrawal message carries
 * no reason, so the page does not invent one.
 */
export function withdrawnPage(ctx: PageContext, item: WithdrawnItem): string {
  const { lang } = ctx;
  const title = inLang(ctx, '该服务已不再提供', 'This service is no longer offered');
  const search = `/services/search?q=${encodeURIComponent(item.name.zh)}`;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">
        {inLang(
          ctx,
          `“${item.name.zh}”已于 ${formatDate(lang, item.withdrawnAt)} 停止在本网站办理，办事指南不再有效。`,
          `“${item.name.en}” has not been offered on this site since ${formatDate(lang, item.withdrawnAt)}; its guide no longer applies.`,
        )}
      </p>
      <p>
        {inLang(
          ctx,
          '事项可能已合并到其他事项、调整了办理单位，或依法取消。您可以：',
          'It may have been merged into another service, moved to another office, or abolished. You could:',
        )}
      </p>
      <ul>
        <li>
          <a href={search}>{inLang(ctx, '搜索相近的办事事项', 'search for a similar service')}</a>
        </li>
        <li>
          <a href={`/services/areas/${item.area}`}>
            {inLang(
              ctx,
              `查看“${areaLabel[item.area].zh}”类的全部事项`,
              `see every ${areaLabel[item.area].en} service`,
            )}
          </a>
        </li>
        {item.lifeEvents.map((event) => (
          <li>
            <a href={`/services/life-events/${event}`}>
              {inLang(
                ctx,
                `查看“${lifeEventLabel[event].zh}”场景`,
                `see the services for ${lifeEventLabel[event].en}`,
              )}
            </a>
          </li>
        ))}
        <li>
          {t(lang, 'footer.hotline')} <strong class="nowrap">{t(lang, 'footer.hotlineNumber')}</strong>{' '}
          <span class="demo-mark">{t(lang, 'footer.demoNumber')}</span>
        </li>
      </ul>
    </Layout>,
  );
}
