/**
 * Property tests: for generated rules over every operator and generated data, kamflow's compiled
 * rule and json-logic-js give the same value, or both throw.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRuleEngine } from "./index.ts";
import { dataArbitrary, ruleArbitrary } from "./testing/arbitraries.ts";
import { outcome, referenceClock, referenceLogic } from "./testing/reference.ts";

const engine = createRuleEngine({ clock: referenceClock });
const reference = referenceLogic();

describe("compiled rules agree with json-logic-js", () => {
  it("on generated rules and data", () => {
    fc.assert(
      fc.property(
        ruleArbitrary,
        fc.array(dataArbitrary, { minLength: 1, maxLength: 3 }),
        (rule, records) => {
          const compiled = outcome(() => engine.compile(rule));
          expect(compiled.ok, JSON.stringify(rule)).toBe(true);
          const run = (compiled as { value: (d: unknown) => unknown }).value;
          for (const data of records) {
            const ours = outcome(() => run(data));
            const theirs = outcome(() => reference.apply(rule as never, data as never));
            expect(ours).toEqual(theirs);
          }
        },
      ),
      { numRuns: 4000, seed: 20261123 },
    );
  });

  it("evaluating twice gives the same result (no state leaks between evaluations)", () => {
    fc.assert(
      fc.property(ruleArbitrary, dataArbitrary, (rule, data) => {
        const run = engine.compile(rule);
        expect(outcome(() => run(data))).toEqual(outcome(() => run(data)));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
