import Type from 'typebox';
import { FormBody } from '../../shared/http/schemas.ts';

// An id or order number of the wrong shape is simply not found (the service checks it): bounded strings here.
export const PayableParams = Type.Object({ payableId: Type.String({ maxLength: 36 }) });
export const PayBody = FormBody({});
export const ReceiptCodeParams = Type.Object({ code: Type.String({ maxLength: 26 }) });
export const ReturnQuery = Type.Object({ orderNo: Type.String({ maxLength: 64 }) });

/**
 * The gateway's notification as it signs it. Fields are declared for their bounds only: the object keeps
 * whatever else the gateway adds, so the signature is checked over exactly what it signed. A field that may
 * be null (paidAt) is left undeclared: the coercing validator would turn its null into "" and break the
 * signature; the service reads it with its own checks.
 */
export const NotificationBody = Type.Object({
  merchantId: Type.String({ maxLength: 32 }),
  orderNo: Type.String({ maxLength: 64 }),
  gatewayOrderId: Type.Optional(Type.String({ maxLength: 64 })),
  status: Type.String({ maxLength: 16 }),
  amountFen: Type.Optional(Type.Integer()),
  refundedFen: Type.Optional(Type.Integer()),
  notifyId: Type.Optional(Type.String({ maxLength: 64 })),
  sentAt: Type.Optional(Type.String({ maxLength: 40 })),
});
