export const AUDIT_ERRORS = {
  AUDIT_CHECKPOINT_CONFLICT: {
    status: 409,
    zh: '审计日志已不再包含第 {seq} 个检查点封存的记录 {id}(链 {chain}):日志在此后被截断或改写,未写入新检查点;请运行校验',
    en: 'The audit log no longer holds record {id} (chain {chain}) that checkpoint {seq} sealed: it was cut or rewritten since; no new checkpoint was written. Run the verification',
  },
} as const;

type AuditErrors = typeof AUDIT_ERRORS;
declare module '../../platform/errors.js' {
  interface ErrorCatalog extends AuditErrors {} // eslint-disable-line @typescript-eslint/no-empty-object-type
}
