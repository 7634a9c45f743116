/**
 * @module rules/shape
 * The save-time size check, done iteratively before any recursion so that a rule nested 50,000
 * levels deep is rejected with a pointer instead of overflowing the stack.
 */
import { type Issue, issue } from "../errors/kam-error.ts";
import { ptrAt } from "../errors/pointer.ts";
import type { RuleLimits } from "./limits.ts";

interface Frame {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Frame | undefined;
  readonly token: string | number | undefined;
}

function pointerOf(base: string, frame: Frame): string {
  const tokens: Array<string | number> = [];
  for (let f: Frame | undefined = frame; f?.token !== undefined; f = f.parent) tokens.push(f.token);
  return ptrAt(base, ...tokens.reverse());
}

/** True when `value` is a JSON Logic operation: an object with exactly one key. */
export function isOperation(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1
  );
}

/**
 * Checks depth, node count, array-literal length and approximate size. Returns the first issue
 * of each kind found (at most one per kind) and stops walking once a limit is exceeded.
 */
export function checkRuleShape(rule: unknown, limits: RuleLimits, base: string): Issue[] {
  const issues: Issue[] = [];
  const stack: Frame[] = [{ value: rule, depth: 0, parent: undefined, token: undefined }];
  let nodes = 0;
  let chars = 0;
  let tooLarge = false;

  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    const { value } = frame;
    nodes++;
    if (nodes > limits.maxNodes) {
      issues.push(issue("RULE_TOO_MANY_NODES", base, { limit: limits.maxNodes }));
      break;
    }
    if (typeof value === "string") chars += value.length + 2;
    else if (value === null || typeof value !== "object") chars += String(value).length;
    else chars += 2;
    if (chars > limits.maxRuleChars) {
      issues.push(issue("RULE_TOO_LARGE", base, { limit: limits.maxRuleChars }));
      break;
    }
    if (value === null || typeof value !== "object") continue;

    if (Array.isArray(value)) {
      // An operation's own argument list is not a level; an array literal is.
      const argumentList = frame.parent !== undefined && isOperation(frame.parent.value);
      const depth = argumentList ? frame.depth : frame.depth + 1;
      if (depth > limits.maxDepth) {
        issues.push(issue("RULE_TOO_DEEP", pointerOf(base, frame), { limit: limits.maxDepth }));
        break;
      }
      if (!argumentList && value.length > limits.maxArrayLiteral) {
        issues.push(
          issue("RULE_TOO_LARGE", pointerOf(base, frame), { limit: limits.maxArrayLiteral }),
        );
        tooLarge = true;
      }
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], depth, parent: frame, token: i });
      }
      continue;
    }
    const depth = frame.depth + 1;
    if (depth > limits.maxDepth) {
      issues.push(issue("RULE_TOO_DEEP", pointerOf(base, frame), { limit: limits.maxDepth }));
      break;
    }
    for (const key of Object.keys(value)) {
      chars += key.length + 3;
      stack.push({
        value: (value as Record<string, unknown>)[key],
        depth,
        parent: frame,
        token: key,
      });
    }
  }
  return tooLarge && issues.length > 1 ? issues.slice(0, 1) : issues;
}
