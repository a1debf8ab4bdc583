import type { Schemas } from '../../../shared/api.js';

export type ActivityListItem = Schemas['ActivityListItem'];

export type ActivityDetail = Schemas['ActivityDetail'];

export type Campaign = Schemas['Campaign'];

export type RotaDay = Schemas['RotaDay'];
