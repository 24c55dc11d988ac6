import type { FieldError } from '../../shared/http/errors.ts';
import type { Lang } from '../../shared/i18n/index.ts';
import { pickedPoint } from '../../shared/map/picker.ts';
import type { LetterKindSpec } from './letters.kinds.ts';
import { letterWords } from './letters.messages.ts';

// A click on the form's map comes with the form (pick.x, pick.y): it chooses the point, and the form goes back
// to the writer with it, to check, rather than being sent.

export interface PickOutcome {
  /** What was typed, with the chosen point as its coordinates. */
  values: Record<string, string>;
  errors: FieldError[];
  notice?: string;
  status: 200 | 422;
}

/** The outcome of a click on the map, or nothing when the form was sent with its button. */
export function readPick(
  spec: LetterKindSpec,
  fields: Record<string, string>,
  lang: Lang,
): PickOutcome | undefined {
  const { 'pick.x': x, 'pick.y': y, ...values } = fields;
  if (x === undefined && y === undefined) return undefined;
  if (!spec.asksPlace) return undefined;
  const picked = pickedPoint(x, y);
  if ('point' in picked) {
    const { point, district } = picked;
    const notice =
      lang === 'en'
        ? `Point chosen in ${district.nameEn}: latitude ${point.lat}, longitude ${point.lng}. Your letter has not been sent yet: check it, then press Send.`
        : `已选定${district.name}的地点：纬度 ${point.lat}，经度 ${point.lng}。信件还没有提交，请检查后点击“提交”。`;
    return {
      values: { ...values, latitude: String(point.lat), longitude: String(point.lng) },
      errors: [],
      notice,
      status: 200,
    };
  }
  if (picked.problem === 'no-point')
    return {
      values,
      errors: [],
      notice:
        lang === 'en'
          ? 'No point on the map was chosen and your letter has not been sent. Click or tap the map, or type the place or coordinates; then press Send.'
          : '没有在地图上选定地点，信件还没有提交。请点击或轻触地图，或者填写地点或坐标，然后点击“提交”。',
      status: 200,
    };
  const key = picked.problem === 'outside' ? 'letters.pickOutside' : 'letters.pickBad';
  return { values, errors: [{ field: 'pick', message: letterWords(lang, key) ?? key }], status: 422 };
}
