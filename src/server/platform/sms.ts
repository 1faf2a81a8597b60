import { createHmac, timingSafeEqual } from 'node:crypto';
import { internationalNumber, phoneKey } from '../../core/outbox';
import type { Db, Tx } from './database';
import { newId } from './ids';
import { outboxMessages } from './mail.table';
import { deliveryRuns, DeliveryError, isOptedOut, type DeliveryRun, type OutboxTransport } from './outbox';

export interface OutgoingText {
  programId: string | null;
  /** A phone number, best in international form (+15550100100): providers need it so. */
  to: string;
  text: string;
  /** As for e-mail: a second message with the same key is not written. */
  idempotencyKey?: string;
}

/**
 * Outgoing text messages through the same durable outbox as e-mail (ADR 0012). A text to a number
 * that opted out (STOP) is kept as `suppressed` and never sent. With the `log` provider (the demo)
 * texts are kept as `captured`.
 */
export interface Texter {
  readonly isCapturing: boolean;
  /** Resolves to false when a message with the same idempotency key already exists. */
  enqueue(tx: Db | Tx, text: OutgoingText, at: Date): Promise<boolean>;
  deliverPending(db: Db, at: () => Date): Promise<DeliveryRun>;
  /** Delivers now, in the background, if anything was queued since the last run began (after a write request). */
  deliverSoon(db: Db, at: () => Date, onError: (err: Error) => void): Promise<DeliveryRun | void> | null;
  /** A stopping server's last call: claims nothing more and waits for the message in hand (ADR 0043). */
  drain(): Promise<void>;
  /** The provider's inbound-message webhook check, or null when the provider reports nothing inbound. */
  readonly inbound: InboundVerifier | null;
}

export interface InboundVerifier {
  /** Whether a webhook request is really from the provider. `url` is the address the provider called. */
  verify(url: string, params: Record<string, string>, signature: string | undefined): boolean;
}

export interface SmsProviderConfig {
  provider: 'twilio';
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
  /** The country calling code of numbers written without one ("1": North America). */
  countryCode: string;
}

/** Twilio error codes that mean "this recipient opted out" (21610) or "this number cannot take texts". */
const TWILIO_OPTED_OUT = new Set([21610]);
const TWILIO_BAD_NUMBER = new Set([21211, 21612, 21614, 21408, 21606]);

/**
 * Twilio's Programmable Messaging API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json, HTTP
 * basic auth (account SID, auth token), form-encoded To, From, Body. The base URL is configurable
 * (tests point it at a local server; Twilio-compatible gateways work too).
 */
export function twilioTransport(cfg: SmsProviderConfig, opts: { timeoutMs?: number } = {}): OutboxTransport {
  const url = `${cfg.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(cfg.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${cfg.accountSid}:${cfg.authToken}`).toString('base64')}`;
  return {
    async send(m) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({
            To: internationalNumber(m.toAddress, cfg.countryCode),
            From: cfg.from,
            Body: m.bodyText,
          }).toString(),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
          redirect: 'error',
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: unknown; syscall?: unknown } }).cause;
        // Only a failure to connect proves the request never left; a timeout or a cut connection may
        // come after Twilio created the message.
        if (cause?.syscall === 'connect' || cause?.syscall === 'getaddrinfo' || cause?.code === 'ECONNREFUSED')
          throw new DeliveryError(String(cause.code ?? 'connect'), 'retry');
        const name = (err as { name?: unknown }).name;
        throw new DeliveryError(name === 'TimeoutError' ? 'timeout' : 'network', 'unknown');
      }
      const body = (await res.json().catch(() => null)) as { sid?: unknown; code?: unknown } | null;
      if (res.ok) return { providerRef: typeof body?.sid === 'string' ? body.sid : null };
      const code = typeof body?.code === 'number' ? body.code : null;
      const label = code ? `${res.status}/${code}` : String(res.status);
      if (code && TWILIO_OPTED_OUT.has(code)) throw new DeliveryError(label, 'opted_out');
      if ((code && TWILIO_BAD_NUMBER.has(code)) || res.status === 401 || res.status === 403 || res.status === 404)
        // A bad number stays bad; bad credentials are retried (an operator may fix them) — but a 401
        // means the request was refused, so retrying cannot send twice.
        throw new DeliveryError(label, code && TWILIO_BAD_NUMBER.has(code) ? 'permanent' : 'retry');
      // 400 for other reasons, 429 (rate limit), 5xx: Twilio did not create the message.
      throw new DeliveryError(label, 'retry');
    },
  };
}

/**
 * Twilio's webhook signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token, of the
 * full URL Twilio called followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function twilioVerifier(authToken: string): InboundVerifier {
  return {
    verify(url, params, signature) {
      if (!signature) return false;
      const expected = Buffer.from(twilioSignature(authToken, url, params));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export function createTexter(opts: {
  sms: SmsProviderConfig | null;
  /** Tests replace the provider's transport. */
  transport?: OutboxTransport;
  /** Told, without the number or the text, when the log-only provider captures a message. */
  onCaptured?: (id: string) => void;
}): Texter {
  const transport = opts.transport ?? (opts.sms ? twilioTransport(opts.sms) : null);
  const runs = deliveryRuns('sms', transport);
  return {
    isCapturing: transport === null,
    inbound: opts.sms ? twilioVerifier(opts.sms.authToken) : null,
    async enqueue(tx, text, at) {
      const id = newId();
      const state = (await isOptedOut(tx, text.to))
        ? 'suppressed'
        : !phoneKey(text.to)
          ? 'failed'
          : transport
            ? 'queued'
            : 'captured';
      const rows = await tx
        .insert(outboxMessages)
        .values({
          id,
          channel: 'sms',
          programId: text.programId,
          toAddress: text.to.trim(),
          subject: '',
          bodyText: text.text,
          idempotencyKey: text.idempotencyKey ?? null,
          state,
          lastError: state === 'failed' ? 'invalid_number' : null,
          createdAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: outboxMessages.id });
      if (rows.length > 0 && state === 'captured') opts.onCaptured?.(id);
      if (rows.length > 0 && state === 'queued') runs.queued();
      return rows.length > 0;
    },
    deliverPending: runs.deliverPending,
    deliverSoon: runs.deliverSoon,
    drain: runs.drain,
  };
}
