import { TRACKING_STATUSES, type Waybill, type WaybillStatus } from './courier.store.ts';

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export const COURIER_CSS = `
body{font-family:system-ui,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#f3f5f7;color:#1b1f24}
main{max-width:32rem;margin:0 auto;padding:1.5rem 1rem}
h1{font-size:1.3rem;margin:0 0 .5rem}
.sandbox{background:#fff4d6;border:1px solid #c99a00;padding:.5rem .75rem;margin-bottom:1rem}
.card{background:#fff;border:1px solid #c6ccd3;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dt{color:#4a5561}dd{margin:0;overflow-wrap:anywhere}
ol,ul{padding-left:1.25rem}
form{display:flex;flex-direction:column;gap:.5rem}
button{font:inherit;padding:.7rem 1rem;border-radius:.4rem;border:1px solid #1b1f24;background:#fff;color:#1b1f24;cursor:pointer}
button:focus-visible,a:focus-visible{outline:3px solid #c99a00;outline-offset:2px}
`;

const STATUS_WORDS: Record<WaybillStatus, string> = {
  created: '已下单 Created',
  'picked-up': '已揽收 Picked up',
  'in-transit': '运输中 In transit',
  'out-for-delivery': '派送中 Out for delivery',
  delivered: '已签收 Delivered',
  failed: '派送失败 Delivery failed',
  cancelled: '已取消 Cancelled',
};

function frame(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escape(title)}</title><link rel="stylesheet" href="/courier.css"></head><body><main>
<p class="sandbox">快递沙箱：没有真实的包裹。 <span lang="en">Courier sandbox: no real parcel moves.</span></p>
${body}</main></body></html>`;
}

/** Every waybill the sandbox holds, newest first, each linking to its tracking page. */
export function listPage(waybills: Waybill[]): string {
  const rows = waybills
    .slice()
    .reverse()
    .map(
      (w) =>
        `<li><a href="/waybills/${escape(w.waybillNo)}">${escape(w.waybillNo)}</a> · ${STATUS_WORDS[w.status]}</li>`,
    )
    .join('');
  return frame(
    '运单 Waybills',
    `<h1>运单 <span lang="en">Waybills</span></h1><div class="card">${rows ? `<ul>${rows}</ul>` : '<p>暂无运单。 <span lang="en">No waybills yet.</span></p>'}</div>`,
  );
}

/** One parcel: its addresses, its steps so far, and a button for every step a tester may push. */
export function waybillPage(waybill: Waybill): string {
  const party = (p: Waybill['sender']) => `${escape(p.name)}，${escape(p.phone)}<br>${escape(p.address)}`;
  const details = `<dl>
<dt>运单号 <span lang="en">Waybill</span></dt><dd>${escape(waybill.waybillNo)}</dd>
<dt>订单号 <span lang="en">Order</span></dt><dd>${escape(waybill.orderNo)}</dd>
<dt>寄件人 <span lang="en">From</span></dt><dd>${party(waybill.sender)}</dd>
<dt>收件人 <span lang="en">To</span></dt><dd>${party(waybill.recipient)}</dd>
<dt>状态 <span lang="en">Status</span></dt><dd>${STATUS_WORDS[waybill.status]}</dd>
</dl>`;
  const events = waybill.events
    .map((e) => `<li>${escape(e.at.toISOString())} · ${STATUS_WORDS[e.status]} · ${escape(e.note)}</li>`)
    .join('');
  const buttons =
    waybill.status === 'cancelled'
      ? ''
      : `<form method="post" action="/waybills/${escape(waybill.waybillNo)}">${TRACKING_STATUSES.map(
          (s) => `<button name="status" value="${s}">推送：${STATUS_WORDS[s]}</button>`,
        ).join('')}</form>`;
  return frame(
    `运单 ${waybill.waybillNo}`,
    `<h1>运单 <span lang="en">Waybill</span> ${escape(waybill.waybillNo)}</h1>
<div class="card">${details}${events ? `<ol>${events}</ol>` : ''}</div>
<div class="card"><h2>推送轨迹 <span lang="en">Push a tracking event</span></h2>${buttons}</div>
<p><a href="/">全部运单 <span lang="en">All waybills</span></a></p>`,
  );
}

export function notFoundPage(): string {
  return frame('运单不存在 No such waybill', '<h1>运单不存在 <span lang="en">No such waybill</span></h1>');
}
