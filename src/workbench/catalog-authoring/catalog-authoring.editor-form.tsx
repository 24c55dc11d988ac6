import {
  areaCodes,
  areaLabel,
  audienceCodes,
  audienceLabel,
  channelCodes,
  channelLabel,
  itemTypeCodes,
  itemTypeLabel,
  lifeEventCodes,
  lifeEventLabel,
  onlineDepthCodes,
  onlineDepthLabel,
  resultTypeCodes,
  resultTypeLabel,
  timeUnitCodes,
  timeUnitLabel,
  unitLevelCodes,
  unitLevelLabel,
  type Label,
} from '../../shared/catalog/index.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { Checkboxes, Radios, Select, type Choice } from '../../shared/ui/choices.tsx';
import { Button, Form, TextArea, TextField } from '../../shared/ui/forms.tsx';
import { fieldLabel, type FormField } from './catalog-authoring.fields.ts';
import type { EditorInput } from './catalog-authoring.tables.ts';
import type { Nested } from './catalog-authoring.groups.ts';
import { NestedGroups } from './catalog-authoring.groups.tsx';
import { labelText, langText } from './catalog-authoring.words.ts';

// The editor's form: every field of a guide, in the order of the national field list, its repeatable parts
// as field groups (catalog-authoring.groups.tsx). The page around it is catalog-authoring.editor.tsx.

function choices<T extends string>(codes: readonly T[], labels: Record<T, Label>, lang: Lang): Choice[] {
  return codes.map((c) => ({ value: c, label: labels[c][lang] }));
}

export interface EditorFormProps {
  lang: Lang;
  csrfToken: string;
  /** The guide's address, e.g. /catalog/passport-first-issue. */
  base: string;
  /** The version the editor was opened on: a save on top of a newer one is a conflict. */
  baseVersion: number;
  input: EditorInput;
  /** What is wrong with a field, if anything, in the reader's language. */
  error: (field: FormField) => string | undefined;
  /** The repeatable parts as their fields show them. */
  groups: Nested;
  /** What is wrong at a place of the repeatable parts, e.g. `steps[1].name`. */
  pathError: (path: string) => string | undefined;
}

