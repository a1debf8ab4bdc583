import { z } from 'zod';
import { ROLES } from '../../../common/enums.js';

export const AccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES.keys),
  region: z.object({ code: z.string(), name: z.string() }).nullable(),
  stations: z.array(z.object({ id: z.number(), name: z.string() })),
  deputy: z.object({ id: z.number(), name: z.string() }).nullable(),
  unit: z.object({ id: z.number(), name: z.string() }).nullable(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
}).meta({ id: 'Account' });
export type AccountView = z.infer<typeof AccountSchema>;
