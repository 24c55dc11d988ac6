import type { directoryUnitKinds } from '../../exchange/contracts/index.ts';
import type { Lang } from '../../shared/http/request-context.ts';

export type DirectoryUnitKind = (typeof directoryUnitKinds)[number];

const kindWords: Record<DirectoryUnitKind, { zh: string; en: string }> = {
  bureau: { zh: '市公安局', en: 'City bureau' },
  'sub-bureau': { zh: '分局', en: 'Sub-bureau' },
  station: { zh: '派出所', en: 'Police station' },
  'community-office': { zh: '社区警务室', en: 'Community police office' },
  department: { zh: '业务部门', en: 'Department' },
  'traffic-site': { zh: '交管服务站', en: 'Traffic service site' },
  'exit-entry-office': { zh: '出入境服务点', en: 'Exit-entry office' },
};

export const directoryKinds = Object.keys(kindWords) as DirectoryUnitKind[];

export function kindWord(kind: DirectoryUnitKind, lang: Lang): string {
  return kindWords[kind][lang];
}

export function isDirectoryKind(value: string | undefined): value is DirectoryUnitKind {
  return value !== undefined && Object.hasOwn(kindWords, value);
}
