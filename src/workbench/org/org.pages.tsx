import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { BackLink, SummaryList, Table } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import type { UnitKind } from '../db/schema.ts';
import type { Unit, UnitNode } from './org.repository.ts';
import type { UnitView } from './org.presenter.ts';

const kindLabels: Record<UnitKind, { zh: string; en: string }> = {
  bureau: { zh: '市公安局', en: 'City bureau' },
  'sub-bureau': { zh: '分局', en: 'Sub-bureau' },
  station: { zh: '派出所', en: 'Police station' },
  'community-office': { zh: '社区警务室', en: 'Community police office' },
  department: { zh: '业务部门', en: 'Department' },
  'traffic-site': { zh: '交管服务站', en: 'Traffic service site' },
  'exit-entry-office': { zh: '出入境服务点', en: 'Exit-entry office' },
};

export function kindLabel(kind: UnitKind, lang: 'zh' | 'en'): string {
  return kindLabels[kind][lang];
}

function unitName(ctx: PageContext, u: Pick<Unit, 'name' | 'nameEn'>): string {
  return ctx.lang === 'en' && u.nameEn ? u.nameEn : u.name;
}

function countBelow(node: UnitNode): number {
  return node.children.reduce((n, c) => n + 1 + countBelow(c), 0);
}

/**
 * One unit and, folded in a <details>, the units under it: the tree opens and closes without JavaScript,
 * and the link to the unit stays outside the toggle so each control does one thing.
 */
function TreeNode({ ctx, node, depth }: { ctx: PageContext; node: UnitNode; depth: number }) {
  return (
    <li>
      <a href={`/org/${node.code}`}>{unitName(ctx, node)}</a> <span class="muted">{node.code}</span>
      {node.children.length ? (
        <details open={depth === 0}>
          <summary>
            {inLang(ctx, `下级单位（${countBelow(node)}）`, `Units below (${countBelow(node)})`)}
          </summary>
          <ul class="org-tree">
            {node.children.map((c) => (
              <TreeNode ctx={ctx} node={c} depth={depth + 1} />
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export function orgTreePage({
  ctx,
  roots,
  total,
}: {
  ctx: PageContext;
  roots: UnitNode[];
  total: number;
}): string {
  const title = inLang(ctx, '组织机构', 'Organisation');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {inLang(
          ctx,
          `共 ${total} 个单位。展开“下级单位”查看分局、派出所和社区警务室。`,
          `${total} units. Open “Units below” to see sub-bureaus, stations and community offices.`,
        )}
      </p>
      <ul class="org-tree">
        {roots.map((r) => (
          <TreeNode ctx={ctx} node={r} depth={0} />
        ))}
      </ul>
    </Layout>,
  );
}

export function unitPage({
  ctx,
  unit,
  ancestors,
  children,
}: {
  ctx: PageContext;
  unit: UnitView;
  ancestors: UnitView[];
  children: UnitView[];
}): string {
  const title = unitName(ctx, unit);
  const parent = ancestors.length > 1 ? ancestors[ancestors.length - 2] : undefined;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={parent ? `/org/${parent.code}` : '/org'}>
        {parent ? unitName(ctx, parent) : inLang(ctx, '组织机构', 'Organisation')}
      </BackLink>
      <nav aria-label={inLang(ctx, '所属层级', 'Hierarchy')}>
        <ol class="breadcrumbs">
          {ancestors.map((a, i) => (
            <li>
              {i === ancestors.length - 1 ? (
                <span aria-current="page">{unitName(ctx, a)}</span>
              ) : (
                <a href={`/org/${a.code}`}>{unitName(ctx, a)}</a>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: inLang(ctx, '单位代码', 'Code'), value: unit.code },
          { key: inLang(ctx, '类别', 'Kind'), value: kindLabel(unit.kind, ctx.lang) },
          { key: inLang(ctx, '中文名称', 'Chinese name'), value: unit.name },
          { key: inLang(ctx, '英文名称', 'English name'), value: unit.nameEn ?? '' },
          {
            key: inLang(ctx, '上级单位', 'Parent'),
            value: parent ? <a href={`/org/${parent.code}`}>{unitName(ctx, parent)}</a> : '',
          },
          { key: inLang(ctx, '地址', 'Address'), value: unit.address },
          { key: inLang(ctx, '电话', 'Phone'), value: unit.phone },
          { key: inLang(ctx, '办公时间', 'Hours'), value: unit.hours },
          {
            key: inLang(ctx, '坐标', 'Coordinates'),
            value: `${unit.lat.toFixed(5)}, ${unit.lng.toFixed(5)}`,
          },
        ]}
      />
      {children.length ? (
        <>
          <h2>{inLang(ctx, '下级单位', 'Units below')}</h2>
          <Table
            caption={inLang(ctx, `${unit.name}的下级单位`, `Units under ${title}`)}
            head={[
              inLang(ctx, '名称', 'Name'),
              inLang(ctx, '代码', 'Code'),
              inLang(ctx, '类别', 'Kind'),
              inLang(ctx, '电话', 'Phone'),
            ]}
            rows={children.map((c) => [
              <a href={`/org/${c.code}`}>{unitName(ctx, c)}</a>,
              c.code,
              kindLabel(c.kind, ctx.lang),
              c.phone,
            ])}
          />
        </>
      ) : null}
    </Layout>,
  );
}
