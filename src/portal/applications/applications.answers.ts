import { fileTypeFromBuffer } from 'file-type';
import {
  answerErrorText,
  nextPage,
  savePage,
  uploadMediaTypes,
  validatePage,
  type AnswerError,
  type Answers,
  type FormPage,
  type PostedBody,
  type UploadedFile,
} from '../../shared/application-forms/index.ts';
import type { CaseAnswers } from '../../exchange/contracts/index.ts';
import { inspectPdf } from '../../shared/files/pdf-active-content.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { Lang } from '../../shared/http/request-context.ts';
import { applicationWords } from './applications.messages.ts';
import * as repo from './applications.repository.ts';
import { beijingDay, isUuid, type ApplyServices, type LoadedApplication } from './applications.service.ts';

// One page of a draft saved: files checked by their bytes and kept, answers checked against the page's
// questions, and files taken off again.

/** A file as it arrived, before it is checked. */
export interface IncomingFile {
  field: string;
  name: string;
  bytes: Buffer;
  tooLarge?: boolean;
}

export interface PageErrors {
  errors: { field: string; message: string }[];
}

/**
 * Saves one page: new files checked by their bytes and kept, the answers checked against the page's
 * questions and saved. Returns where to go next, or the errors in the reader's language.
 */
export async function answerPage(
  services: ApplyServices,
  loaded: LoadedApplication,
  pageId: string,
  posted: { body: PostedBody; files: IncomingFile[] },
  lang: Lang,
): Promise<{ next: string } | PageErrors> {
  const { row, form } = loaded;
  if (row.submittedAt) return { next: `/applications/${row.id}/confirmation` };
  const page = form.pages.find((p) => p.id === pageId);
  if (!page) throw new AppError('NOT_FOUND');
  const now = services.now();
  const refused: { field: string; message: string }[] = [];
  const pending = new Map<string, UploadedFile[]>();
  for (const incoming of posted.files) {
    const field = page.fields.find((f) => f.id === incoming.field);
    if (field?.type !== 'upload' || (incoming.bytes.length === 0 && !incoming.tooLarge)) continue;
    const detected = incoming.tooLarge ? undefined : (await fileTypeFromBuffer(incoming.bytes))?.mime;
    // A file cut off at the limit cannot be typed; it is refused for its size, which is what went wrong.
    const mediaType = incoming.tooLarge
      ? uploadMediaTypes[field.accept[0]!]
      : (detected ?? 'application/octet-stream');
    const allowed = field.accept.map((t) => uploadMediaTypes[t]).includes(mediaType);
    const size = incoming.tooLarge ? field.maxBytes + 1 : incoming.bytes.length;
    if (allowed && size <= field.maxBytes) {
      if (mediaType === 'application/pdf' && (await inspectPdf(incoming.bytes))) {
        refused.push({
          field: field.id,
          message: applicationWords(lang, 'uploadUnsafe', { label: field.label[lang] }),
        });
        continue;
      }
      await repo.insertFile(services.db, {
        applicationId: row.id,
        fieldId: field.id,
        name: safeName(incoming.name, mediaType),
        mediaType,
        content: incoming.bytes,
        now,
      });
    } else {
      // Refused files are not kept; they go to the check only so that it words the refusal.
      const list = pending.get(field.id) ?? [];
      list.push({ id: '00000000-0000-4000-8000-000000000000', name: 'refused', mediaType, size });
      pending.set(field.id, list);
    }
  }
  // A page without an upload question has no files to check: its post needs no read of them.
  const stored = page.fields.some((f) => f.type === 'upload') ? await repo.filesOf(services.db, row.id) : [];
  const files: Record<string, UploadedFile[]> = {};
  for (const field of page.fields) {
    if (field.type !== 'upload') continue;
    files[field.id] = [
      ...stored
        .filter((f) => f.fieldId === field.id)
        .map(({ id, name, mediaType, size }) => ({ id, name, mediaType, size })),
      ...(pending.get(field.id) ?? []),
    ];
  }
  const result = validatePage(
    form,
    pageId,
    { body: singleLine(page, posted.body), files },
    {
      today: beijingDay(now),
      answers: loaded.answers,
    },
  );
  if (!result.ok || refused.length > 0) {
    const errors = [
      ...refused,
      ...(result.ok
        ? []
        : result.errors
            .filter((e) => !refused.some((r) => r.field === e.field))
            .map((e) => wordsOf(e, lang))),
    ];
    return { errors };
  }
  const answers = savePage(form, pageId, loaded.answers, result.answers);
  await repo.saveAnswers(services.db, row.id, answers as CaseAnswers, pageId, now);
  const after = nextPage(form, pageId, answers);
  return { next: after ? `/applications/${row.id}/pages/${after.id}` : `/applications/${row.id}/check` };
}

/** Line breaks kept only in the questions that span lines; elsewhere a pasted break reads as a space. */
function singleLine(page: FormPage, body: PostedBody): PostedBody {
  const multiline = new Set<string>();
  for (const field of page.fields) {
    if (field.type === 'text' && field.multiline) multiline.add(field.id);
    if (field.type === 'group') {
      for (const member of field.fields)
        if (member.type === 'text' && member.multiline) multiline.add(member.id);
    }
  }
  const flat = (text: string) => text.replace(/[\t\r\n]+/g, ' ');
  const out: Record<string, string | readonly string[] | undefined> = {};
  for (const [name, value] of Object.entries(body)) {
    const question =
      /(?:^|\.)([a-z][a-z0-9-]*)$/.exec(name.replace(/\.(?:division|address)$/, ''))?.[1] ?? name;
    if (multiline.has(question) || value === undefined) out[name] = value;
    else out[name] = typeof value === 'string' ? flat(value) : value.map(flat);
  }
  return out;
}

function wordsOf(error: AnswerError, lang: Lang) {
  return { field: error.field, message: answerErrorText(error, lang) };
}

// Only the last path part, without controls, and of a length the contracts take.
function safeName(name: string, mediaType: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  const fallback = `upload.${mediaType === 'application/pdf' ? 'pdf' : mediaType === 'image/png' ? 'png' : 'jpg'}`;
  return [...(base || fallback)].slice(-120).join('');
}

/** Takes a file off a draft, and out of its saved answers too. */
export async function removeFile(
  services: ApplyServices,
  loaded: LoadedApplication,
  fileId: string,
): Promise<void> {
  const { row } = loaded;
  if (row.submittedAt || !isUuid(fileId)) throw new AppError('NOT_FOUND');
  await services.db.transaction(async (tx) => {
    if (!(await repo.deleteFile(tx, row.id, fileId))) throw new AppError('NOT_FOUND');
    const answers: Answers = {};
    for (const [key, value] of Object.entries(loaded.answers)) {
      if (
        Array.isArray(value) &&
        value.some((v) => typeof v === 'object' && v !== null && 'mediaType' in v)
      ) {
        const kept = (value as UploadedFile[]).filter((f) => f.id !== fileId);
        if (kept.length > 0) answers[key] = kept;
      } else answers[key] = value;
    }
    // Submitted meanwhile: the file went with the application, so its removal is undone with this transaction.
    if (!(await repo.saveAnswers(tx, row.id, answers as CaseAnswers, row.lastPage ?? '', services.now())))
      throw new AppError('NOT_FOUND');
  });
}
