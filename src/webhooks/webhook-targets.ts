// Where a webhook may point. Checked at registration and again before every delivery (the name
// may resolve elsewhere by then: DNS rebinding), and the delivery then connects to the address
// checked here, not to a second lookup. Private targets are allowed only with
// WEBHOOK_ALLOW_PRIVATE_TARGETS=true.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** Loopback, private, link-local (cloud metadata included), shared, reserved, multicast, documentation. */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Whether `address` (IPv4 or IPv6) is one a webhook may not reach. IPv4 inside IPv6 is judged as IPv4. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return FORBIDDEN.check(address, 'ipv4');
  if (family !== 6) return true;
  const embedded = embeddedIpv4(address);
  if (embedded) return FORBIDDEN.check(embedded, 'ipv4');
  return FORBIDDEN.check(address, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d) or NAT64 (64:ff9b::) IPv6 one. */
function embeddedIpv4(address: string): string | null {
  const words = expandIpv6(address);
  if (!words) return null;
  const prefixZero = words.slice(0, 5).every((w) => w === 0);
  const mapped = prefixZero && words[5] === 0xffff;
  const compatible = prefixZero && words[5] === 0 && (words[6] !== 0 || words[7] > 1);
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!mapped && !compatible && !nat64) return null;
  return [words[6] >> 8, words[6] & 0xff, words[7] >> 8, words[7] & 0xff].join('.');
}

/** The eight 16-bit words of an IPv6 address (a dotted IPv4 tail included), or null. */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const octets = dotted[1].split('.').map(Number);
    text =
      text.slice(0, -dotted[1].length) +
      `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((w) => parseInt(w, 16)) : []);
  const first = parse(head);
  const last = parse(tail);
  const words = tail === undefined ? first : [...first, ...new Array(8 - first.length - last.length).fill(0), ...last];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/** Why `raw` cannot be a webhook URL, or null when its form is fine (where it resolves is checked apart). */
export function urlProblem(raw: string): string | null {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH) return `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not carry credentials (the signature authenticates us)';
  if (!url.hostname) return 'must name a host';
  return null;
}

export class ForbiddenTargetError extends Error {
  constructor(
    readonly host: string,
    reason: string,
  ) {
    super(`${host} ${reason}`);
    this.name = 'ForbiddenTargetError';
  }
}

/**
 * The addresses `hostname` resolves to, all of them allowed; throws ForbiddenTargetError when it
 * does not resolve or any address is forbidden (a name with one private address among public
 * ones could be made to connect there).
 */
export async function resolveTarget(hostname: string, allowPrivate: boolean): Promise<string[]> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw new ForbiddenTargetError(host, 'does not resolve');
    }
  }
  if (!addresses.length) throw new ForbiddenTargetError(host, 'does not resolve');
  if (!allowPrivate && addresses.some(isForbiddenAddress)) {
    throw new ForbiddenTargetError(host, 'resolves to a loopback, private, link-local or metadata address');
  }
  return addresses;
}
