/**
 * B3: where a webhook may be sent. In production only HTTPS to public unicast addresses: the
 * address (or each address a name resolves to) is parsed and classified by ipaddr.js, an IPv4
 * address inside an IPv6 one judged as that address. Not in the domain: it leans on a library the
 * domain does not take (src/domain imports nothing but itself and libphonenumber). Not the
 * metrics route's isPrivateAddress either: that one says who may scrape (loopback and private
 * ranges only), this one refuses everything that is not public.
 */
import ipaddr from 'ipaddr.js';

/** A subscription's URL, as the policy sees it: its scheme and host (an address or a name). */
export interface WebhookTarget {
  readonly protocol: string;
  readonly hostname: string;
}

/** An IPv4 address inside an IPv6 one (mapped, translated, NAT64, 6to4, compatible), by where it sits in the groups. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const g = address.parts;
  const at = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
    case 'rfc6052':
      return at(g[6]!, g[7]!);
    case '6to4':
      return at(g[1]!, g[2]!);
    default:
      // ::a.b.c.d (IPv4-compatible, deprecated: ipaddr.js calls it unicast).
      return g.slice(0, 6).every((x) => x === 0) ? at(g[6]!, g[7]!) : null;
  }
}

/**
 * Whether an IP address is loopback, private, link-local, shared, reserved or otherwise not plain
 * public unicast (parsed and classified by ipaddr.js, any spelling, a zone id too). An IPv4 address
 * inside an IPv6 one is judged as that IPv4 address; local-use NAT64 (64:ff9b:1::/48) is refused
 * whatever it carries. Not an address: false.
 */
export function isNonPublicAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(text)) return false;
  const parsed = ipaddr.parse(text);
  if (parsed.kind() === 'ipv4') return parsed.range() !== 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  const [first, second, third] = v6.parts;
  if (first === 0x64 && second === 0xff9b && third === 1) return true;
  const inside = embeddedIpv4(v6);
  if (inside !== null) return inside.range() !== 'unicast';
  return v6.range() !== 'unicast';
}

/**
 * Why a target is refused (null: allowed). In production only HTTPS, and not to a loopback or
 * private address (nor `localhost`); `allowPrivate` (a setting, for tests and closed networks)
 * allows both.
 */
export function webhookTargetProblem(target: WebhookTarget, allowPrivate: boolean): string | null {
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return 'must be an https:// address';
  if (allowPrivate) return null;
  if (target.protocol !== 'https:') return 'must be an https:// address (http is allowed only with SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE)';
  const host = target.hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isNonPublicAddress(host))
    return 'must not be a loopback or private address (allowed only with SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE)';
  return null;
}
