/**
 * Federation routes: the administrators' register of peers and this instance's identity, and
 * the inbound API other provinces' instances call (signed, no cookie, no CSRF token).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, errorResponses, OkResponse } from '../../platform/http/schemas.js';
import { runWrite } from '../../platform/http/write.js';
import { federationIdentity } from './identity.js';
import { caseStatus, receiveCase, type SignedRequest } from './inbound.js';
import { createPeer, getPeer, listPeers, PeerBody, PeerPatch, removePeer, updatePeer } from './peers.js';
import { Envelope, FEDERATION_HEADERS, PEER_ID } from './protocol.js';

const Label = z.object({ zh: z.string(), en: z.string() });
const Peer = z.object({
  id: z.string(), name: z.string(), baseUrl: z.string(), publicKey: z.string(), fingerprint: z.string(), active: z.boolean(), version: z.number(),
  stations: z.array(z.object({ id: z.number(), name: z.string() })),
  received: z.number().meta({ description: 'Cases it handed over so far' }), lastReceivedAt: z.string().nullable(),
}).meta({ id: 'FederationPeer' });
const PeerParams = z.object({ id: z.string().regex(PEER_ID) });
const manage = { access: 'authenticated', ability: 'federation.manage' } as const;
const tags = ['federation'];

export const federationRoutes: FastifyPluginAsyncZod = async (app) => {
  // With an identity configured, its key file is created on the first start, not on the first look.
  if (app.config.federationId) federationIdentity(app.config.federationKeyFile);

  app.get('/api/federation/identity', {
    config: manage,
    schema: {
      tags, summary: '本实例联邦身份 This instance id and Ed25519 public key, to register at the other provinces',
      response: {
        200: z.object({
          id: z.string().nullable().meta({ description: 'LIANXIN_FEDERATION_ID; null: this instance is not federated' }),
          publicKey: z.string().nullable().meta({ description: 'SPKI PEM' }), publicKeyRaw: z.string().nullable().meta({ description: 'The 32 key bytes in base64' }),
          fingerprint: z.string().nullable(), inboundUrl: z.string(),
        }).meta({ id: 'FederationIdentity' }),
        ...errorResponses,
      },
    },
  }, async () => {
    const id = app.config.federationId;
    const key = id ? federationIdentity(app.config.federationKeyFile).publicKey : null;
    return { id, publicKey: key?.pem ?? null, publicKeyRaw: key?.raw ?? null, fingerprint: key?.fingerprint ?? null, inboundUrl: `${app.config.publicBaseUrl}/api/federation/v1/cases` };
  });

  app.get('/api/federation/peers', {
    config: manage,
    schema: { tags, summary: '联邦对端 The other provinces instances registered here', response: { 200: z.object({ items: z.array(Peer) }), ...errorResponses } },
  }, async () => ({ items: await listPeers(app.db) }));

  app.get('/api/federation/peers/:id', {
    config: manage,
    schema: { tags, summary: '联邦对端详情 One peer', params: PeerParams, response: { 200: Peer, ...errorResponses } },
  }, async (request) => getPeer(app.db, request.params.id));

  app.post('/api/federation/peers', {
    config: manage,
    schema: {
      tags, summary: '登记联邦对端 Register another province instance: id, name, base URL, public key, the stations it may hand cases to',
      description: '400 FEDERATION_KEY_INVALID, FEDERATION_STATION_INVALID; 409 FEDERATION_PEER_EXISTS.',
      body: PeerBody, response: { 201: Peer, ...errorResponses },
    },
  }, async (request, reply) => {
    const id = await runWrite(request, (ctx) => createPeer(ctx, request.body));
    return reply.status(201).send(await getPeer(app.db, id));
  });

  app.patch('/api/federation/peers/:id', {
    config: manage,
    schema: {
      tags, summary: '修改联邦对端 Change a peer: name, URL, key (rotation), stations, enabled',
      description: '400 FEDERATION_KEY_INVALID, FEDERATION_STATION_INVALID; 409 CONFLICT (version).',
      params: PeerParams, body: PeerPatch, response: { 200: Peer, ...errorResponses },
    },
  }, async (request) => {
    await runWrite(request, (ctx) => updatePeer(ctx, request.params.id, request.body));
    return getPeer(app.db, request.params.id);
  });

  app.delete('/api/federation/peers/:id', {
    config: manage,
    schema: { tags, summary: '删除联邦对端 Remove a peer that never handed a case over', description: '409 FEDERATION_PEER_IN_USE.', params: PeerParams, response: { 200: OkResponse, ...errorResponses } },
  }, async (request) => {
    await runWrite(request, (ctx) => removePeer(ctx, request.params.id));
    return { ok: true as const };
  });
};

const signedHeaders = z.object({
  [FEDERATION_HEADERS.peer]: z.string().meta({ description: 'The sending instance id' }),
  [FEDERATION_HEADERS.sentAt]: z.string().meta({ description: 'ISO 8601 time of signing, within 5 minutes of this instance clock' }),
  [FEDERATION_HEADERS.signature]: z.string().meta({ description: 'Ed25519 signature (base64) of the canonical string; see docs/ARCHITECTURE.md' }),
}).partial();
const signedErrors = { 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };
const Delivery = z.object({ messageId: z.string(), trackingCode: z.string(), replayed: z.boolean() }).meta({ id: 'FederationDelivery' });

/** The exact body bytes of each inbound request: the signature covers them. */
const rawBodies = new WeakMap<object, Buffer>();

