import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { BackLink, SummaryList, Table, Tag } from '../../shared/ui/components.tsx';
import { Button } from '../../shared/ui/forms.tsx';
import { FlashBanner } from '../../shared/ui/notification-banner.tsx';
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

export const kinds = Object.keys(kindLabels) as UnitKind[];

export function kindLabel(kind: UnitKind, lang: 'zh' | 'en'): string {
  return kindLabels[kind][lang];
}

function unitName(ctx: PageContext, u: Pick<Unit, 'name' | 'nameEn'>): string {
  return ctx.lang === 'en' && u.nameEn ? u.nameEn : u.name;
}

function ClosedTag({ ctx }: { ctx: PageContext }) {
  return <Tag tone="grey">{inLang(ctx, '已撤销', 'Closed')}</Tag>;
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
      {node.closedAt ? <ClosedTag ctx={ctx} /> : null}
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
  canManage,
  flash,
}: {
  ctx: PageContext;
  roots: UnitNode[];
  total: number;
  canManage: boolean;
  flash?: string | undefined;
}): string {
  const title = inLang(ctx, '组织机构', 'Organisation');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <FlashBanner text={flash} lang={ctx.lang} />
      <h1>{title}</h1>
      {canManage ? (
        <Button href="/org/new" variant="secondary">
          {inLang(ctx, '新增单位', 'Add a unit')}
        </Button>
      ) : null}
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
  canManage,
  flash,
}: {
  ctx: PageContext;
  unit: UnitView;
  ancestors: UnitView[];
  children: UnitView[];
  canManage: boolean;
  flash?: string | undefined;
}): string {
  const title = unitName(ctx, unit);
  const parent = ancestors.length > 1 ? ancestors[ancestors.length - 2] : undefined;
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <BackLink href={parent ? `/org/${parent.code}` : '/org'}>
        {parent ? unitName(ctx, parent) : inLang(ctx, '组织机构', 'Organisation')}
      </BackLink>
      <nav class="breadcrumb" aria-label={inLang(ctx, '面包屑导航', 'Breadcrumb')}>
        <ol>
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
      <FlashBanner text={flash} lang={ctx.lang} />
      <h1>
        {title} {unit.closedAt ? <ClosedTag ctx={ctx} /> : null}
      </h1>
      {canManage && !unit.closedAt ? (
        <ul class="action-links">
          <li>
            <a href={`/org/${unit.code}/edit`}>{inLang(ctx, '修改', 'Edit')}</a>
          </li>
          {unit.kind === 'community-office' ? (
            <li>
              <a href={`/org/${unit.code}/beat`}>
                {inLang(ctx, '辖区和社区民警', 'Area and community officer')}
              </a>
            </li>
          ) : null}
          <li>
            <a href={`/org/${unit.code}/move`}>{inLang(ctx, '移动', 'Move')}</a>
          </li>
          <li>
            <a href={`/org/new?parent=${unit.code}`}>{inLang(ctx, '新增下级单位', 'Add a unit below')}</a>
          </li>
          <li>
            <a href={`/org/${unit.code}/close`}>{inLang(ctx, '撤销', 'Close')}</a>
          </li>
        </ul>
      ) : null}
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
          { key: inLang(ctx, '所在区', 'District'), value: unit.district },
          { key: inLang(ctx, '地址', 'Address'), value: unit.address },
          { key: inLang(ctx, '电话', 'Phone'), value: unit.phone },
          { key: inLang(ctx, '办公时间', 'Hours'), value: unit.hours },
          { key: inLang(ctx, '窗口开放时间', 'Counter schedule'), value: unit.schedule },
          {
            key: inLang(ctx, '机构名录', 'Public directory'),
            value: unit.isPublic ? inLang(ctx, '公开', 'Listed') : inLang(ctx, '不公开', 'Not listed'),
          },
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
