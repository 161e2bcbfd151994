// Webhook signing secrets: generated in the Standard Webhooks format (`whsec_` + base64 of random
// bytes) and stored encrypted (AES-256-GCM under the configured key), so a database dump alone
// cannot sign a message a receiver would accept.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const SECRET_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FORMAT = 'v1';

/** A new secret: `whsec_` + base64 of 32 random bytes (the spec allows 24 to 64). */
export function generateSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
}

/** `v1:` + base64(iv | tag | ciphertext). */
export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64')}`;
}

/** The secret back; throws when the key is not the one it was stored with (or the value was altered). */
export function decryptSecret(key: Buffer, stored: string): string {
  const [format, body] = stored.split(':');
  if (format !== FORMAT || !body) throw new Error('Unknown webhook secret format');
  const bytes = Buffer.from(body, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
