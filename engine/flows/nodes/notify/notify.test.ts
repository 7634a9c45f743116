import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { notifyNode } from "./index.ts";

const body = { "zh-CN": "工单 {n} 已关闭", en: "Ticket {n} closed" };

describe("notify node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof notifyNode.enter>[0]>().toEqualTypeOf<NodeConfig<"notify">>();
  });

  it("rejects an unknown channel and a body missing a locale", () => {
    expect(
      configIssues("notify", { channels: ["sms"], to: [{ kind: "initiator" }], body: { en: "x" } }),
    ).toEqual([
      { code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/nodes/1/config/channels/0" },
      { code: "SHAPE_I18N_LOCALE_MISSING", pointer: "/nodes/1/config/body/zh-CN" },
    ]);
  });

  it("writes one outbox message per channel with parameters computed now, and continues", () => {
    const config = {
      channels: ["in-app", "email"],
      to: [{ kind: "record-owner" }, { kind: "role", role: "lead" }],
      emailFields: ["contact.email", "missing"],
      body,
      params: { n: { var: "record.number" } },
    };
    const h = harness(around(["n", "notify", config]), {
      directory: { roles: { lead: ["l1", "kam"] } },
      record: {
        id: "r1",
        owner: "kam",
        data: { number: "T-9", contact: { email: "buyer@acme.cn" } },
      },
    });
    h.send({ type: "start" });
    const messages = h.effects("outbox.enqueue");
    expect(messages.map((m) => [m.kind, m.payload.to, m.payload.emails, m.payload.params])).toEqual(
      [
        ["notification", ["kam", "l1"], undefined, { n: "T-9" }],
        ["email", ["kam", "l1"], ["buyer@acme.cn"], { n: "T-9" }],
      ],
    );
    expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(2);
    expect(h.state.status).toBe("completed");
  });
});
