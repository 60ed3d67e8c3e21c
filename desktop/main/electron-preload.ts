// The preload's entry (bundled to desktop/dist/preload.cjs).
import { exposeBridge } from './preload';

exposeBridge();
