// A place for a server process to keep its data: a PGlite directory, or a scratch PostgreSQL database when
// the suite runs with DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchPostgres } from './test-database';

export interface Store {
  env: Record<string, string>;
  dataDir: string;
  dispose(): Promise<void>;
}

export async function createStore(options: { postgres?: string } = {}): Promise<Store> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cc-store-'));
  const base = options.postgres ?? process.env.DATABASE_URL;
  if (!base) {
    return { env: { DATA_DIR: dataDir }, dataDir, dispose: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })) };
  }
  const scratch = await createScratchPostgres(base);
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: scratch.url },
    dataDir,
    dispose: async () => {
      await scratch.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
