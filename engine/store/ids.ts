/**
 * @module store/ids
 * Row ids: UUIDv7, so ids sort by creation time and B-tree inserts stay at the right edge.
 */
import { uuidv7 } from "uuidv7";

/**
 * A new time-ordered id (UUIDv7, 36 characters).
 * @example
 * const id = newId(); // "01927c1e-8f3a-7b2c-9d4e-5f6a7b8c9d0e"
 */
export function newId(): string {
  return uuidv7();
}
