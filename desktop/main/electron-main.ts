// Electron's entry (bundled to desktop/dist/main.cjs by the desktop build).
import { run } from './main';

run();
