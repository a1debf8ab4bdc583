import { generateKeyPairSync, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describePublicKey, parsePrivateKey } from './protocol.js';

export interface FederationIdentity {
  privateKey: KeyObject;
  publicKey: { pem: string; raw: string; fingerprint: string };
}

const loaded = new Map<string, FederationIdentity>();

/**
 * This instance's Ed25519 key pair from its key file (PKCS#8 PEM), created there (mode 0600)
 * when the file does not exist yet. Read once per process and file.
 */
export function federationIdentity(keyFile: string): FederationIdentity {
  const known = loaded.get(keyFile);
  if (known) return known;
  if (!existsSync(keyFile)) {
    const { privateKey } = generateKeyPairSync('ed25519');
    mkdirSync(path.dirname(keyFile), { recursive: true });
    // `wx`: if another process created it meanwhile, fail here and read theirs below.
    try { writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' }); } catch { /* read below */ }
  }
  const privateKey = parsePrivateKey(readFileSync(keyFile, 'utf8'));
  const identity = { privateKey, publicKey: describePublicKey(createPublicKey(privateKey)) };
  loaded.set(keyFile, identity);
  return identity;
}
