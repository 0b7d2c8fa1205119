import { isIP, ValidateBy } from 'class-validator';

/** The address ranges Express (proxy-addr) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

const isAddressOrRange = (entry: string): boolean => {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !isIP(address)) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (isIP(address, '4') ? 32 : 128);
};

/**
 * The proxies whose forwarding headers (X-Forwarded-For, -Proto, -Host) are believed, as Express's
 * `trust proxy` takes them: `none` (the default: the client is the connecting address), a number of hops,
 * or a comma-separated list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal.
 */
export function trustProxySetting(value: string): false | number | string[] {
  const trimmed = value.trim();
  if (trimmed === 'none') return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed.split(',').map((entry) => entry.trim());
}

export const IsTrustProxy = () =>
  ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        const setting = trustProxySetting(value);
        return !Array.isArray(setting) || setting.every(isAddressOrRange);
      },
      defaultMessage: () =>
        'TRUST_PROXY must be none, a number of proxy hops, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal',
    },
  });
