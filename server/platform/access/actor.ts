import type { Role } from '../../../common/enums.js';

/** Who is acting: a signed-in account (or the system) with the role and what its scope hangs on. */
export interface Actor {
  kind: 'account';
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
 * key). It holds no role and no scope: no ability admits it and every scope filter gives it
 * nothing, so a rule written for any role (even the least privileged, `unit`) never reaches it.
 */
export interface PublicActor {
  kind: 'public';
  accountId: 0;
  username: 'constituent';
  displayName: string;
  role?: never;
}

/** Anyone a write or a scope filter may be done for: an account, or the public. */
export type AnyActor = Actor | PublicActor;

export const PUBLIC_ACTOR: PublicActor = Object.freeze({
  kind: 'public',
  accountId: 0,
  username: 'constituent',
  displayName: '群众',
});

/** The system itself (first start, demo loading, scheduled work). */
export const SYSTEM_ACTOR: Actor = {
  kind: 'account',
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
