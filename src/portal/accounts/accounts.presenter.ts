import Type, { type Static } from 'typebox';
import { maskMobile } from '../../shared/validators/mobile.ts';
import type { citizens } from '../db/schema.ts';

// A citizen's account as the API shows it: masked where the page masks, and nothing the page does not show.

export const SignedIn = Type.Object({ id: Type.String(), displayName: Type.String() });
export type SignedIn = Static<typeof SignedIn>;

export const Me = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  mobile: Type.String({ description: 'Masked, as on the account page' }),
  realNameStatus: Type.String(),
  idNumberMasked: Type.Union([Type.String(), Type.Null()]),
});
export type Me = Static<typeof Me>;

export function presentSignedIn(citizen: SignedIn): SignedIn {
  return { id: citizen.id, displayName: citizen.displayName };
}

export function presentMe(citizen: typeof citizens.$inferSelect): Me {
  return {
    id: citizen.id,
    displayName: citizen.displayName,
    mobile: maskMobile(citizen.mobile),
    realNameStatus: citizen.realNameStatus,
    idNumberMasked: citizen.idNumberMasked,
  };
}
