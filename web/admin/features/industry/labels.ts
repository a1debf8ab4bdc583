/** Labels of the industry vocabulary the server sends as codes. */
export const GAP_LABELS: Record<string, { zh: string; en: string }> = {
  lead_missing: { zh: '尚未明确牵头领导', en: 'No lead official' },
  conveners_short: { zh: '召集人不足 2 名', en: 'Fewer than 2 conveners' },
  residents_short: { zh: '驻点代表不足 5 名', en: 'Fewer than 5 resident deputies' },
};

export const VISIT_KINDS: Record<string, { zh: string; en: string }> = {
  visit: { zh: '走访', en: 'Visit' },
  research: { zh: '调研', en: 'Research' },
};