export function EditorForm(p: EditorFormProps) {
  const { lang, input, error, base } = p;
  const label = (f: FormField) => labelText(lang, fieldLabel[f]);
  const value = (f: FormField): string => {
    const v = input[f];
    return typeof v === 'string' ? v : '';
  };
  const values = (f: FormField): string[] => {
    const v = input[f];
    return Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : [];
  };
  const text = (
    f: FormField,
    extra: { hint?: string; width?: 2 | 3 | 4 | 5 | 10 | 20 | 30; optional?: boolean } = {},
  ) => (
    <TextField
      name={f}
      label={label(f)}
      value={value(f)}
      error={error(f)}
      hint={extra.hint}
      width={extra.width}
      optional={extra.optional}
    />
  );
  const area = (f: FormField, rows: number, hint?: string, optional?: boolean) => (
    <TextArea
      name={f}
      label={label(f)}
      value={value(f)}
      error={error(f)}
      hint={hint}
      rows={rows}
      optional={optional}
    />
  );
  const yesNo = (f: FormField, hint?: string) => (
    <Radios
      name={f}
      legend={label(f)}
      hint={hint}
      inline
      value={value(f)}
      error={error(f)}
      items={[
        { value: 'yes', label: langText(lang, '是', 'Yes') },
        { value: 'no', label: langText(lang, '否', 'No') },
      ]}
    />
  );
  const select = (f: FormField, options: Choice[]) => (
    <Select name={f} label={label(f)} value={value(f)} error={error(f)} placeholder options={options} />
  );
  const group = (f: FormField, items: Choice[], hint?: string) => (
    <Checkboxes name={f} legend={label(f)} hint={hint} values={values(f)} error={error(f)} items={items} />
  );
  return (
    <Form action={`${base}/edit`} csrfToken={p.csrfToken} class="catalog-editor">
      <input type="hidden" name="baseVersion" value={String(p.baseVersion)} />
      {/* Enter in a field presses the form's first button: saving, never one of the list buttons below. */}
      <button
        type="submit"
        name="action"
        value="save"
        class="visually-hidden"
        tabindex={-1}
        aria-hidden="true"
      >
        {langText(lang, '保存草稿', 'Save draft')}
      </button>

      <h2>{langText(lang, '基本信息', 'The item')}</h2>
      {text('nameZh')}
      {text('nameEn')}
      {area('summaryZh', 3)}
      {area('summaryEn', 3)}
      {text('codeBasic', { width: 20 })}
      {text('codeImplementation', { width: 30 })}
      {select('area', choices(areaCodes, areaLabel, lang))}
      {select('itemType', choices(itemTypeCodes, itemTypeLabel, lang))}
      <Radios
        name="audience"
        legend={label('audience')}
        value={value('audience')}
        error={error('audience')}
        items={choices(audienceCodes, audienceLabel, lang)}
      />
      {group('lifeEvents', choices(lifeEventCodes, lifeEventLabel, lang))}
      {text('keywords', {
        hint: langText(
          lang,
          '用顿号或逗号分隔，例如：办护照、护照申请',
          'Separate with commas, e.g. passport, new passport',
        ),
      })}

      <h2>{langText(lang, '实施主体与依据', 'Unit and legal basis')}</h2>
      {text('unitCode', {
        width: 20,
        hint: langText(lang, '组织机构编码，例如 SF-CRJ', 'The unit code, e.g. SF-CRJ'),
      })}
      {text('unitName')}
      {text('unitNameEn', { optional: true })}
      {select('unitLevel', choices(unitLevelCodes, unitLevelLabel, lang))}
      {area(
        'legalBasis',
        4,
        langText(
          lang,
          '每行一条：法规名称 | 条款（条款可省略），例如：《中华人民共和国护照法》 | 第五条',
          'One per line: title | article (the article may be left out), e.g. 《中华人民共和国护照法》 | 第五条',
        ),
      )}
      {area(
        'legalBasisEn',
        4,
        langText(
          lang,
          "每行对应上面的一条：英文名称 | 英文条款（可省略），例如：Passport Law of the People's Republic of China | Article 5",
          "One line per law above: English title | articles (optional), e.g. Passport Law of the People's Republic of China | Article 5",
        ),
        true,
      )}
      {area('acceptanceConditions', 4, langText(lang, '每行一条。', 'One per line.'))}
      {area(
        'acceptanceConditionsEn',
        4,
        langText(lang, '每行一条，与中文逐行对应。', 'One per line, in the order of the Chinese lines.'),
        true,
      )}

      <h2>{langText(lang, '办理时限', 'Time limits')}</h2>
      {text('statutoryValue', { width: 3 })}
      {select('statutoryUnit', choices(timeUnitCodes, timeUnitLabel, lang))}
      {text('promisedValue', { width: 3 })}
      {select('promisedUnit', choices(timeUnitCodes, timeUnitLabel, lang))}
      {yesNo(
        'immediate',
        langText(
          lang,
          '即办件当场办结；否则为承诺件。',
          'Decided on the spot; otherwise within the promised time.',
        ),
      )}
      {yesNo(
        'instantReview',
        langText(
          lang,
          '即审即办；否则为前审后批。',
          'Reviewed and decided at once; otherwise reviewed, then approved.',
        ),
      )}
      {area('timeNote', 2, undefined, true)}
      {area('timeNoteEn', 2, undefined, true)}

      <h2>{langText(lang, '收费', 'Fees')}</h2>
      {yesNo('feeCharged')}
      {area(
        'feeItems',
        3,
        langText(
          lang,
          '每行一项：名称 | 金额（元） | 收费依据 | 备注（可省略），例如：护照工本费 | 120 | 发改价格〔2017〕1186号',
          'One per line: name | amount in yuan | legal basis | note (optional), e.g. Passport fee | 120 | NDRC notice 1186 (2017)',
        ),
      )}
      {area(
        'feeItemsEn',
        3,
        langText(
          lang,
          '每行对应上面的一项：英文名称 | 英文备注（可省略）',
          'One line per fee item above: name | note (optional)',
        ),
        true,
      )}
      {area(
        'feeBasisEn',
        2,
        langText(
          lang,
          "每行对应上面的一项收费的依据，例如：Article 20 of the Law of the People's Republic of China on Resident Identity Cards",
          "One line per fee item above: its basis, e.g. Article 20 of the Law of the People's Republic of China on Resident Identity Cards",
        ),
        true,
      )}
      {area('feeWaiver', 2, undefined, true)}
      {area('feeWaiverEn', 2, undefined, true)}
      {yesNo('onlinePayment')}

      <h2>{langText(lang, '办理方式', 'How to apply')}</h2>
      {group('channels', choices(channelCodes, channelLabel, lang))}
      {group(
        'onlineDepth',
        onlineDepthCodes.map((c) => ({
          value: c,
          label: `${onlineDepthLabel[c].national} ${onlineDepthLabel[c][lang]}`,
        })),
      )}
      {yesNo('fullyOnline')}
      {text('visitsCount', { width: 2 })}
      {area(
        'visitsReason',
        2,
        langText(lang, '到现场次数大于0时必填。', 'Needed when a visit is needed.'),
        true,
      )}
      {area('visitsReasonEn', 2, undefined, true)}
      {yesNo('booking')}
      {group('courier', [
        { value: 'materials', label: langText(lang, '申请材料可邮寄', 'Materials may be sent by courier') },
        {
          value: 'results',
          label: langText(lang, '办理结果可寄递', 'The result may be delivered by courier'),
        },
      ])}

      <h2>{langText(lang, '咨询、投诉与救济', 'Enquiries, complaints and remedies')}</h2>
      {text('enquiryPhone', {
        width: 20,
        hint: langText(lang, '须带区号，例如 0000-61030001', 'With the area code, e.g. 0000-61030001'),
      })}
      {text('complaintPhone', {
        width: 20,
        hint: langText(lang, '须带区号，且不同于咨询电话', 'With the area code, and not the enquiry number'),
      })}
      {area('review', 2)}
      {area('reviewEn', 2, undefined, true)}
      {area('litigation', 2)}
      {area('litigationEn', 2, undefined, true)}

      <h2>{langText(lang, '审批结果', 'Result')}</h2>
      {select('resultType', choices(resultTypeCodes, resultTypeLabel, lang))}
      {text('resultName', { optional: true })}
      {text('resultNameEn', { optional: true })}
      {text('resultSample', {
        optional: true,
        hint: langText(
          lang,
          '样本文件路径，例如 samples/passport.pdf',
          'Path of the sample file, e.g. samples/passport.pdf',
        ),
      })}
      {text('onlineForm', {
        optional: true,
        width: 30,
        hint: langText(lang, '在线申请表单的编号（如有）', 'The online form id, if any'),
      })}

      <h2 id="field-nested">
        {langText(
          lang,
          '情形与材料、办理流程、办理地点、常见问题',
          'Situations and materials, steps, places, FAQ',
        )}
      </h2>
      <NestedGroups lang={lang} action={`${base}/edit`} groups={p.groups} pathError={p.pathError} />

      <div class="button-group">
        <Button name="action" value="save" variant="secondary">
          {langText(lang, '保存草稿', 'Save draft')}
        </Button>
        <Button name="action" value="submit">
          {langText(lang, '提交审核', 'Submit for review')}
        </Button>
      </div>
    </Form>
  );
}
