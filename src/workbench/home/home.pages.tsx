import { type PageContext, inLang } from '../../shared/ui/context.ts';
import { TodoList, type TodoItem } from '../../shared/ui/components.tsx';
import { Layout } from '../../shared/ui/layout.tsx';
import { renderPage } from '../../shared/ui/render.ts';
import { AsWritten } from '../../shared/ui/as-written.tsx';
import type { ErrorView } from '../../shared/http/error-handler.ts';

export function homePage(
  ctx: PageContext,
  view: { unitName: string; roles: string[]; todo: TodoItem[] },
): string {
  const title = inLang(ctx, '待办事项', 'To do');
  return renderPage(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <AsWritten lang={ctx.lang} text={view.unitName} /> ·{' '}
        {view.roles.join('、') || inLang(ctx, '未分配角色', 'No role assigned')}
      </p>
      {view.todo.length ? (
        <TodoList items={view.todo} />
      ) : (
        <p>{inLang(ctx, '当前没有待办事项。', 'Nothing to do right now.')}</p>
      )}
    </Layout>,
  );
}

export function errorPage(ctx: PageContext, view: ErrorView): string {
  return renderPage(
    <Layout ctx={ctx} title={view.message}>
      <h1>{view.message}</h1>
      <p>
        {inLang(ctx, '错误代码', 'Error code')} {view.status} · {inLang(ctx, '请求编号', 'Request id')}{' '}
        <code>{view.requestId}</code>
      </p>
      <p>
        <a href="/">{inLang(ctx, '返回工作台', 'Back to the workbench')}</a>
      </p>
    </Layout>,
  );
}
