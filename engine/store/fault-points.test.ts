/**
 * Fault points: disarmed they do nothing; armed they throw an InjectedFault (not a KamError) as
 * often as asked — a count, after some passes, or a seeded probability that repeats run to run —
 * and `FAULT_POINT` arms them in a child process, refusing a typo.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  armFault,
  armFromEnvironment,
  disarmFaults,
  FAULT_POINTS,
  faultPoint,
  InjectedFault,
} from "./fault-points.ts";

/** How many of `n` passes of `commit.before` threw. */
function failures(n: number): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) {
    try {
      faultPoint("commit.before");
      out.push(false);
    } catch (error) {
      expect(error).toBeInstanceOf(InjectedFault);
      out.push(true);
    }
  }
  return out;
}

describe("fault points", () => {
  afterEach(() => disarmFaults());

  it("do nothing unless armed", () => {
    for (const point of FAULT_POINTS) expect(() => faultPoint(point)).not.toThrow();
  });

  it("fail a count of passes, after letting some through, then stop", () => {
    const fault = armFault({ point: "commit.before", after: 2, times: 2 });
    expect(failures(6)).toEqual([false, false, true, true, false, false]);
    expect({ fired: fault.fired, passes: fault.passes }).toEqual({ fired: 2, passes: 4 });
    // Another point is not affected.
    expect(() => faultPoint("commit.after")).not.toThrow();
  });

  it("fail with a seeded probability: the same seed, the same passes", () => {
    const first = armFault({ point: "commit.before", probability: 0.3, seed: 7 });
    const a = failures(200);
    first.disarm();
    armFault({ point: "commit.before", probability: 0.3, seed: 7 });
    expect(failures(200)).toEqual(a);
    const rate = a.filter(Boolean).length / a.length;
    expect(rate).toBeGreaterThan(0.15);
    expect(rate).toBeLessThan(0.45);
  });

  it("throw the arming's own error, and stop when disarmed", () => {
    const fault = armFault({ point: "timer.claimed", times: 5, error: () => new RangeError("x") });
    expect(() => faultPoint("timer.claimed")).toThrow(RangeError);
    fault.disarm();
    expect(() => faultPoint("timer.claimed")).not.toThrow();
  });

  it("are armed from FAULT_POINT, and a typo is refused", () => {
    const [once, twice] = armFromEnvironment({ FAULT_POINT: "commit.before,commit.after@1:2" });
    expect(failures(2)).toEqual([true, false]);
    expect(once?.fired).toBe(1);
    expect(() => faultPoint("commit.after")).not.toThrow();
    expect(() => faultPoint("commit.after")).toThrow(InjectedFault);
    expect(() => faultPoint("commit.after")).toThrow(InjectedFault);
    expect(() => faultPoint("commit.after")).not.toThrow();
    expect(twice?.fired).toBe(2);
    disarmFaults();
    const [random] = armFromEnvironment({ FAULT_POINT: "commit.before:0.5", FAULT_SEED: "3" });
    failures(100);
    expect(random?.fired).toBeGreaterThan(20);
    expect(() => armFromEnvironment({ FAULT_POINT: "comit.before" })).toThrow(/Unknown fault/);
    expect(() => armFromEnvironment({ FAULT_POINT: "commit.before:2.5" })).toThrow(/count/);
    expect(armFromEnvironment({})).toEqual([]);
  });
});
