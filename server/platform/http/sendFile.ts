import type { FastifyReply } from 'fastify';
import { attachment } from './download.js';

/**
 * Sends a generated file as a download that no cache keeps: registers and archives carry
 * personal data and are made for the reader who asked.
 */
export function sendFile(reply: FastifyReply, file: { body: Buffer; type: string; name: string; asciiName: string }) {
  return reply
    .header('content-type', file.type)
    .header('content-disposition', attachment(file.name, file.asciiName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}
