/**
 * A JSON Logic rule as kamflow stores it. The schema checks the shape (an operation is an object
 * with exactly one operator key); the rule compiler checks operators, arity, paths and limits.
 */
export const jsonLogicRuleSchema = {
  $id: "https://kamflow.dev/schemas/json-logic-rule.json",
  title: "JSON Logic rule",
  description:
    "A rule in JSON Logic (jsonlogic.com): a literal, an array of rules, or an operation " +
    '{"<operator>": <argument or array of arguments>}. Evaluated by kamflow\'s compiler with ' +
    "json-logic-js semantics, within a step and output budget.",
  anyOf: [
    { type: ["string", "number", "boolean", "null"] },
    { type: "array", maxItems: 1000, items: { $ref: "#" } },
    {
      type: "object",
      minProperties: 1,
      maxProperties: 1,
      propertyNames: { minLength: 1, maxLength: 64 },
      additionalProperties: { $ref: "#" },
    },
  ],
} as const;

/** `$ref` to the rule schema, for use inside other schemas. */
export const ruleRef = { $ref: jsonLogicRuleSchema.$id } as const;
