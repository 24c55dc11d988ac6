import Type from 'typebox';
import { formSchema } from '../staff/staff.schema.ts';

// What the organisation forms accept. Each text is bounded a little above what the service allows, so a value
// that is merely too long is refused in the service's own words beside its field.

const text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

// A code that cannot be a unit's is looked up as any other and not found (404), not refused as malformed.
export const UnitParams = Type.Object({ code: Type.String({ maxLength: 40 }) });

export const NewUnitQuery = Type.Object({ parent: text(40) }, { additionalProperties: false });

const fields = {
  kind: text(32),
  name: text(200),
  nameEn: text(300),
  district: text(100),
  address: text(300),
  phone: text(60),
  hours: text(400),
  schedule: text(300),
  lat: text(30),
  lng: text(30),
  isPublic: text(8),
};

export const NewUnitForm = formSchema({ code: text(60), parentCode: text(40), ...fields });
export const EditUnitForm = formSchema(fields);
export const MoveUnitForm = formSchema({ parentCode: text(40) });
export const CloseUnitForm = formSchema({});
