// @vitest-environment jsdom
/**
 * The generated config form for every node type of the registry, in a DOM: each renders
 * without throwing, for its starting config and for every config of that type in the bundled
 * packs, and leaving the form without editing applies nothing (the config round-trips exactly:
 * no schema defaults, consts or padded arrays are filled in). Then edits: a picked approver kind
 * and an added SLA level are each one applied change.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createSchemaUtils } from "@rjsf/utils";
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { createElement } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createI18n } from "../../i18n/index.ts";
import { cspSafeValidator } from "../../rjsf/validator.ts";
import { defaultConfig, NODE_TYPES } from "../node-registry.ts";
import { ConfigForm, KEEP_DATA, plain } from "./ConfigForm.tsx";
import { configFormSchema, isEmptySchema } from "./config-schema.ts";

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
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  localStorage.setItem("kamflow.language", "en");
});
afterEach(cleanup);

const TEMPLATES = join(import.meta.dirname, "../../../../templates");
const byType = new Map<string, unknown[]>();
for (const pack of readdirSync(TEMPLATES)) {
  let files: string[] = [];
  try {
    files = readdirSync(join(TEMPLATES, pack, "flows"));
  } catch {
    continue;
  }
  for (const f of files) {
    const flow = JSON.parse(readFileSync(join(TEMPLATES, pack, "flows", f), "utf8")) as {
      nodes: { type: string; config?: unknown }[];
    };
    for (const n of flow.nodes) byType.set(n.type, [...(byType.get(n.type) ?? []), n.config ?? {}]);
  }
}

const i18n = createI18n();

function mount(type: string, config: unknown) {
  const schema = configFormSchema(type);
  if (!schema) throw new Error(`no schema for ${type}`);
  const onCommit = vi.fn();
  const view = render(
    createElement(
      I18nextProvider,
      { i18n },
      createElement(ConfigForm, { nodeId: "n1", schema, config, onCommit }),
    ),
  );
  return { onCommit, view };
}

/** Each distinct config once. */
const distinct = (configs: unknown[]) =>
  [...new Set(configs.map((c) => JSON.stringify(c)))].map((c) => JSON.parse(c) as unknown);

describe("generated config forms", () => {
  it("keep every pack config as it is when rjsf computes the form state", () => {
    let checked = 0;
    for (const info of NODE_TYPES) {
      const type = info.type as string;
      const form = configFormSchema(type);
      if (!form) throw new Error(type);
      const utils = createSchemaUtils(cspSafeValidator, form.schema, KEEP_DATA);
      for (const config of distinct([defaultConfig(type), ...(byType.get(type) ?? [])])) {
        expect(
          plain(utils.getDefaultFormState(form.schema, config)),
          `${type} ${JSON.stringify(config)}`,
        ).toEqual(config);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  for (const info of NODE_TYPES) {
    const type = info.type as string;
    it(`${type}: renders its pack configs and applies nothing when left unedited`, () => {
      const schema = configFormSchema(type);
      expect(schema).toBeDefined();
      // Rendering is slow in jsdom: the starting config and the first distinct pack configs.
      const configs = distinct([defaultConfig(type), ...(byType.get(type) ?? [])]).slice(0, 4);
      for (const config of configs) {
        if (isEmptySchema(schema?.schema)) continue;
        const { onCommit, view } = mount(type, structuredClone(config));
        const form = view.container.querySelector("[data-testid='config-form']");
        expect(form).not.toBeNull();
        act(() => {
          fireEvent.blur(form as Element);
        });
        expect(onCommit, JSON.stringify(config)).not.toHaveBeenCalled();
        view.unmount();
      }
    });
  }

  it("approval: changing an approver's kind is one applied change", async () => {
    const config = { approvers: [{ kind: "role", role: "cs-manager" }], mode: "any" };
    const { onCommit } = mount("approval", config);
    const approvers = within(screen.getByTestId("approvers-approvers"));
    expect(approvers.getAllByTestId("approver-row")).toHaveLength(1);
    await act(async () => {
      fireEvent.click(approvers.getByTestId("approver-add"));
    });
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit.mock.calls[0]?.[0]).toEqual({
      approvers: [
        { kind: "role", role: "cs-manager" },
        { kind: "user", userId: "" },
      ],
      mode: "any",
    });
  });

  it("approval: adding an SLA and a level are one applied change each", async () => {
    const config = { approvers: [{ kind: "initiator" }] };
    const { onCommit } = mount("approval", config);
    await act(async () => {
      fireEvent.click(screen.getByTestId("sla-enable"));
    });
    expect(onCommit).toHaveBeenLastCalledWith({
      approvers: [{ kind: "initiator" }],
      sla: { levels: [{ action: "remind", after: "PT4H" }] },
    });
  });
});
