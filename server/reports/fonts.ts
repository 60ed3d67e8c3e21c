// The Chinese font embedded in every bulletin PDF: Noto Sans Hans (Simplified Chinese, GB2312 and Latin;
// SIL Open Font License) shipped as OpenType files by the npm package @embedpdf/fonts-sc, so a PDF renders
// the same on any machine whatever fonts it has. pdfkit (fontkit) embeds only the glyphs used.
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The package's fonts folder (its entry point is dist/index.cjs; the OTF files sit in fonts/ beside dist/). */
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');

export const CHINESE_FONT = {
  regular: path.join(FONT_DIR, 'NotoSansHans-Regular.otf'),
  bold: path.join(FONT_DIR, 'NotoSansHans-Bold.otf'),
};
