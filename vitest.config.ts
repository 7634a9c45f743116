import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{engine,server,schemas,designer,templates,test}/**/*.test.ts"],
    // Property-based and differential suites run many thousands of cases.
    testTimeout: 60_000,
    pool: "forks",
  },
});
