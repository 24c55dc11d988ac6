import { publicPortalUrl, type Config } from '../../shared/config.ts';
import { privateKeyOf, publicKeyOf } from '../../shared/crypto/payment-signature.ts';
import { HttpPaymentGateway } from './payments.gateway.ts';
import type { PaymentRuntime } from './payments.service.ts';

/** The portal's gateway from the settings; none (fees shown, not payable online) when they are not all set. */
export function paymentRuntimeFrom(config: Config): PaymentRuntime | undefined {
  const {
    PAYMENT_GATEWAY_URL: url,
    PAYMENT_MERCHANT_KEY: key,
    PAYMENT_GATEWAY_PUBLIC_KEY: gatewayKey,
  } = config;
  if (!url || !key || !gatewayKey) return undefined;
  return {
    gateway: new HttpPaymentGateway({
      baseUrl: url,
      merchantId: config.PAYMENT_MERCHANT_ID,
      merchantKey: privateKeyOf(key),
      gatewayPublicKey: publicKeyOf(gatewayKey),
    }),
    portalBaseUrl: publicPortalUrl(config),
    orderMinutes: config.PAYMENT_ORDER_MINUTES,
  };
}
