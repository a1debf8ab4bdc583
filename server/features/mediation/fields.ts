/**
 * The input fields of mediation records with stable field codes (REQUIRED, TEXT_TOO_LONG,
 * OPTION_INVALID, PHONE_INVALID, DATE_INVALID, DATE_IN_FUTURE) and their zh/en messages.
 */
import { z } from 'zod';
import { DISPUTE_TYPES, LEGAL_OFFICER_ROLES, MEDIATION_OUTCOMES, PARTY_SIDES } from '../../../common/mediation.js';
import { CivilDate, Id, MobilePhone } from '../../platform/http/schemas.js';

const requiredText = (max: number) => z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TEXT_TOO_LONG' });
const text = (max: number) => z.string({ error: 'REQUIRED' }).trim().max(max, { error: 'TEXT_TOO_LONG' });
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: 'OPTION_INVALID' });

const PartyBody = z.object({
  side: oneOf(PARTY_SIDES.keys),
  name: requiredText(50).meta({ description: 'A private person: masked for anyone not handling the mediation' }),
  phone: MobilePhone.nullable().default(null),
});

export const MediationBody = z.object({
  stationId: Id,
  disputeType: oneOf(DISPUTE_TYPES.keys),
  title: requiredText(200),
  description: text(5000).default(''),
  receivedOn: CivilDate,
  parties: z.array(PartyBody).min(2, { error: 'REQUIRED' }).max(20),
});
export type MediationInput = z.infer<typeof MediationBody>;

export const SessionBody = z.object({
  heldOn: CivilDate,
  place: requiredText(200),
  deputyIds: z.array(Id).max(30).default([]),
  legalOfficerRole: oneOf(LEGAL_OFFICER_ROLES.keys).nullable().default(null),
  legalOfficerName: text(50).nullable().default(null),
  villageSecretary: text(50).nullable().default(null),
  notes: text(5000).default(''),
  logActivity: z.boolean().default(true).meta({ description: 'Also log the session as an activity of kind mediation (履职活动), with the deputies present' }),
});
export type SessionInput = z.infer<typeof SessionBody>;

export const CloseBody = z.object({
  outcome: oneOf(MEDIATION_OUTCOMES.keys),
  note: text(2000).default(''),
  closedOn: CivilDate,
});

export const AgreementBody = z.object({
  name: requiredText(200),
  data: z.string({ error: 'REQUIRED' }).min(1, { error: 'REQUIRED' }).max(14_000_000).meta({ description: 'The file, base64 (PDF or a photo, at most 10 MB)' }),
});

export const FiguresBody = z.object({
  stationId: Id,
  year: z.number().int().min(2000).max(2200),
  constituentsReceived: z.number().int().min(0).max(1_000_000),
  opinionsCollected: z.number().int().min(0).max(1_000_000),
});
