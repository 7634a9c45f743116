import { describe, expect, it } from "vitest";
import { createLogger } from "./logging.ts";

describe("logger", () => {
  it("writes level, time and message first, then the fields, as one JSON line", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line), now: () => 0 });
    logger.info("request", { requestId: "r1", path: '/x"\n', status: 200, ms: 1.25 });
    logger.warn("plain");
    logger.debug("dropped below the level");
    logger.error("odd", { msg: "replaced in place", gone: undefined, nested: { a: [1] } });
    expect(lines).toEqual([
      '{"level":"info","time":"1970-01-01T00:00:00.000Z","msg":"request","requestId":"r1","path":"/x\\"\\n","status":200,"ms":1.25}',
      '{"level":"warn","time":"1970-01-01T00:00:00.000Z","msg":"plain"}',
      '{"level":"error","time":"1970-01-01T00:00:00.000Z","msg":"replaced in place","nested":{"a":[1]}}',
    ]);
  });

  it("formats each line's own time", () => {
    const lines: string[] = [];
    let now = 0;
    const logger = createLogger({
      level: "info",
      write: (line) => lines.push(line),
      now: () => now,
    });
    logger.info("a");
    now = 1500;
    logger.info("b");
    expect(lines.map((l) => JSON.parse(l).time)).toEqual([
      "1970-01-01T00:00:00.000Z",
      "1970-01-01T00:00:01.500Z",
    ]);
  });
});
