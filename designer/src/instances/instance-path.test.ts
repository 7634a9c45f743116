import { describe, expect, it } from "vitest";
import { instancePath } from "./instance-path.ts";

const entered = (nodeId: string) => ({ kind: "node.entered", nodeId, data: {} });
const left = (nodeId: string, edgeId: string) => ({ kind: "node.left", nodeId, data: { edgeId } });

describe("instancePath", () => {
  it("marks the path taken and where the request waits", () => {
    const path = instancePath(
      [
        entered("start"),
        left("start", "e1"),
        entered("review"),
        { kind: "task.created", nodeId: "review", data: {} },
      ],
      false,
    );
    expect(path).toEqual({ visited: ["start", "review"], takenEdges: ["e1"], active: ["review"] });
  });

  it("waits nowhere once ended, and counts a node entered twice (a return) once per stay", () => {
    const history = [
      entered("start"),
      left("start", "e1"),
      entered("review"),
      left("review", "back"),
      entered("fix"),
      left("fix", "again"),
      entered("review"),
    ];
    expect(instancePath(history, false).active).toEqual(["review"]);
    expect(instancePath(history, true).active).toEqual([]);
    expect(instancePath(history, false).takenEdges).toEqual(["e1", "back", "again"]);
  });
});
