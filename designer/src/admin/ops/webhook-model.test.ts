import { describe, expect, it } from "vitest";
import { webhookEventTypes } from "../../../../schemas/api/webhooks.schema.ts";
import { isHttpUrl } from "./WebhookForm.tsx";
import {
  redeliverable,
  WEBHOOK_EVENTS,
  type WebhookSubscription,
  webhookBody,
} from "./webhook-model.ts";

const values = {
  url: " https://hooks.example.com/k ",
  events: ["task.created"],
  description: "",
  forms: [],
  flows: ["order-approval"],
  active: true,
  allowPrivateNetwork: false,
};

describe("webhook bodies", () => {
  it("offers exactly the events the API accepts", () => {
    expect(WEBHOOK_EVENTS).toEqual([...webhookEventTypes]);
  });
  it("creates with what is set", () => {
    expect(webhookBody(values)).toEqual({
      url: "https://hooks.example.com/k",
      events: ["task.created"],
      flows: ["order-approval"],
      active: true,
      allowPrivateNetwork: false,
    });
  });
  it("changes only what differs", () => {
    const before: WebhookSubscription = {
      id: "w1",
      url: "https://hooks.example.com/k",
      events: ["task.created"],
      flows: ["order-approval"],
      forms: null,
      description: null,
      active: true,
      allowPrivateNetwork: false,
      createdAt: 1,
      updatedAt: 1,
    };
    expect(webhookBody(values, before)).toEqual({});
    expect(webhookBody({ ...values, active: false, flows: [] }, before)).toEqual({
      active: false,
      flows: null,
    });
  });
  it("checks URLs and which deliveries may be sent again", () => {
    expect(isHttpUrl("http://127.0.0.1:8080/x")).toBe(true);
    expect(isHttpUrl("ftp://x")).toBe(false);
    expect(isHttpUrl("not a url")).toBe(false);
    const d = { status: "failed" } as Parameters<typeof redeliverable>[0];
    expect(redeliverable(d)).toBe(true);
    expect(redeliverable({ ...d, status: "pending" })).toBe(false);
  });
});
