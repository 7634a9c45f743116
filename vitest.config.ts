import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{engine,server,schemas,designer,templates,test}/**/*.test.ts"],
    // Property-based and differential suites run many thousands of cases.
    testTimeout: 60_000,
    // The designer's e2e setup may build it and starts a server and Chromium: more than 10 s on a slow machine.
    hookTimeout: 60_000,
    pool: "forks",
  },
});