function signedRequest(request: { method: string; url: string; headers: SignedRequest['headers']; raw: object }): SignedRequest {
  return { method: request.method, path: request.url.split('?')[0]!, headers: request.headers, body: rawBodies.get(request.raw) ?? Buffer.alloc(0) };
}

export const federationInboundRoutes: FastifyPluginAsyncZod = async (app) => {
  // In this plugin only: keep the bytes as received, then parse; a body that is not JSON is
  // refused by the handler after the signature is checked.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    rawBodies.set(request.raw, body as Buffer);
    done(null, {});
  });

  app.post('/api/federation/v1/cases', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags: ['federation'], summary: '接收外省实例移交的意见 A case handed over by another province instance (signed)',
      description: 'Signed by the sending instance (headers Lianxin-Peer, Lianxin-Sent-At, Lianxin-Signature; docs/ARCHITECTURE.md "Federation between provinces"). '
        + 'Idempotent by messageId: a retry answers 200 with the same tracking code and writes nothing. '
        + '401 FEDERATION_SIGNATURE_INVALID, FEDERATION_PEER_UNKNOWN, FEDERATION_CLOCK_SKEW; 403 FEDERATION_PEER_DISABLED, FEDERATION_STATION_NOT_ALLOWED; '
        + '400 FEDERATION_BODY_INVALID, TEXT_ENCODING_INVALID (bytes not UTF-8, naming the field), TEXT_LONE_SURROGATE, VALIDATION_FAILED (category), CASE_PLACE_OUTSIDE_STATION; 409 FEDERATION_MESSAGE_REUSED.',
      headers: signedHeaders,
      body: Envelope.meta({ id: 'FederationEnvelope' }),
      response: { 200: Delivery, 201: Delivery, 400: ErrorResponse, 409: ErrorResponse, ...signedErrors },
    },
    // The envelope is checked by the handler, after the signature: validation here only documents it.
    attachValidation: true,
  }, async (request, reply) => {
    const delivery = await receiveCase(app.db, signedRequest(request), request.ip);
    return reply.status(delivery.replayed ? 200 : 201).send(delivery);
  });

  app.get('/api/federation/v1/cases/:messageId', {
    config: { access: 'public', rateLimit: { max: 300, timeWindow: '1 minute' } },
    schema: {
      tags: ['federation'], summary: '查询移交意见的办理状态 The state of a case the asking instance handed over (signed, as above, over an empty body)',
      description: '404 FEDERATION_MESSAGE_UNKNOWN for another peer message.',
      headers: signedHeaders, params: z.object({ messageId: z.string().max(64) }),
      response: {
        200: z.object({
          messageId: z.string(), originTrackingCode: z.string(), trackingCode: z.string(), state: z.string(), stateLabel: Label,
          receivedAt: z.string(), updatedAt: z.string(), closedAt: z.string().nullable(),
        }).meta({ id: 'FederationCaseStatus' }),
        ...signedErrors,
      },
    },
  }, async (request) => caseStatus(app.db, signedRequest(request), request.params.messageId));
};
