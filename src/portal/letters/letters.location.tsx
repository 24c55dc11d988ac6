import { errorFor } from '../../shared/http/forms.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import { districtAt, type LngLat } from '../../shared/map/city.ts';
import { pickerView } from '../../shared/map/picker.ts';
import { inLang, type PageContext } from '../../shared/ui/context.ts';
import { fieldId, TextField } from '../../shared/ui/forms.tsx';

// Where it happened, three ways, any of them: the address (the form's "place" field), a point clicked on the
// city map, or coordinates typed as two numbers. The map is an <input type="image">: a click sends the form
// back with the point, shown on the map for the writer to check before sending; no JavaScript is needed.

/** The typed coordinates, when they are a point: the one the map shows. */
function chosenPoint(values: Record<string, string>): LngLat | undefined {
  const [lat, lng] = [Number(values.latitude), Number(values.longitude)];
  if (!values.latitude?.trim() || !values.longitude?.trim() || !Number.isFinite(lat) || !Number.isFinite(lng))
    return undefined;
  return { lat, lng };
}

export function Location({
  ctx,
  values,
  errors,
  notice,
}: {
  ctx: PageContext;
  values: Record<string, string>;
  errors: FieldError[];
  /** Said after a click on the map: what was chosen, or how to choose. */
  notice?: string | undefined;
}) {
  const view = pickerView();
  const point = chosenPoint(values);
  const district = point ? districtAt(point) : undefined;
  const pin = point && district ? `&pin=${point.lat},${point.lng}` : '';
  const pickError = errorFor(errors, 'pick');
  return (
    <fieldset class="fieldset location-picker" id="location">
      <legend class="legend">
        {inLang(ctx, '在地图上选择地点（选填）', 'Choose the place on the map (optional)')}
      </legend>
      <p class="hint" id="pick-hint">
        {inLang(
          ctx,
          '点击或轻触地图上的位置，表单会带着已填写的内容返回，地图上用红色图钉标出所选地点，可以再点一次修改。使用键盘时，请填写上面的地点或下面的坐标。',
          'Click or tap the place on the map: the form comes back with what you typed, and a red pin marks the point; click again to change it. With a keyboard, fill in the place above or the coordinates below.',
        )}
      </p>
      {notice ? (
        <p class="inset-text" role="status">
          {notice}
        </p>
      ) : null}
      {pickError ? (
        <p class="error-message" id="pick-error">
          <span class="visually-hidden">{inLang(ctx, '错误：', 'Error:')}</span>
          {pickError}
        </p>
      ) : null}
      <input
        type="image"
        id={fieldId('pick')}
        name="pick"
        class="map-picker"
        src={`/map/city.svg?lang=${ctx.lang}${pin}`}
        width={view.width}
        height={view.height}
        alt={inLang(
          ctx,
          district ? `示范市地图，已选地点在${district.name}：点击地图修改` : '示范市地图：点击地图选择地点',
          district
            ? `Map of Shifan City, chosen point in ${district.nameEn}: click the map to change it`
            : 'Map of Shifan City: click the map to choose the place',
        )}
        aria-describedby={pickError ? 'pick-hint pick-error' : 'pick-hint'}
      />
      <p class="hint">
        {inLang(
          ctx,
          '或填写坐标，可以从手机地图中复制，例如纬度 30.52、经度 114.31。',
          'Or give coordinates; you can copy them from a map app, for example latitude 30.52, longitude 114.31.',
        )}
      </p>
      <TextField
        name="latitude"
        optional
        inputmode="decimal"
        width={10}
        label={inLang(ctx, '纬度', 'Latitude')}
        value={values.latitude}
        error={errorFor(errors, 'latitude')}
      />
      <TextField
        name="longitude"
        optional
        inputmode="decimal"
        width={10}
        label={inLang(ctx, '经度', 'Longitude')}
        value={values.longitude}
      />
    </fieldset>
  );
}
