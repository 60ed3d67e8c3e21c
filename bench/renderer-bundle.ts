// The renderer's bundle: a production build into a scratch folder, every emitted JavaScript and CSS file with
// its size raw and gzipped (level 9), fonts apart (WOFF2 is compressed already, and a page downloads only the
// slices of the Chinese font whose characters it shows), and what two routes load: the first load that every
// page shares (login, phone pages, desk) and the big screen on top of it (its lazy chunk with maplibre, deck.gl
// and ECharts, and the map's worker). The baseline, in the same run: the prebuilt minified bundles those three
// libraries ship, i.e. what the big screen would carry without tree-shaking its imports.
// Run: npx tsx bench/renderer-bundle.ts
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = await mkdtemp(path.join(tmpdir(), 'cc-bundle-'));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gz = (data: Buffer) => gzipSync(data, { level: 9 }).length;

interface Sized {
  raw: number;
  gzip: number;
}

async function sizeOf(file: string): Promise<Sized> {
  const data = await readFile(file);
  return { raw: data.length, gzip: gz(data) };
}

const sum = (items: Sized[]) =>
  items.reduce((total, item) => ({ raw: total.raw + item.raw, gzip: total.gzip + item.gzip }), { raw: 0, gzip: 0 });

try {
  const started = performance.now();
  await build({
    configFile: path.join(root, 'desktop/vite.config.ts'),
    build: { outDir, emptyOutDir: true, manifest: true },
    logLevel: 'error',
  });
  const buildMs = Math.round(performance.now() - started);
  const manifest = JSON.parse(await readFile(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, ManifestChunk>;

  const assets = path.join(outDir, 'assets');
  const files = await readdir(assets);
  const sized = new Map<string, Sized>();
  for (const name of files) if (/\.(m?js|css)$/.test(name)) sized.set(`assets/${name}`, await sizeOf(path.join(assets, name)));
  const kind = (file: string) => (file.endsWith('.css') ? 'css' : 'js');

  // Chunks, largest first.
  const chunkRows = [...sized.entries()]
    .sort((a, b) => b[1].raw - a[1].raw)
    .map(([file, size]) => ({ file: path.basename(file), kind: kind(file), rawKB: kb(size.raw), gzipKB: kb(size.gzip) }));
  console.log(`Renderer build (${buildMs} ms): JavaScript and CSS files`);
  console.table(chunkRows);

  const fonts = files.filter((name) => /\.(woff2?|ttf|otf)$/.test(name));
  const fontBytes = async (extension: string) => {
    let total = 0;
    for (const name of fonts.filter((n) => n.endsWith(extension))) total += (await stat(path.join(assets, name))).size;
    return total;
  };
  const js = sum([...sized.entries()].filter(([file]) => kind(file) === 'js').map(([, size]) => size));
  const css = sum([...sized.entries()].filter(([file]) => kind(file) === 'css').map(([, size]) => size));
  const woff2 = await fontBytes('.woff2');
  const woff = await fontBytes('.woff');
  console.table([
    {
      what: 'JavaScript (all chunks and the map worker)',
      files: chunkRows.filter((r) => r.kind === 'js').length,
      rawKB: kb(js.raw),
      gzipKB: kb(js.gzip),
    },
    { what: 'CSS', files: chunkRows.filter((r) => r.kind === 'css').length, rawKB: kb(css.raw), gzipKB: kb(css.gzip) },
    { what: 'JavaScript + CSS', files: chunkRows.length, rawKB: kb(js.raw + css.raw), gzipKB: kb(js.gzip + css.gzip) },
    { what: 'fonts, WOFF2 (what browsers load)', files: fonts.filter((n) => n.endsWith('.woff2')).length, rawKB: kb(woff2), gzipKB: '' },
    {
      what: 'fonts, WOFF (fallback, never loaded by Chromium)',
      files: fonts.filter((n) => n.endsWith('.woff')).length,
      rawKB: kb(woff),
      gzipKB: '',
    },
  ]);

  // What a route loads: a chunk, its static imports (transitively), their CSS and their JavaScript assets.
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const key of keys) {
      if (seen.has(key)) continue;
      seen.add(key);
      closure(manifest[key]?.imports ?? [], seen);
    }
    return seen;
  };
  const filesOf = (keys: Set<string>) => {
    const out = new Set<string>();
    for (const key of keys) {
      const chunk = manifest[key]!;
      out.add(chunk.file);
      for (const file of chunk.css ?? []) out.add(file);
      for (const file of chunk.assets ?? []) if (/\.(m?js|css)$/.test(file)) out.add(file);
    }
    return out;
  };
  const entryKeys = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  const bigScreenKey = Object.keys(manifest).find((key) => key.endsWith('pages/bigscreen/BigScreen.tsx'));
  const first = filesOf(closure(entryKeys));
  // The big screen's own files: its chunk's closure, less what the first load already brought.
  const bigScreen = new Set([...(bigScreenKey ? filesOf(closure([bigScreenKey])) : [])].filter((file) => !first.has(file)));
  const weigh = (set: Set<string>) => sum([...set].map((file) => sized.get(file) ?? { raw: 0, gzip: 0 }));
  const firstSize = weigh(first);
  const screenSize = weigh(bigScreen);

  // The baseline: the libraries' own prebuilt minified bundles.
  const library = async (label: string, modules: string[]) => {
    const sizes = await Promise.all(modules.map((module) => sizeOf(path.join(root, 'node_modules', module))));
    return { label, ...sum(sizes) };
  };
  const baseline = [
    await library('maplibre-gl (dist maplibre-gl.mjs + worker)', [
      'maplibre-gl/dist/maplibre-gl.mjs',
      'maplibre-gl/dist/maplibre-gl-worker.mjs',
    ]),
    await library('deck.gl (dist.min.js of core, layers, aggregation-layers, mapbox)', [
      '@deck.gl/core/dist.min.js',
      '@deck.gl/layers/dist.min.js',
      '@deck.gl/aggregation-layers/dist.min.js',
      '@deck.gl/mapbox/dist.min.js',
    ]),
    await library('echarts (dist echarts.min.js, every chart)', ['echarts/dist/echarts.min.js']),
  ];
  const libraries = sum(baseline);
  console.table([
    { load: 'first load (every page)', files: first.size, rawKB: kb(firstSize.raw), gzipKB: kb(firstSize.gzip) },
    {
      load: 'big screen on top (lazy chunk, its CSS, map worker)',
      files: bigScreen.size,
      rawKB: kb(screenSize.raw),
      gzipKB: kb(screenSize.gzip),
    },
    ...baseline.map((row) => ({ load: `baseline: ${row.label}`, files: '', rawKB: kb(row.raw), gzipKB: kb(row.gzip) })),
    { load: 'baseline: the three prebuilt bundles together', files: '', rawKB: kb(libraries.raw), gzipKB: kb(libraries.gzip) },
  ]);
} finally {
  await rm(outDir, { recursive: true, force: true });
}
