/**
 * @module runtime/webhook-target
 * Where a webhook subscription may send (the SSRF rule). A subscription's URL is checked when it
 * is saved, and every address its host resolves to is checked again before each call (the
 * server's sender), so a name that later points inside the network is refused too:
 *
 * - `https://` to a public host: allowed.
 * - loopback (`localhost`, `127.0.0.0/8`, `::1`): like a private network — the server's own
 *   host runs other services (its own /metrics, a database admin) that no workspace should reach.
 * - link-local (`169.254.0.0/16` — cloud metadata services —, `fe80::/10`), unspecified,
 *   multicast, documentation and other reserved ranges: never.
 * - private networks (`10/8`, `172.16/12`, `192.168/16`, `100.64/10`, `fc00::/7`, and host
 *   names that only resolve inside a network: no dot, `.local`, `.internal`, `.lan`,
 *   `.home.arpa`…) and plain `http://` to other hosts: only when an admin sets
 *   `allowPrivateNetwork` on the subscription.
 * - user names and passwords in the URL, and schemes other than http and https: never.
 *
 * IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address they carry; the URL parser
 * already turns decimal, octal and hex IPv4 forms (`http://2852039166/`) into dotted ones.
 */
import { isIP } from "node:net";
import { KamError, type LocalizedParam } from "../errors/index.ts";

/** What kind of network a host or address is on. */
export type NetworkClass = "public" | "loopback" | "private" | "link-local" | "reserved";

const REASONS: Readonly<Record<Exclude<NetworkClass, "public"> | "insecure", LocalizedParam>> = {
  loopback: { en: "a loopback address", "zh-CN": "回环地址" },
  private: {
    en: "a private-network target needs allowPrivateNetwork, set by an admin",
    "zh-CN": "私有网络地址需要管理员开启 allowPrivateNetwork",
  },
  "link-local": {
    en: "link-local addresses (cloud metadata services) are never called",
    "zh-CN": "从不调用链路本地地址（云元数据服务）",
  },
  reserved: {
    en: "reserved, multicast and unspecified addresses are never called",
    "zh-CN": "从不调用保留、组播或未指定地址",
  },
  insecure: {
    en: "plain http is only for localhost; use https, or have an admin set allowPrivateNetwork",
    "zh-CN": "明文 http 仅限 localhost；请使用 https，或由管理员开启 allowPrivateNetwork",
  },
};

const INTERNAL_SUFFIXES = [
  ".local",
  ".localdomain",
  ".internal",
  ".intranet",
  ".lan",
  ".corp",
  ".home",
  ".home.arpa",
];

function ipv4Class(address: string): NetworkClass {
  const [a = 0, b = 0, c = 0] = address.split(".").map(Number);
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return "private";
  if (a === 100 && b >= 64 && b <= 127) return "private";
  if (
    a === 0 ||
    a >= 224 ||
    (a === 192 && b === 0 && (c === 0 || c === 2)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  )
    return "reserved";
  return "public";
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const [a = 0, b = 0, c = 0, d = 0] = dotted.split(".").map(Number);
    text = `${text.slice(0, -dotted.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<number>(Math.max(0, zeros)).fill(0), ...right];
}

function ipv6Class(address: string): NetworkClass {
  const g = ipv6Groups(address);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = () => `${g6 >> 8}.${g6 & 255}.${g7 >> 8}.${g7 & 255}`;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0) return g7 === 1 ? "loopback" : "reserved";
  if (upperZero && g5 === 0xffff) return ipv4Class(embedded()); // ::ffff:a.b.c.d
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return ipv4Class(embedded()); // NAT64 64:ff9b::a.b.c.d
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfec0) return "private";
  if ((g0 & 0xff00) === 0xff00) return "reserved";
  if (g0 === 0x2001 && g1 === 0x0db8) return "reserved";
  if (upperZero) return "reserved"; // deprecated IPv4-compatible forms
  return "public";
}

/** The network class of an IP address (v4 or v6, without brackets). */
export function addressClass(address: string): NetworkClass {
  const version = isIP(address);
  if (version === 4) return ipv4Class(address);
  if (version === 6) return ipv6Class(address);
  return "reserved";
}

/** The network class of a URL's host name (an address, or a name by its form). */
export function hostClass(hostname: string): NetworkClass {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (isIP(host)) return addressClass(host);
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (!host.includes(".") || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return "private";
  return "public";
}

/** Why a target of `cls` is refused (undefined: allowed). */
export function refusal(
  cls: NetworkClass,
  secure: boolean,
  allowPrivateNetwork: boolean,
): LocalizedParam | undefined {
  if (cls === "link-local" || cls === "reserved") return REASONS[cls];
  if ((cls === "private" || cls === "loopback") && !allowPrivateNetwork) return REASONS.private;
  if (!secure && !allowPrivateNetwork) return REASONS.insecure;
  return undefined;
}

/**
 * Checks a subscription's URL; returns it normalised.
 * @throws KamError WEBHOOK_TARGET_INVALID (not an http(s) URL, or credentials in it) or
 *   WEBHOOK_TARGET_FORBIDDEN (the SSRF rule above), with `pointer`.
 * @example
 * assertWebhookTarget("http://169.254.169.254/latest", { allowPrivateNetwork: true }, "/url"); // throws
 */
export function assertWebhookTarget(
  url: string,
  options: { allowPrivateNetwork: boolean },
  pointer = "/url",
): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new KamError("WEBHOOK_TARGET_INVALID", pointer, { url });
  }
  if (
    (parsed.protocol !== "https:" && parsed.protocol !== "http:") ||
    parsed.username !== "" ||
    parsed.password !== "" ||
    parsed.hostname === ""
  )
    throw new KamError("WEBHOOK_TARGET_INVALID", pointer, { url });
  const reason = refusal(
    hostClass(parsed.hostname),
    parsed.protocol === "https:",
    options.allowPrivateNetwork,
  );
  if (reason) throw new KamError("WEBHOOK_TARGET_FORBIDDEN", pointer, { url, reason });
  return parsed.href;
}
