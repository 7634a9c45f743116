import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { nodeConfigSchemas, nodeTypes } from "../../../schemas/index.ts";
import { builtinNodes, builtinRegistry } from "./index.ts";
import { createNodeRegistry } from "./registry.ts";
import { startNode } from "./start/index.ts";

const here = fileURLToPath(new URL(".", import.meta.url));
const folders = readdirSync(here).filter((name) => statSync(join(here, name)).isDirectory());

describe("builtinNodes", () => {
  it("lists every node type of schemas/flow/node-types.ts, in its order", () => {
    expect(builtinNodes.map((n) => n.type)).toEqual([...nodeTypes]);
  });

  it("has one folder per type, each with its index and test", () => {
    expect([...folders].sort()).toEqual(builtinNodes.map((n) => n.type).sort());
    for (const folder of folders) {
      const files = readdirSync(join(here, folder));
      expect(files, folder).toContain("index.ts");
      expect(files, folder).toContain(`${folder}.test.ts`);
    }
  });

  it("uses the config schema of schemas/flow/nodes itself (no copy)", () => {
    for (const node of builtinNodes) expect(node.configSchema).toBe(nodeConfigSchemas[node.type]);
  });

  it("describes each type for the designer in both locales, with ports", () => {
    for (const node of builtinNodes) {
      expect(node.meta.label["zh-CN"].length, node.type).toBeGreaterThan(0);
      expect(node.meta.label.en.length, node.type).toBeGreaterThan(0);
      expect(node.meta.description.en.length, node.type).toBeGreaterThan(0);
      expect(node.meta.icon.length, node.type).toBeGreaterThan(0);
      const terminal = node.behavior?.terminal === true;
      expect(node.ports.outputs.length === 0, node.type).toBe(terminal);
      expect(node.ports.inputs.length === 0, node.type).toBe(node.behavior?.start === true);
    }
  });

  // The start node waits only when an approver returns the request to the initiator (退回).
  it("gives resume to exactly the types that can wait", () => {
    const registry = builtinRegistry();
    for (const node of registry.list) {
      const waits = ["start", "task", "approval", "wait", "webhook", "subflow"].includes(node.type);
      expect(node.resume !== null, node.type).toBe(waits);
    }
  });
});

describe("createNodeRegistry", () => {
  it("throws on a type registered twice", () => {
    expect(() => createNodeRegistry([startNode, startNode])).toThrow(/NODE_TYPE_DUPLICATE/);
  });

  it("finds types by name, and fails loudly on an unknown one", () => {
    const registry = builtinRegistry();
    expect(registry.get("approval")?.ports.outputs).toEqual(["approved", "rejected"]);
    expect(registry.get("toString")).toBeUndefined();
    expect(() => registry.require("timer")).toThrow(/not registered/);
  });
});
