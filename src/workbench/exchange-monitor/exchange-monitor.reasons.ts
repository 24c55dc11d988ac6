// Why the exchange quarantined a message, in words an administrator reads without knowing the validator.
const reasonTexts: Record<string, { zh: string; en: string }> = {
  malformed: { zh: '报文格式错误，无法读取', en: 'Malformed: the message could not be read' },
  'bad-signature': { zh: '签名无效，来源无法确认', en: 'Bad signature: the sender cannot be confirmed' },
  stale: { zh: '过期或重放', en: 'Stale or replayed' },
  'unknown-type': { zh: '消息类型不在白名单内', en: 'Message type not on the whitelist' },
  'wrong-direction': { zh: '消息类型不允许这个方向', en: 'Message type not allowed in this direction' },
  oversized: { zh: '超过大小限制', en: 'Larger than the limit' },
  schema: { zh: '内容不符合该类型的报文格式', en: 'Content does not match the message type' },
  file: { zh: '附件类型不符或含不允许的内容', en: 'An attached file was refused' },
};

export function quarantineReasonText(reason: string, lang: 'zh' | 'en'): string {
  return Object.hasOwn(reasonTexts, reason) ? reasonTexts[reason]![lang] : reason;
}
