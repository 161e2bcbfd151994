import { randomBytes } from 'node:crypto';
import { decryptSecret, encryptSecret, generateSecret } from './webhook-secrets';

describe('webhook secrets', () => {
  const key = randomBytes(32);

  it('generates Standard Webhooks secrets of 32 random bytes', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(generateSecret()).not.toBe(secret);
  });

  it('round-trips through encryption, never storing the secret in the clear', () => {
    const secret = generateSecret();
    const stored = encryptSecret(key, secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(encryptSecret(key, secret)).not.toBe(stored);
    expect(decryptSecret(key, stored)).toBe(secret);
  });

  it('refuses another key and an altered value', () => {
    const stored = encryptSecret(key, generateSecret());
    expect(() => decryptSecret(randomBytes(32), stored)).toThrow();
    const bytes = Buffer.from(stored.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => decryptSecret(key, `v1:${bytes.toString('base64')}`)).toThrow();
  });
});
