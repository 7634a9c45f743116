// @vitest-environment jsdom
/**
 * Autosave in a DOM with a fake server: a save after the quiet period (not before, and later
 * for every further change), never beside a manual save nor a running autosave, each write under
 * the ETag the previous one received, and no more autosaving after a 409.
 */

import { act, cleanup, renderHook } from "@testing-library/react";
import { App } from "antd";
import { createElement, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { FlowDefinition } from "../../../schemas/index.ts";
import ticketJson from "../../../templates/strategic-service-sla/flows/strategic-ticket.json";
import { AppServices } from "../app-context.tsx";
import { createI18n } from "../i18n/index.ts";
import { FlowEditorContext } from "./editor-context.ts";
import { headerOf, toRfEdges, toRfNodes } from "./flow-convert.ts";
import { createFlowEditorStore } from "./flow-editor-store.ts";
import { outputsOf } from "./node-registry.ts";
import { AUTOSAVE_DELAY_MS, useDraftActions } from "./useDraftActions.ts";
import type { EditorIssue } from "./useFlowValidation.ts";

const ticket = ticketJson as unknown as FlowDefinition;

beforeAll(() => {
  Object.defineProperty(window, "matchMedia", {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
  localStorage.setItem("kamflow.language", "en");
});

/** A draft endpoint whose answers the test releases one by one. */
function fakeServer() {
  const puts: { ifMatch: string | undefined; release(status?: number): void }[] = [];
  let checksum = 0;
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    const status = await new Promise<number>((resolve) =>
      puts.push({ ifMatch: headers["if-match"], release: (s = 200) => resolve(s) }),
    );
    const body =
      status === 200
        ? {
            definition: { version: 2, status: "draft", checksum: `c${++checksum}` },
            valid: true,
            issues: [],
          }
        : { status, code: "HTTP_PRECONDITION_FAILED", title: "stale", issues: [] };
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": status === 200 ? "application/json" : "application/problem+json" },
    });
  });
  return { fetch, puts };
}

function setup() {
  const store = createFlowEditorStore<EditorIssue>();
  store
    .getState()
    .load(headerOf(ticket), toRfNodes(ticket.nodes), toRfEdges(ticket, outputsOf, "en", "default"));
  const i18n = createI18n();
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(
      I18nextProvider,
      { i18n },
      createElement(
        App,
        null,
        createElement(
          AppServices,
          null,
          createElement(FlowEditorContext.Provider, { value: store }, children),
        ),
      ),
    );
  const opened = { definition: ticket, version: 1, draftChecksum: undefined };
  const hook = renderHook(() => useDraftActions(opened), { wrapper });
  const edit = (label: string) =>
    act(() => {
      store.getState().updateNode("start", { label: { "zh-CN": label, en: label } });
    });
  const wait = (ms: number) =>
    act(async () => {
      vi.advanceTimersByTime(ms);
    });
  /** Lets resolved fetches and their continuations run. */
  const settle = () => act(async () => new Promise<void>((r) => setTimeout(r, 0)).then(() => {}));
  return { store, hook, edit, wait, settle };
}

let server: ReturnType<typeof fakeServer>;
beforeEach(() => {
  server = fakeServer();
  vi.stubGlobal("fetch", server.fetch);
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function flush() {
  vi.useRealTimers();
  await act(async () => new Promise<void>((r) => setTimeout(r, 10)));
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
}

describe("autosave", () => {
  it("saves after a quiet period, then again after further changes", async () => {
    const { store, hook, edit, wait } = setup();
    await edit("a");
    await wait(AUTOSAVE_DELAY_MS - 100);
    await edit("b"); // the quiet period starts again
    await wait(AUTOSAVE_DELAY_MS - 100);
    expect(server.puts).toHaveLength(0);
    await wait(100);
    await flush();
    expect(server.puts).toHaveLength(1);
    expect(hook.result.current.status.kind).toBe("saving");
    server.puts[0]?.release();
    await flush();
    expect(hook.result.current.status.kind).toBe("saved");
    expect(store.getState().dirty).toBe(false);
    expect(hook.result.current.hasDraft).toBe(true);

    await edit("c");
    await wait(AUTOSAVE_DELAY_MS);
    await flush();
    expect(server.puts).toHaveLength(2);
    expect(server.puts[1]?.ifMatch).toBe('"c1"');
    server.puts[1]?.release();
    await flush();
  });

  it("never writes beside a running write, and keeps unsaved what changed meanwhile", async () => {
    const { store, hook, edit, wait } = setup();
    await edit("a");
    await wait(AUTOSAVE_DELAY_MS);
    await flush();
    expect(server.puts).toHaveLength(1);
    // A manual save and another change while the autosave runs: nothing else is sent yet.
    let saved: Promise<boolean> | undefined;
    await act(async () => {
      saved = hook.result.current.save();
    });
    expect(hook.result.current.busy).toBe(true);
    await edit("b");
    await wait(AUTOSAVE_DELAY_MS);
    await flush();
    expect(server.puts).toHaveLength(1);
    server.puts[0]?.release();
    await flush();
    // The first answer came back while "b" was unsaved: still changed.
    expect(server.puts).toHaveLength(2);
    expect(server.puts[1]?.ifMatch).toBe('"c1"');
    server.puts[1]?.release();
    await flush();
    await expect(saved).resolves.toBe(true);
    expect(store.getState().dirty).toBe(false);
    expect(hook.result.current.busy).toBe(false);
    // The autosave timer found the manual save had it covered.
    await wait(AUTOSAVE_DELAY_MS * 2);
    await flush();
    expect(server.puts).toHaveLength(2);
  });

  it("stops after a conflict and shows it", async () => {
    const { hook, edit, wait } = setup();
    await edit("a");
    await wait(AUTOSAVE_DELAY_MS);
    await flush();
    server.puts[0]?.release(409);
    await flush();
    expect(hook.result.current.status.kind).toBe("off");
    expect(hook.result.current.problem?.status).toBe(409);
    await edit("b");
    await wait(AUTOSAVE_DELAY_MS * 2);
    await flush();
    expect(server.puts).toHaveLength(1);
  });

  it("asks before leaving with unsaved changes", async () => {
    const { edit } = setup();
    const quiet = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(quiet);
    expect(quiet.defaultPrevented).toBe(false);
    await edit("a");
    const leaving = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);
  });
});
