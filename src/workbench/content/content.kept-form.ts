import type { Lang } from '../../shared/i18n/index.ts';
import type { EditorDraft } from './content.editor-drafts.ts';
import { langText } from './content.words.ts';

// The editor's form kept across a picture's redirect (content.editor-drafts.ts): what its page says about it, and
// which of the form's own fields it shows again.

/** What the editor page says above an unsaved form it shows: not saved yet; and whether the article moved on. */
export function draftNotice(
  lang: Lang,
  draft: EditorDraft,
  currentVersion: number,
  flashShown: boolean,
): string | undefined {
  const stale = draft.baseVersion !== currentVersion;
  // Right after the redirect the flash already says the picture was placed and nothing is saved yet.
  if (flashShown && !stale) return undefined;
  const kept = langText(
    lang,
    '下面是您尚未保存的编辑内容（保留一天）：保存草稿后才会保存。',
    'Below is what you typed and have not saved yet (kept for a day): save the draft to keep it.',
  );
  if (!stale) return kept;
  return `${kept}${langText(
    lang,
    `此后稿件已有改动（现为第${currentVersion}版），保存时会被拒绝：请先复制需要保留的内容。`,
    ` The article has changed since (it is now at version ${currentVersion}), so saving will be refused: copy what you want to keep first.`,
  )}`;
}

/** What of the editor's form, besides the article's text, its page shows again: the box for the approver. */
export function formValuesKept(fields: Record<string, unknown>): Record<string, string> {
  return fields.hitsForApprover === 'yes' ? { hitsForApprover: 'yes' } : {};
}
