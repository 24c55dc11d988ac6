import type { Lang } from '../i18n/index.ts';
import { AsWritten } from './as-written.tsx';

/**
 * A police unit named on a page: on the English page its English name (the directory's) when it has one, else
 * its Chinese name marked as Chinese; on the Chinese page the Chinese name as it is.
 */
export function UnitName({
  lang,
  name,
  nameEn,
}: {
  lang: Lang;
  name: string;
  nameEn?: string | null | undefined;
}) {
  return lang === 'en' && nameEn ? <>{nameEn}</> : <AsWritten lang={lang} text={name} />;
}
