/** The registry records as the server presents them (server/presenters). */
import type { Schemas } from '../../shared/api.js';

export type ReceptionSchedule = Schemas['ReceptionSchedule'];

export type Station = Schemas['Station'];

export type StationListItem = Schemas['StationListItem'];

export type Deputy = Schemas['Deputy'];

export type DeputyListItem = Schemas['DeputyListItem'];

export type UnitContact = Schemas['Unit']['contacts'][number];

export type Unit = Schemas['Unit'];

export type Account = Schemas['Account'];
