import { describe, expect, it } from "vitest";
import { batchedLineWriter } from "./log-writer.ts";

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("batched line writer", () => {
  it("writes a turn's first line at once and the rest together at the end of the turn, in order", async () => {
    const chunks: string[] = [];
    const write = batchedLineWriter((chunk) => chunks.push(chunk));
    write("a");
    expect(chunks).toEqual(["a\n"]);
    write("b");
    write("c");
    expect(chunks).toEqual(["a\n"]);
    await endOfTurn();
    expect(chunks).toEqual(["a\n", "b\nc\n"]);
    write("d");
    expect(chunks).toEqual(["a\n", "b\nc\n", "d\n"]);
    await endOfTurn();
    expect(chunks.join("")).toBe("a\nb\nc\nd\n");
  });

  it("writes a large batch before the turn ends", () => {
    const chunks: string[] = [];
    const write = batchedLineWriter((chunk) => chunks.push(chunk));
    const line = "x".repeat(1000);
    for (let i = 0; i < 100; i++) write(line);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("").length).toBeLessThan(100 * 1001);
  });
});
