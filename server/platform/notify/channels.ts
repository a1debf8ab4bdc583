import type { ChannelName } from '../db/schemaJobs.js';

/** One outbox row as a channel sends it. */
export interface OutboxMessage {
  id: number;
  channel: ChannelName;
  /** The address on the channel: a phone number, an openid, a username… */
  recipient: string;
  subject: string;
  body: string;
  notificationId: number | null;
}

/** What a channel may address an account by (see `AddressSource`). */
export interface Recipient {
  username: string;
  /** The deputy's mobile number, for deputy accounts. */
  phone: string | null;
}

/**
 * What part of an account a channel reaches it by: its username (the log), the mobile number of
 * its deputy (a text gateway), or nothing (texts to the numbers constituents left only). Declared
 * rather than worked out, so that `notify` finds every address in the statement that writes the
 * notifications.
 */
export type AddressSource = 'username' | 'phone' | null;

/** The account's address on a channel, or null when the channel does not reach it. */
export function channelAddress(channel: DeliveryChannel, recipient: Recipient): string | null {
  return channel.addressedBy === null ? null : recipient[channel.addressedBy];
}

/**
 * A way of reaching people outside the app. `notify` writes one outbox message per account
 * for every registered channel that has an address for it; the `outbox.deliver` job calls
 * `deliver`, and a throw is retried through the job queue. Deliveries run inside the job's
 * transaction (on PGlite that holds the database), so a network channel must time out in
 * seconds, and must tolerate an occasional repeat (a worker dying after sending).
 */
export interface DeliveryChannel {
  readonly name: ChannelName;
  /** What part of an account is its address on this channel (see `channelAddress`); null: no account is reached. */
  readonly addressedBy: AddressSource;
  deliver(message: OutboxMessage): Promise<void>;
}

export interface LineLogger {
  info(obj: object, msg?: string): void;
}

/** One JSON line on standard output, the shape pino writes. */
const stdoutLogger: LineLogger = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), ...obj, msg })),
};

/**
 * The channel every installation has: each message delivered is one structured log line naming
 * the outbox message, its notification and the account by ids, never its text. A notification's
 * subject and body name constituents, cases and places, and a log is copied, shipped and kept
 * where nobody masks it; the text stays in the database (`outbox`, `notification`).
 */
export class LogChannel implements DeliveryChannel {
  readonly name = 'log' as const;
  readonly addressedBy = 'username' as const;
  constructor(private readonly logger: LineLogger = stdoutLogger) {}

  async deliver(message: OutboxMessage): Promise<void> {
    this.logger.info({ channel: this.name, outboxId: message.id, notificationId: message.notificationId, recipient: message.recipient }, 'notification');
  }
}

/**
 * The SMS channel every installation has until a gateway is plugged in under the name `sms`: it
 * sends nothing and writes one log line per text message, with the outbox message's id only (the
 * number and the text, which may carry a tracking link's key, stay in the `outbox` row). It gives
 * no account an address: texts go to the phone numbers constituents left, through `sendToAddress`.
 */
export class SmsLogChannel implements DeliveryChannel {
  readonly name = 'sms' as const;
  readonly addressedBy = null;
  constructor(private readonly logger: LineLogger = stdoutLogger) {}

  async deliver(message: OutboxMessage): Promise<void> {
    this.logger.info({ channel: this.name, outboxId: message.id, notificationId: message.notificationId }, 'sms');
  }
}

const channels = new Map<ChannelName, DeliveryChannel>([['log', new LogChannel()], ['sms', new SmsLogChannel()]]);

/** Adds a channel, or replaces the one of the same name (e.g. the log channel with the app's logger). */
export function registerChannel(channel: DeliveryChannel): void {
  channels.set(channel.name, channel);
}

export function unregisterChannel(name: ChannelName): void {
  channels.delete(name);
}

export function deliveryChannels(): DeliveryChannel[] {
  return [...channels.values()];
}

export function deliveryChannel(name: ChannelName): DeliveryChannel | undefined {
  return channels.get(name);
}
