import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { caseDocumentIssuedV2 } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { rows } from '../../shared/db/database.ts';
import type { FieldSealer } from '../../shared/crypto/seal.ts';
import {
  documentNumber,
  hasEnglishVersion,
  issueCaseDocument,
  validUntilAfter,
  verificationCode,
  type CaseDocumentBase,
  type CaseDocumentInput,
  type IsoDate,
} from '../documents/index.ts';
import { caseDocuments } from './case-documents.tables.ts';
import type { CaseDocumentRequest, IssueDocument } from './cases.documents.ts';
import { itemContent } from './cases.repository.ts';
import { originalsToBring } from './cases.visit.ts';

// The documents feature's issuer for case steps: builds the document from the case, its catalogue item and
// the step, numbers it in the issuing unit's yearly series, keeps the PDF, and sends it with its verification
// entry to the portal, all in the step's transaction, so a step and its document exist together or not at all.

interface Applicant {
  name: string;
  idNumber: string;
}

const CERTIFICATE_BASIS = '《公安机关办理犯罪记录查询工作规定》';

export function caseDocumentIssuer(options: { sealer: FieldSealer; portalBaseUrl: string }): IssueDocument {
  return async (tx, request) => {
    const { caseRow, kind, at } = request;
    // One document per step: a step retried after a failure finds the one already issued.
    const stepSeq = caseRow.actionSeq;
    const item = (await itemContent(tx, caseRow.itemId, caseRow.itemVersion)) as ServiceItem | undefined;
    if (!item) throw new Error(`item ${caseRow.itemId}@${caseRow.itemVersion} is not held`);
    const applicant = JSON.parse(options.sealer.open(caseRow.applicantSealed)) as Applicant;
    const number = documentNumber(
      kind,
      request.unit.code,
      at,
      await nextNumber(tx, request.unit.code, kind, at),
    );
    const input = documentInput(request, item, applicant, {
      unitName: request.unit.name,
      documentNumber: number,
      verificationCode: verificationCode(),
      caseNumber: caseRow.caseNumber,
      itemName: item.name.zh,
      itemNameEn: item.name.en,
      addressee: {
        name: applicant.name,
        ...(caseRow.companyName ? { companyName: caseRow.companyName } : {}),
      },
      issuedAt: at,
      portalBaseUrl: options.portalBaseUrl,
      ...(item.enquiryPhone ? { enquiryPhone: item.enquiryPhone } : {}),
    });
    const issued = await issueCaseDocument(input);
    // The English copy, where the kind has one: same number, code and QR code; the Chinese stays the legal text.
    const english = hasEnglishVersion(kind) ? await issueCaseDocument(input, { lang: 'en' }) : undefined;
    const id = randomUUID();
    const [kept] = await tx
      .insert(caseDocuments)
      .values({
        id,
        caseNumber: caseRow.caseNumber,
        stepSeq,
        kind,
        documentNumber: number,
        verificationCode: issued.entry.verificationCode,
        sha256: issued.entry.sha256,
        fileName: issued.fileName,
        content: issued.pdf,
        issuedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: caseDocuments.id });
    if (!kept) return;
    await send(
      tx,
      caseDocumentIssuedV2,
      {
        ...issued.entry,
        documentId: id,
        applicationId: caseRow.applicationId,
        kind,
        file: { name: issued.fileName, declaredType: 'application/pdf', data: issued.pdf.toString('base64') },
        ...(english
          ? {
              englishFile: {
                name: issued.fileName.replace(/\.pdf$/, '-en.pdf'),
                declaredType: 'application/pdf',
                data: english.pdf.toString('base64'),
              },
              englishSha256: english.entry.sha256,
            }
          : {}),
      },
      { stream: `case:${caseRow.caseNumber}` },
    );
  };
}

async function nextNumber(tx: Tx, unitCode: string, kind: string, at: Date): Promise<number> {
  const year = Number(todayInShanghai(at).slice(0, 4));
  const [row] = rows<{ last: number }>(
    await tx.execute(sql`
      INSERT INTO document_counters (unit_code, kind, year, last) VALUES (${unitCode}, ${kind}, ${year}, 1)
      ON CONFLICT (unit_code, kind, year) DO UPDATE SET last = document_counters.last + 1
      RETURNING last`),
  );
  if (!row) throw new Error('no document number');
  return row.last;
}

function lines(text: string | undefined, fallback: readonly string[]): [string, ...string[]] {
  const given = (text ?? '')
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
  const chosen = given.length > 0 ? given : [...fallback];
  return [chosen[0] ?? '', ...chosen.slice(1)];
}

function legalBasisOf(item: ServiceItem, given: string | undefined): [string, ...string[]] {
  return lines(
    given,
    item.legalBasis.map((basis) => `${basis.title}${basis.article ? basis.article : ''}`),
  );
}

/** The document's own content, by kind, from the step's words, the item and the case. */
function documentInput(
  request: CaseDocumentRequest,
  item: ServiceItem,
  applicant: Applicant,
  base: CaseDocumentBase,
): CaseDocumentInput {
  const { caseRow, data, at } = request;
  const submittedAt = caseRow.submittedAt;
  const review = item.reviewAndLitigation;
  switch (request.kind) {
    case 'acceptance-notice': {
      // Acceptance, by an officer or deemed, is what starts the overall time limit (cases.steps.ts).
      if (!caseRow.dueOn)
        throw new Error(`case ${caseRow.caseNumber} is accepted without an overall due date`);
      return {
        ...base,
        kind: 'acceptance-notice',
        submittedAt,
        timeLimit: { value: caseRow.promisedValue, unit: caseRow.promisedUnit },
        dueDate: caseRow.dueOn as IsoDate,
      };
    }
    case 'supplement-notice': {
      const missing = (data.missing ?? []).map((m) => ({ material: m.name, problem: m.problem }));
      const [first, ...rest] = missing;
      if (!first) throw new Error('a notice of missing materials names at least one');
      return {
        ...base,
        kind: 'supplement-notice',
        submittedAt,
        missing: [first, ...rest],
      };
    }
    case 'non-acceptance-decision':
    case 'refusal-decision':
      return {
        ...base,
        kind: request.kind,
        submittedAt,
        reasons: lines(data.message, ['申请不符合法定条件']),
        legalBasis: legalBasisOf(item, data.legalBasis),
        reviewAndLitigation: review,
      };
    case 'approval-decision':
      return {
        ...base,
        kind: 'approval-decision',
        submittedAt,
        reasons: lines(data.message, ['申请材料齐全，符合法定条件和标准']),
        legalBasis: legalBasisOf(item, data.legalBasis),
        permitted: [`准予${item.name.zh}`],
        reviewAndLitigation: review,
      };
    case 'pre-approval-notice': {
      const place = item.places[0];
      const bring = originalsToBring(item);
      return {
        ...base,
        kind: 'pre-approval-notice',
        submittedAt,
        visit: {
          place: place?.name ?? request.unit.name,
          address: place?.address ?? request.unit.name,
          ...(place?.hours ? { hours: place.hours } : {}),
        },
        bring: [bring[0] ?? '居民身份证', ...bring.slice(1)],
      };
    }
    case 'certificate':
      return {
        ...base,
        kind: 'certificate',
        certificate: 'no-criminal-record',
        holder: { name: applicant.name, idNumber: applicant.idNumber },
        checkedUntil: todayInShanghai(at) as IsoDate,
        validUntil: validUntilAfter(at),
        basis: CERTIFICATE_BASIS,
      };
  }
}
