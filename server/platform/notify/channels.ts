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

/** What `notify` knows about an account when asking a channel for its address. */
export interface Recipient {
  accountId: number;
  username: string;
  displayName: string;
  /** The deputy's mobile number, for deputy accounts. */
  phone: string | null;
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
  /** The account's address on this channel, or null to leave the account out. */
  address(recipient: Recipient): string | null;
  deliver(message: OutboxMessage): Promise<void>;
}

export interface LineLogger {
  info(obj: object, msg?: string): void;
}

/** One JSON line on standard output, the shape pino writes. */
const stdoutLogger: LineLogger = {
  info: (obj, msg) => console.log(JSON.stringify({ level: 30, time: Date.now(), ...obj, msg })),
};

/** Writes each message as a structured log line: the channel every installation has. */
export class LogChannel implements DeliveryChannel {
  readonly name = 'log' as const;
  constructor(private readonly logger: LineLogger = stdoutLogger) {}

  address(recipient: Recipient): string {
    return recipient.username;
  }

  async deliver(message: OutboxMessage): Promise<void> {
    this.logger.info({
      channel: this.name,
      outboxId: message.id,
      notificationId: message.notificationId,
      recipient: message.recipient,
      subject: message.subject,
      body: message.body,
    }, 'notification');
  }
}

/**
 * The SMS channel every installation has until a gateway is plugged in under the name `sms`: it
 * writes each text message as a log line instead of sending it, with any link key masked (the
 * message's own secret stays between the outbox and the phone). It gives no account an address:
 * texts go to the phone numbers constituents left, through `sendToAddress`.
 */
export class SmsLogChannel implements DeliveryChannel {
  readonly name = 'sms' as const;
  constructor(private readonly logger: LineLogger = stdoutLogger) {}

  address(): null {
    return null;
  }

  async deliver(message: OutboxMessage): Promise<void> {
    this.logger.info({
      channel: this.name,
      outboxId: message.id,
      recipient: message.recipient.length > 4 ? `${'*'.repeat(message.recipient.length - 4)}${message.recipient.slice(-4)}` : message.recipient,
      body: maskLinkKeys(message.body),
    }, 'sms');
  }
}

/** A text with the value of every `key=` in a link masked. */
function maskLinkKeys(text: string): string {
  return text.replace(/([?&]key=)[^&\s]+/g, '$1***');
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
