import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** See migrations/0040_federation.ts for what each table holds. */
export interface FederationPeerTable {
  id: string;
  name: string;
  base_url: string;
  /** SPKI PEM of the peer's Ed25519 key. */
  public_key: string;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FederationPeerStationTable {
  peer_id: string;
  station_id: number;
}

export interface FederationInboundTable {
  peer_id: string;
  message_id: string;
  /** SHA-256 of the envelope's `case` as canonical JSON (protocol.ts caseDigest). */
  case_sha256: string;
  opinion_id: ColumnType<number | null, number | null | undefined, number | null>;
  origin_tracking_code: string;
  origin_received_at: Timestamp;
  sent_at: Timestamp;
  received_at: Timestamp;
}

export interface FederationTables {
  federation_peer: FederationPeerTable;
  federation_peer_station: FederationPeerStationTable;
  federation_inbound: FederationInboundTable;
}
