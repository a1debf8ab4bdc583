/**
 * The 普宁 clocks (上码说 立马办) on a case: the station's transfer (acceptance to assignment,
 * within 24 hours), the unit's sign-for limit (working days from assignment) and the handling
 * deadline, which counts from the earlier of the signing day and the sign-for limit's last day,
 * so a unit that signs late does not get a fresh full period.
 */
import { sql } from 'kysely';
import { now } from '../../platform/clock.js';

/** The station transfers within this many hours of accepting a case (日清日结). */
export const TRANSFER_HOURS = 24;

/** Assigned and not signed for past the sign-for limit, by the server's clock (read at each call). */
export const signOverdueExpr = () => sql<boolean>`(o.state = 'assigned' and o.sign_due_at < ${now()})`;
