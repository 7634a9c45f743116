import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isNodeType, nodeConfigSchemas, nodeTypes } from "./node-types.ts";

const nodesDir = fileURLToPath(new URL("./nodes/", import.meta.url));
const schemaFiles = readdirSync(nodesDir).filter((f) => f.endsWith(".schema.ts"));

describe("node-types", () => {
  it("lists every node schema file, exporting the file's own schema", async () => {
    for (const file of schemaFiles) {
      const type = file.replace(/\.schema\.ts$/, "");
      expect(isNodeType(type), `${file} is not in node-types.ts`).toBe(true);
      const exported = Object.values(await import(/* @vite-ignore */ `./nodes/${file}`));
      expect(exported).toContain(nodeConfigSchemas[type as keyof typeof nodeConfigSchemas]);
    }
  });

  it("has a schema file for every listed type", () => {
    expect(nodeTypes.map((t) => `${t}.schema.ts`).sort()).toEqual([...schemaFiles].sort());
  });

  it("covers the node types of DESIGN §3.4", () => {
    expect(nodeTypes).toEqual([
      "start",
      "end",
      "task",
      "approval",
      "condition",
      "parallel",
      "join",
      "wait",
      "action",
      "notify",
      "webhook",
      "subflow",
    ]);
  });

  it("recognises only own node type names", () => {
    expect(isNodeType("approval")).toBe(true);
    expect(isNodeType("toString")).toBe(false);
    expect(isNodeType("__proto__")).toBe(false);
    expect(isNodeType(3)).toBe(false);
  });
});
