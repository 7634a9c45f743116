/**
 * @module cli/user-command
 * `kamflow user add`: adds a person who can sign in, with a workspace role and optionally
 * business roles. The password comes from --password, else a prompt on a terminal, else it is
 * generated and printed once.
 */
import type { Role } from "../../engine/store/index.ts";
import { hashPassword } from "../auth/password.ts";
import { generatePassword } from "../demo/demo-workspace.ts";
import {
  type CliIo,
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";

const MIN_PASSWORD = 8;
/** The workspace roles, spelled here so `--help` loads no database code; checked complete below. */
const ROLES = [
  "admin",
  "designer",
  "manager",
  "member",
  "viewer",
] as const satisfies readonly Role[];
const rolesComplete: Exclude<Role, (typeof ROLES)[number]> extends never ? true : never = true;
void rolesComplete;

const HELP = `Usage: kamflow user add --email <e-mail> --name <name> --role <role>
                        [--workspace <id>] [--password <password>] [--business-role <key>]…
                        [--database-url <url>]

Adds a user who can sign in to the workspace.

Options:
  --email <e-mail>       sign-in e-mail (stored in lower case; unique in the workspace)
  --name <name>          display name
  --role <role>          workspace role: ${ROLES.join(", ")}
  --workspace <id>       the workspace (may be left out when the database holds only one)
  --password <password>  at least ${MIN_PASSWORD} characters; without it you are asked on a terminal,
                         otherwise one is generated and printed once
  --business-role <key>  a business role approver rules name (kam, sales-director…); repeatable
${DATABASE_HELP}
  -h, --help             show this help`;

async function passwordOf(io: CliIo, given: string | undefined) {
  if (given !== undefined) return { password: given, generated: false };
  if (io.prompt) {
    const first = await io.prompt("Password: ");
    const again = await io.prompt("Repeat the password: ");
    if (first !== again) throw new Error("The passwords differ.");
    return { password: first, generated: false };
  }
  return { password: generatePassword(), generated: true };
}

export const userCommand: Command = {
  name: "user",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      workspace: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      "business-role": { type: "string", multiple: true },
      "database-url": { type: "string" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    const [action, ...extra] = positionals;
    if (action !== "add") {
      throw new UsageError(
        action ? `Unknown action "user ${action}".` : "Say what to do: user add.",
      );
    }
    if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
    const missing = (["email", "name", "role"] as const).filter((k) => !values[k]);
    if (missing.length > 0) {
      throw new UsageError(`Missing ${missing.map((k) => `--${k}`).join(", ")}.`);
    }
    const role = values.role as Role;
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${ROLES.join(", ")}, not "${values.role}".`);
    }
    const email = (values.email ?? "").trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      io.err(`error: "${values.email}" is not an e-mail address.`);
      return EXIT.failure;
    }
    const name = (values.name ?? "").trim();
    try {
      const { password, generated } = await passwordOf(io, values.password);
      if (password.length < MIN_PASSWORD) {
        io.err(`error: the password must have at least ${MIN_PASSWORD} characters.`);
        return EXIT.failure;
      }
      const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
      const { findUsersByEmail } = await import("../../engine/store/index.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        const ws = await resolveWorkspace(engine, values.workspace);
        if (!ws) {
          io.err("error: the database holds no workspace; run kamflow serve once to create one.");
          return EXIT.failure;
        }
        const taken = (await findUsersByEmail(engine.store.db, email)).some(
          (u) => u.workspaceId === ws,
        );
        if (taken) {
          io.err(`error: ${email} already has an account in workspace ${ws}.`);
          return EXIT.failure;
        }
        const userId = await engine.users.create(ws, {
          email,
          name,
          passwordHash: await hashPassword(password),
        });
        await engine.memberships.add(ws, { userId, role });
        for (const businessRole of values["business-role"] ?? []) {
          await engine.roles.grant(ws, { userId, role: businessRole });
        }
        io.out(`added ${email} (${role}) to workspace ${ws} as user ${userId}`);
        if (generated) io.out(`password: ${password}   (shown only this once)`);
        return EXIT.ok;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(io, error);
    }
  },
};
