/** The password of every demo account (printed at a first start with demo data; never for a real installation). */
export const DEMO_PASSWORD = 'Lianxin@2026';
