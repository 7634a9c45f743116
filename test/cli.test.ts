/**
 * The `kamflow` command as a user runs it: a real process, real files, exit codes and output.
 * The database commands are tested on both databases in cli-commands.test.ts.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const fixture = (name: string) => `test/fixtures/definitions/${name}`;

function kamflow(...args: string[]) {
  const result = spawnSync(process.execPath, ["bin/kamflow.js", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8", LC_ALL: "" },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("kamflow validate", () => {
  it("prints ok and exits 0 for valid definitions of each kind", () => {
    for (const file of [
      fixture("account-profile.form.json"),
      fixture("health-score.tier.json"),
      "engine/flows/fixtures/strategic-ticket.flow.json",
      "engine/flows/fixtures/saas-b2b.pack.json",
    ]) {
      const run = kamflow("validate", file, "--with", fixture("account-health.form.json"));
      expect(run.out.trim(), file).toBe("ok");
      expect(run.code, file).toBe(0);
    }
  });

  it("prints each problem as pointer: message and exits 1", () => {
    const run = kamflow(
      "validate",
      fixture("health-score.typo.tier.json"),
      "--with",
      fixture("account-health.form.json"),
    );
    expect(run.code).toBe(1);
    const lines = run.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\/measures\/0\/value\/var: .*featureUsge/);
    expect(lines[1]).toMatch(/^\/measures\/2\/value\/\+\/0: /);
  });

  it("reports schema problems by pointer, in Chinese with --lang zh-CN", () => {
    const run = kamflow("validate", fixture("health-score.broken.tier.json"), "--lang", "zh-CN");
    expect(run.code).toBe(1);
    expect(run.out).toContain("/tiers/1/label/en: ");
    expect(run.out).toContain("/measures/1/weight: ");
    expect(run.out).toMatch(/[\u4e00-\u9fff]/);
  });

  it("warns, without failing, when the form a tier model reads was not given", () => {
    const run = kamflow("validate", fixture("health-score.tier.json"));
    expect(run.code).toBe(0);
    expect(run.out).toContain("/form: warning: ");
    expect(run.out.trim().endsWith("ok")).toBe(true);
  });

  it("gives machine-readable output with --json", () => {
    const run = kamflow("validate", fixture("health-score.broken.tier.json"), "--json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out) as Array<{
      ok: boolean;
      issues: Array<{ code: string; pointer: string }>;
    }>;
    expect(report[0]?.ok).toBe(false);
    expect(report[0]?.issues.map((i) => i.pointer)).toContain("/measures/1/weight");
  });

  it("fails with 1 on unreadable or non-JSON files and 2 on wrong usage", () => {
    expect(kamflow("validate", "does-not-exist.json").code).toBe(1);
    expect(kamflow("validate", "package-lock.json").code).toBe(1);
    expect(kamflow("validate", "README.md").out).toMatch(/^\(root\): /);
    expect(kamflow("validate").code).toBe(2);
    expect(kamflow("frobnicate").code).toBe(2);
    expect(kamflow("--version").out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("kamflow help and usage", () => {
  it("prints help for every command with --help and exits 0", () => {
    const overview = kamflow("--help");
    expect(overview.code).toBe(0);
    for (const command of ["serve", "migrate", "user", "seed", "validate"]) {
      expect(overview.out).toContain(`  ${command} `);
      const run = kamflow(command, "--help");
      expect(run.code, command).toBe(0);
      expect(run.out, command).toContain(`Usage: kamflow ${command}`);
      expect(kamflow("help", command).out).toBe(run.out);
    }
    expect(kamflow("user", "add", "-h").out).toContain("--business-role");
  });

  it("exits 2 on wrong usage, with the command's help on stderr", () => {
    for (const args of [
      [],
      ["seed"],
      ["seed", "--accounts", "many"],
      ["seed", "--accounts", "0"],
      ["user"],
      ["user", "remove"],
      ["user", "add", "--email", "a@b.cn", "--name", "A"],
      ["user", "add", "--email", "a@b.cn", "--name", "A", "--role", "boss"],
      ["serve", "--port", "eighty"],
      ["migrate", "now"],
      ["migrate", "--force"],
      ["validate", "x.json", "--lang", "fr"],
    ]) {
      const run = kamflow(...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.err, args.join(" ")).toContain("Usage: kamflow");
      expect(run.out, args.join(" ")).toBe("");
    }
  });
});
