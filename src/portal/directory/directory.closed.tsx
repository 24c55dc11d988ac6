import { formatDate } from '../../shared/i18n/index.ts';
import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { DirectoryUnit } from './directory.repository.ts';

// The page a withdrawn unit's address answers with (410 Gone): old links, printed leaflets and search engines
// still send people there, so it says the unit is closed, since when, and where to go instead when the
// directory knows, rather than a bare "not found".

const nameOf = (ctx: PageContext, u: Pick<DirectoryUnit, 'name' | 'nameEn'>) =>
  ctx.lang === 'en' && u.nameEn ? u.nameEn : u.name;

export function directoryClosedPage(p: {
  ctx: PageContext;
  unit: DirectoryUnit;
  successor: DirectoryUnit | undefined;
}): string {
  const { ctx, unit, successor } = p;
  const name = nameOf(ctx, unit);
  const title = inLang(ctx, `${name}已撤销`, `${name} has closed`);
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {inLang(ctx, '该机构已于', 'This unit closed, or stopped receiving the public, on ')}
        {unit.withdrawnAt ? (
          <time datetime={unit.withdrawnAt.toISOString()}>{formatDate(ctx.lang, unit.withdrawnAt)}</time>
        ) : null}
        {inLang(ctx, '撤销或不再对外办公，不再接待群众。', '. It no longer takes visitors.')}
      </p>
      {successor ? (
        <p>
          {inLang(ctx, '原由该机构办理的业务，请到', 'Its work is now done by ')}
          <a href={`/directory/${successor.code}`}>{nameOf(ctx, successor)}</a>
          {inLang(ctx, '办理。', ', which it belonged to.')}
        </p>
      ) : unit.parentName ? (
        <p>
          {inLang(ctx, `原由该机构办理的业务，请咨询${unit.parentName}。`, 'Ask the unit it belonged to: ')}
          {ctx.lang === 'en' ? <span lang="zh-CN">{unit.parentName}</span> : null}
        </p>
      ) : null}
      <p>
        <a href={`/directory?district=${encodeURIComponent(unit.district)}`}>
          {inLang(ctx, `查看${unit.district}的其他机构`, 'Other units in the same district')}
        </a>
      </p>
    </Layout>,
  );
}
