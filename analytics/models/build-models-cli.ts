// npm run models [-- --update-checksums] [--data-dir <dir>] [<model>...]: builds the default detector models.
import { parseArgs } from 'node:util';
import { ensureModels, modelsDir } from './build-models';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'update-checksums': { type: 'boolean', default: false },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? './data' },
  },
});

try {
  const statuses = await ensureModels(values['data-dir'], {
    updateChecksums: values['update-checksums'],
    ...(positionals.length > 0 ? { models: positionals } : {}),
    log: (message) => console.warn(message),
  });
  for (const status of statuses) {
    if (status.state === 'missing') console.warn(`${status.name}: MISSING — ${status.reason}`);
    else console.warn(`${status.name}: ${status.state} ${status.onnxPath}`);
  }
  if (values['update-checksums']) console.warn('checksums recorded in analytics/models/checksums.json');
  console.warn(`models in ${modelsDir(values['data-dir'])}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
