import { describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import { addressClass, assertWebhookTarget, hostClass } from "./webhook-target.ts";

describe("webhook target rule", () => {
  it("classifies IPv4 and IPv6 addresses, mapped and NAT64 ones by their IPv4 address", () => {
    const cases: Array<[string, string]> = [
      ["93.184.215.14", "public"],
      ["127.0.0.1", "loopback"],
      ["127.8.9.10", "loopback"],
      ["169.254.169.254", "link-local"],
      ["10.1.2.3", "private"],
      ["172.16.0.1", "private"],
      ["172.32.0.1", "public"],
      ["192.168.0.1", "private"],
      ["100.64.0.1", "private"],
      ["0.0.0.0", "reserved"],
      ["224.0.0.1", "reserved"],
      ["255.255.255.255", "reserved"],
      ["::1", "loopback"],
      ["::", "reserved"],
      ["fe80::1", "link-local"],
      ["fd00::1", "private"],
      ["ff02::1", "reserved"],
      ["2001:db8::1", "reserved"],
      ["2606:4700::1111", "public"],
      ["::ffff:169.254.169.254", "link-local"],
      ["::ffff:a9fe:a9fe", "link-local"],
      ["::ffff:8.8.8.8", "public"],
      ["64:ff9b::a00:1", "private"],
      ["not an address", "reserved"],
    ];
    for (const [address, expected] of cases) expect(addressClass(address), address).toBe(expected);
  });

  it("classifies host names by their form", () => {
    expect(hostClass("localhost")).toBe("loopback");
    expect(hostClass("api.localhost")).toBe("loopback");
    expect(hostClass("erp")).toBe("private");
    expect(hostClass("metadata.google.internal")).toBe("private");
    expect(hostClass("printer.local.")).toBe("private");
    expect(hostClass("[::1]")).toBe("loopback");
    expect(hostClass("hooks.example.com")).toBe("public");
  });

  it("normalises what it accepts and throws a code with a pointer for what it refuses", () => {
    const no = { allowPrivateNetwork: false };
    const yes = { allowPrivateNetwork: true };
    expect(assertWebhookTarget("https://Hooks.Example.com/a?b=1", no)).toBe(
      "https://hooks.example.com/a?b=1",
    );
    expect(assertWebhookTarget("http://127.1:8080/x", yes)).toBe("http://127.0.0.1:8080/x");
    expect(assertWebhookTarget("http://10.0.0.1/x", yes)).toBe("http://10.0.0.1/x");
    const refused = (url: string, options = no) => {
      try {
        assertWebhookTarget(url, options, "/target");
      } catch (error) {
        expect(error).toBeInstanceOf(KamError);
        expect((error as KamError).pointer).toBe("/target");
        return (error as KamError).code;
      }
      return "accepted";
    };
    // The server's own host needs the admin's flag, like a private network.
    expect(refused("http://127.0.0.1:8080/x")).toBe("WEBHOOK_TARGET_FORBIDDEN");
    expect(refused("http://0xa9.0xfe.0xa9.0xfe/", yes)).toBe("WEBHOOK_TARGET_FORBIDDEN");
    expect(refused("http://169.254.169.254.nip.io/")).toBe("WEBHOOK_TARGET_FORBIDDEN"); // plain http
    expect(refused("https://10.0.0.1/")).toBe("WEBHOOK_TARGET_FORBIDDEN");
    expect(refused("http://example.com/")).toBe("WEBHOOK_TARGET_FORBIDDEN");
    expect(refused("file:///etc/passwd", yes)).toBe("WEBHOOK_TARGET_INVALID");
    expect(refused("https://a:b@example.com/")).toBe("WEBHOOK_TARGET_INVALID");
    expect(refused("//example.com")).toBe("WEBHOOK_TARGET_INVALID");
  });
});
