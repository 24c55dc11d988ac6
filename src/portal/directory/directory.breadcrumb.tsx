import { inLang, type PageContext } from '../../shared/ui/context.ts';

/** Where a directory page sits: home, the directory, the page. */
export function Breadcrumb({ ctx, trail }: { ctx: PageContext; trail: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumb" aria-label={inLang(ctx, '面包屑导航', 'Breadcrumb')}>
      <ol>
        {trail.map((step) => (
          <li>
            {step.href ? <a href={step.href}>{step.label}</a> : <span aria-current="page">{step.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
