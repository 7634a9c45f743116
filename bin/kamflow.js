#!/usr/bin/env node
// The kamflow command. The sources are TypeScript; tsx compiles them on load, so the command
// runs from a fresh checkout without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../server/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
