/** The input fields of the former deputies' roster with stable field codes and their zh/en messages. */
import { z } from 'zod';
import { FORMER_FIELDS, FORMER_ROLES } from '../../../common/formerDeputies.js';
import { CivilDate, Id, MobilePhone } from '../../platform/http/schemas.js';

const requiredText = (max: number) => z.string({ error: 'REQUIRED' }).trim().min(1, { error: 'REQUIRED' }).max(max, { error: 'TEXT_TOO_LONG' });
const text = (max: number) => z.string({ error: 'REQUIRED' }).trim().max(max, { error: 'TEXT_TOO_LONG' });
const unique = <T>(list: T[]) => new Set(list).size === list.length;

export const ProfileBody = z.object({
  stationId: Id.meta({ description: 'The 代表之家 (a station the former deputy belongs to) they serve at' }),
  fields: z.array(z.enum(FORMER_FIELDS.keys, { error: 'OPTION_INVALID' })).max(6).refine(unique, { error: 'DUPLICATE_VALUES' }),
  roles: z.array(z.enum(FORMER_ROLES.keys, { error: 'OPTION_INVALID' })).max(4).refine(unique, { error: 'DUPLICATE_VALUES' }),
  cardIssuedOn: CivilDate.nullable().default(null).meta({ description: 'The day the 特邀联络员 card was issued; today when null for a new card' }),
});
export type ProfileInput = z.infer<typeof ProfileBody>;

export const OpinionBody = z.object({
  collectedOn: CivilDate,
  content: requiredText(5000),
  place: text(200).default(''),
  name: text(50).nullable().default(null).meta({ description: 'The constituent: masked for anyone not handling the opinion' }),
  phone: MobilePhone.nullable().default(null),
});
export type OpinionInput = z.infer<typeof OpinionBody>;

export const AnswerBody = z.object({ answer: requiredText(2000) });

export const CarryBody = z.object({
  carrierDeputyId: Id.meta({ description: 'The current deputy of the station who carries the opinion and takes responsibility for it' }),
  categoryId: Id,
});
