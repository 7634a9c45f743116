/**
 * @module ports
 * Host-provided interfaces. The pure engine never reads the system clock itself: every clock read
 * goes through an injected `Clock`, so tests, simulations and the designer can move time.
 */

/** A source of the current time, as epoch milliseconds. */
export interface Clock {
  now(): number;
}

/** A clock fixed at one instant; `set` and `advance` move it (tests and simulations). */
export interface ManualClock extends Clock {
  set(epochMs: number): void;
  advance(ms: number): void;
}

/** Creates a manual clock starting at `epochMs`. */
export function manualClock(epochMs: number): ManualClock {
  let current = epochMs;
  return {
    now: () => current,
    set: (value) => {
      current = value;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Receives messages that rules write with the `log` operator. */
export type RuleLogger = (value: unknown) => void;
