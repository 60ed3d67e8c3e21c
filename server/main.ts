// `npm start`: one server process on the configured port. On an empty database it loads the Chengde demo
// and prints the demo logins; on SIGTERM or SIGINT it shuts down gracefully.
import { startServer, type RunningServer } from './app';
import { ConfigError, loadConfig, type Config } from './config';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

function banner(server: RunningServer): string {
  const lines = ['', `  Canteen Command 明厨亮灶指挥调度  ${server.url}`, `  database: ${server.database.kind}`];
  if (server.seeded) {
    lines.push(
      `  Loaded the Chengde demo: ${server.seeded.users} users. Demo logins (password ${
        server.seeded.passwordFromEnv ? 'from DEMO_PASSWORD' : `"${server.seeded.password}"`
      }):`,
      ...server.seeded.logins.map((login) => `    ${login.username.padEnd(20)} ${login.role.padEnd(16)} ${login.scope}`),
      '    county.<adcode> for each county, school.<school code> for each school',
    );
  }
  return `${lines.join('\n')}\n\n`;
}

const server = await startServer({ config: readConfig() });
process.stdout.write(banner(server));

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
