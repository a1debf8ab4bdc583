import type { AbilityTable } from '../../platform/access/abilities.js';

/** Accounts: administrators and staff manage those of their reach (the kernel's accountManageable). A role not listed gets 403. */
export const abilities = {
  'account.read': ['admin', 'staff'],
  'account.create': ['admin', 'staff'],
  'account.update': ['admin', 'staff'],
} as const satisfies AbilityTable;

declare module '../../platform/access/abilities.js' {
  interface AbilityCatalog { accounts: typeof abilities }
}
