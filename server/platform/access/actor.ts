import type { Role } from '../../../common/enums.js';

/** Who is acting: the signed-in account with what its scope hangs on. */
export interface Actor {
  accountId: number;
  username: string;
  displayName: string;
  role: Role;
  /** Staff: the region whose subtree they run. */
  regionCode: string | null;
  /** Staff: that region's path; the subtree is every path starting with it. */
  scopePath: string | null;
  deputyId: number | null;
  unitId: number | null;
  mustChangePassword: boolean;
}

/**
 * A constituent acting without an account (a public submission, a rating with the tracking
 * key). It carries the least-privileged role with no unit, so every scope filter gives it nothing.
 */
export const CONSTITUENT_ACTOR: Actor = {
  accountId: 0,
  username: 'constituent',
  displayName: '群众',
  role: 'unit',
  regionCode: null,
  scopePath: null,
  deputyId: null,
  unitId: null,
  mustChangePassword: false,
};

/** The system itself (first start, demo loading, scheduled work). */
export const SYSTEM_ACTOR: Actor = {
  accountId: 0,
  username: 'system',
  displayName: '系统',
  role: 'admin',
  regionCode: null,
  scopePath: null,
  deputyId: null,
  unitId: null,
  mustChangePassword: false,
};
