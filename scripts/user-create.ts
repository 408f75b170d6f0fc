/**
 * `npm run user:create -- --email E --name N --role admin [--team T]`
 * Creates an account; the password comes from PARLEY_PASSWORD or a hidden prompt.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { readConfig } from "../app/config.server";
import { InvalidInputError } from "../app/domain/errors";
import { createUser } from "../app/domain/users.server";
import { connectDatabase } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { ROLES, type Role } from "../db/schema";

const USAGE =
  "Usage: npm run user:create -- --email E --name N --role resident|moderator|officer|admin [--team T]";

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Reads a line without echoing it, so the password never shows on screen or in scrollback. */
function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail("No terminal to ask for a password: set PARLEY_PASSWORD instead.");
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let asked = false;
    output._writeToOutput = (text: string) => {
      if (!asked) {
        process.stdout.write(text);
        asked = true;
      }
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

function readArguments() {
  try {
    return parseArgs({
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string", default: "resident" },
        team: { type: "string" },
      },
    }).values;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

const values = readArguments();
if (!values.email) fail("--email is required.");
if (!values.name) fail("--name is required.");
if (!ROLES.includes(values.role as Role)) fail(`--role must be one of ${ROLES.join(", ")}.`);

const password =
  process.env.PARLEY_PASSWORD ?? (await promptHidden("Password (8 to 64 characters): "));
const config = readConfig();
const database = await connectDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
});
try {
  await migrateToLatest(database.db);
  const id = await createUser(database.db, {
    email: values.email,
    displayName: values.name,
    password,
    role: values.role as Role,
    team: values.team ?? null,
  });
  console.log(`Created ${values.role} ${values.email} (user ${id}).`);
} catch (error) {
  if (error instanceof InvalidInputError) {
    console.error(Object.values(error.fieldErrors).join("\n") || error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
} finally {
  await database.close();
}
