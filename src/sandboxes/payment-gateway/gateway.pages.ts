import type { GatewayOrder } from './gateway.store.ts';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export const GATEWAY_CSS = `
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f3f5f7;color:#1b1f24}
main{max-width:28rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.3rem;margin:0 0 .25rem}
.sandbox{background:#fff4d6;border:1px solid #c99a00;padding:.5rem .75rem;margin-bottom:1rem}
.card{background:#fff;border:1px solid #c6ccd3;border-radius:.5rem;padding:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dt{color:#4a5561}dd{margin:0;overflow-wrap:anywhere}
.amount{font-size:1.6rem;font-weight:700}
form{display:flex;flex-direction:column;gap:.5rem}
button,a.button{font:inherit;padding:.7rem 1rem;border-radius:.4rem;border:1px solid #1b1f24;background:#fff;color:#1b1f24;cursor:pointer;text-align:center;text-decoration:none}
button.primary{background:#0b5cad;border-color:#0b5cad;color:#fff}
button:focus-visible,a:focus-visible{outline:3px solid #c99a00;outline-offset:2px}
`;

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function frame(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><link rel="stylesheet" href="/gateway.css"></head><body><main>
<p class="sandbox">支付网关沙箱：不会发生真实扣款。 <span lang="en">Payment gateway sandbox: no real money moves.</span></p>
${body}</main></body></html>`;
}

const STATUS_WORDS: Record<GatewayOrder['status'], string> = {
  pending: '待支付 Awaiting payment',
  paid: '已支付 Paid',
  cancelled: '已取消 Cancelled',
  failed: '支付失败 Payment failed',
  expired: '已过期 Expired',
};

/** The payer's page: the order and the four things a tester may make the bank do. */
export function payPage(order: GatewayOrder): string {
  const details = `<dl>
<dt>商户订单号 <span lang="en">Order</span></dt><dd>${escape(order.orderNo)}</dd>
<dt>商品 <span lang="en">For</span></dt><dd>${escape(order.subject)}</dd>
<dt>金额 <span lang="en">Amount</span></dt><dd class="amount">${yuan(order.amountFen)}</dd>
<dt>有效期至 <span lang="en">Pay by</span></dt><dd>${escape(order.expiresAt.toISOString())}</dd>
<dt>状态 <span lang="en">Status</span></dt><dd>${STATUS_WORDS[order.status]}</dd>
</dl>`;
  const back = `<a class="button" href="${escape(returnAddress(order))}">返回商户 <span lang="en">Back to the merchant</span></a>`;
  const actions =
    order.status === 'pending'
      ? `<form method="post" action="/pay/${escape(order.gatewayOrderId)}">
<button class="primary" name="outcome" value="pay">确认支付 <span lang="en">Pay</span></button>
<button name="outcome" value="cancel">取消支付 <span lang="en">Cancel</span></button>
<button name="outcome" value="fail">模拟支付失败 <span lang="en">Make it fail</span></button>
<button name="outcome" value="expire">让订单过期 <span lang="en">Let it expire</span></button>
</form>`
      : back;
  return frame(
    '收银台 Checkout',
    `<h1>收银台 <span lang="en">Checkout</span></h1><div class="card">${details}${actions}</div>`,
  );
}

export function notFoundPage(): string {
  return frame('订单不存在 No such order', '<h1>订单不存在 <span lang="en">No such order</span></h1>');
}

export function returnAddress(order: GatewayOrder): string {
  const url = new URL(order.returnUrl);
  url.searchParams.set('orderNo', order.orderNo);
  return url.toString();
}
