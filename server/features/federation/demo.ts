import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { WriteContext } from '../../platform/audit/audit.js';
import type { DemoStep } from '../../platform/feature.js';
import { createPeer } from './peers.js';
import { describePublicKey } from './protocol.js';

/**
 * The demo's federation peer: 山东's instance, which may hand cases to the 豫鲁 joint station
 * (the 阳谷 and 梁山 sides are 山东's). Its key is made up on the spot and its private half
 * thrown away, so nobody can sign as it: to try the inbound API, register a peer of your own
 * (README, "Federation").
 */
async function loadFederationDemo(ctx: WriteContext): Promise<void> {
  const station = await ctx.trx.selectFrom('station').select('id').where('name', '=', '豫鲁跨省联建人大代表联络站').executeTakeFirst();
  if (!station) return;
  const { privateKey } = generateKeyPairSync('ed25519');
  await createPeer(ctx, {
    id: 'shandong', name: '山东省人大代表联络站平台', baseUrl: 'https://lianxin.shandong.example.gov.cn',
    publicKey: describePublicKey(createPublicKey(privateKey)).pem, stationIds: [station.id], active: true,
  });
}

export const FEDERATION_DEMO: DemoStep = { order: 60, run: loadFederationDemo };
