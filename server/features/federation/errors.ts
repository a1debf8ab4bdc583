import type { ErrorSpec } from '../../platform/errors.js';

/** The errors of federation between provinces; each has its row in the README. */
export const FEDERATION_ERRORS = {
  FEDERATION_SIGNATURE_INVALID: {
    status: 401,
    zh: '联邦请求的签名缺失或无效(Lianxin-Peer、Lianxin-Sent-At、Lianxin-Signature)',
    en: 'The federation request is not signed, or its signature does not verify (Lianxin-Peer, Lianxin-Sent-At, Lianxin-Signature)',
  },
  FEDERATION_PEER_UNKNOWN: { status: 401, zh: '发送方不是已登记的联邦对端', en: 'The sender is not a registered federation peer' },
  FEDERATION_PEER_DISABLED: { status: 403, zh: '该联邦对端已停用', en: 'This federation peer is disabled' },
  FEDERATION_CLOCK_SKEW: {
    status: 401,
    zh: '请求时间与本实例时间相差超过 {minutes} 分钟,请校准时钟后重发',
    en: 'The request time is more than {minutes} minutes from this instance’s clock; correct the clock and send again',
  },
  FEDERATION_BODY_INVALID: { status: 400, zh: '联邦报文格式不正确,请检查标出的字段', en: 'The federation message is malformed; see the fields named' },
  FEDERATION_STATION_NOT_ALLOWED: {
    status: 403,
    zh: '该联邦对端无权向联络站 {stationId} 移交意见',
    en: 'This federation peer may not hand cases to station {stationId}',
  },
  FEDERATION_MESSAGE_REUSED: {
    status: 409,
    zh: '该消息编号已用于内容不同的另一条报文',
    en: 'This message id was already used for a different message',
  },
  FEDERATION_MESSAGE_UNKNOWN: { status: 404, zh: '本实例未收到该对端的这条消息', en: 'This instance has no such message from this peer' },
  FEDERATION_KEY_INVALID: {
    status: 400,
    zh: '公钥须为 Ed25519 公钥:PEM(-----BEGIN PUBLIC KEY-----)或 32 字节的 base64',
    en: 'The public key must be an Ed25519 key: a PEM (-----BEGIN PUBLIC KEY-----) or its 32 bytes in base64',
  },
  FEDERATION_PEER_IN_USE: {
    status: 409,
    zh: '该联邦对端已移交过意见,不能删除,请改为停用',
    en: 'This peer has handed cases over and cannot be removed; disable it instead',
  },
  FEDERATION_PEER_EXISTS: { status: 409, zh: '联邦对端“{id}”已登记', en: 'The federation peer “{id}” is already registered' },
  FEDERATION_STATION_INVALID: {
    status: 400,
    zh: '只能向联邦对端开放本实例在用的跨省联建联络站',
    en: 'A peer may only hand cases to active cross-province stations of this instance',
  },
} as const satisfies Record<string, ErrorSpec>;

type FederationErrors = typeof FEDERATION_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends FederationErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
