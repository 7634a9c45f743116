import { readFileSync } from "node:fs";

/** kamflow's version, read once from the package.json at the root of the repository. */
export const engineVersion: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;
