import { districtAt, type CityDistrict, type LngLat } from './city.ts';
import { cityView, fromPixel, type MapView } from './projection.ts';

// Choosing a place without JavaScript: the city map is an <input type="image">, and a click submits the form
// with the pixel it landed on (name.x, name.y). The image is shown at its own size, never scaled, so those
// pixels are the picture's and convert back to a point exactly. Fits a 390 px phone with the page's margins.

export const PICKER_WIDTH = 340;

export function pickerView(): MapView {
  return cityView(PICKER_WIDTH);
}

export type PickProblem =
  /** No coordinate: the image was activated by a keyboard, or Enter was pressed in a text field. */
  | 'no-point'
  /** Outside the picture, or not a number: a hand-made request. */
  | 'bad'
  /** On the picture but outside every district. */
  | 'outside';

export type Picked = { point: LngLat; district: CityDistrict } | { problem: PickProblem };

const PIXEL = /^\d{1,5}$/;

/** The point a click on the picker chose. */
export function pickedPoint(x: string | undefined, y: string | undefined, view = pickerView()): Picked {
  if (x === undefined || y === undefined || !PIXEL.test(x.trim()) || !PIXEL.test(y.trim()))
    return { problem: 'bad' };
  const [px, py] = [Number(x), Number(y)];
  // A keyboard "click" and a form's implicit submission both report the image's top-left corner, which the
  // margin around the city keeps outside every district: it is read as "no point chosen".
  if (px === 0 && py === 0) return { problem: 'no-point' };
  if (px > view.width || py > view.height) return { problem: 'bad' };
  const point = fromPixel(view, px, py);
  const district = districtAt(point);
  return district ? { point, district } : { problem: 'outside' };
}
