import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import { expandUrl, type webhookNode } from "./index.ts";

const config = {
  method: "POST",
  url: "https://erp.example.com/api/orders/{no}",
  urlParams: { no: { var: "record.number" } },
  headers: { Authorization: { secret: "erp-token" } },
  body: { "order.amount": { var: "record.amount" }, "order.currency": "CNY" },
  response: { variables: { erpOrderId: { var: "body.id" } } },
};
const extra = { variables: { erpOrderId: { type: "string" } } };
const record = { id: "c1", data: { number: "HT/2026 01", amount: 1200 } };

function call(overrides: Record<string, unknown> = {}) {
  const h = harness(
    around(["erp", "webhook", { ...config, ...overrides }], [["success", "done"]], { extra }),
    { record },
  );
  h.send({ type: "start" });
  return h;
}

describe("webhook node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof webhookNode.enter>[0]>().toEqualTypeOf<NodeConfig<"webhook">>();
  });

  it("rejects a URL that is not http(s) and an unknown method", () => {
    expect(configIssues("webhook", { method: "FETCH", url: "ftp://x.example/a" })).toEqual([
      { code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/nodes/1/config/method" },
      { code: "SHAPE_URL_INVALID", pointer: "/nodes/1/config/url" },
    ]);
  });

  it("fills URL placeholders URL-encoded", () => {
    expect(expandUrl("https://x.example/{a}?q={b}", { a: "HT/1 2", b: null })).toBe(
      "https://x.example/HT%2F1%202?q=",
    );
  });

  it("enqueues the call with a deterministic idempotency key and waits for its result", () => {
    const h = call();
    const [message] = h.effects("outbox.enqueue");
    expect(message).toMatchObject({
      kind: "webhook",
      idempotencyKey: `i1:${h.state.tokens[0]?.id}:${h.state.tokens[0]?.activation}:0`,
      payload: {
        method: "POST",
        url: "https://erp.example.com/api/orders/HT%2F2026%2001",
        headers: { Authorization: { secret: "erp-token" } },
        body: { order: { amount: 1200, currency: "CNY" } },
        timeout: "PT30S",
        idempotencyHeader: "Idempotency-Key",
      },
    });
    expect(h.state.tokens[0]?.wait).toMatchObject({
      for: "message",
      messages: [message!.messageId],
    });
  });

  it("on success sets variables from the response and leaves by success", () => {
    const h = call();
    const [message] = h.effects("outbox.enqueue");
    h.send({
      type: "outbox.result",
      messageId: message!.messageId,
      ok: true,
      final: true,
      response: { status: 201, body: { id: "SO-1" } },
    });
    expect(h.state).toMatchObject({
      status: "completed",
      outcome: "done",
      variables: { erpOrderId: "SO-1" },
    });
  });

  it("judges success by successWhen when given", () => {
    const h = call({ response: { successWhen: { "==": [{ var: "body.code" }, 0] } } });
    const [message] = h.effects("outbox.enqueue");
    h.send({
      type: "outbox.result",
      messageId: message!.messageId,
      ok: true,
      final: true,
      response: { status: 200, body: { code: 7 } },
    });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_WEBHOOK_FAILED",
      nodeId: "erp",
      params: { status: 200 },
    });
  });

  it("records a failed try, becomes an incident after the last, and a retry calls again", () => {
    const h = call();
    const [first] = h.effects("outbox.enqueue");
    h.send({
      type: "outbox.result",
      messageId: first!.messageId,
      ok: false,
      final: false,
      error: { message: "timeout" },
      attempt: 1,
    });
    expect(h.state.status).toBe("waiting");
    expect(h.last?.history).toMatchObject([
      { type: "outbox.result", ok: false, final: false, attempt: 1 },
    ]);
    h.send({
      type: "outbox.result",
      messageId: first!.messageId,
      ok: true,
      final: true,
      response: { status: 503 },
    });
    expect(h.state.status).toBe("incident");
    expect(h.effects("incident.raise")).toMatchObject([
      { nodeId: "erp", error: { code: "FLOW_WEBHOOK_FAILED", pointer: "/nodes/1" } },
    ]);

    h.send({ type: "retry", actor: "admin" });
    const [second] = h.effects("outbox.enqueue");
    expect(h.effects("incident.resolve")).toHaveLength(1);
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
    expect(second?.idempotencyKey.endsWith(":1")).toBe(true);
    h.send({
      type: "outbox.result",
      messageId: second!.messageId,
      ok: true,
      final: true,
      response: { status: 200, body: { id: "SO-2" } },
    });
    expect(h.state).toMatchObject({ status: "completed", variables: { erpOrderId: "SO-2" } });
    expect(h.state.incident).toBeUndefined();
  });
});
