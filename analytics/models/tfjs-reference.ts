// Runs a TFJS graph model with the TensorFlow.js that @vladmandic/human bundles (dist/tfjs.esm.js), on its
// pure-JavaScript CPU backend: the reference the converter's ONNX output is checked against.
//
// The bundle's Node platform needs util.TextEncoder, which the bundler stubbed out, so it throws on import
// under Node. It is imported with process.versions.node hidden (it then registers no platform at all) and
// given a small Node platform afterwards.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { humanPackageDir } from './human-package';

interface TfTensor {
  readonly shape: number[];
  data(): Promise<Float32Array | Int32Array | Uint8Array>;
  dispose(): void;
}

interface TfGraphModel {
  execute(inputs: Record<string, TfTensor>, outputs: string[]): TfTensor[];
  dispose(): void;
}

interface TfjsBundle {
  setPlatform(name: string, platform: object): void;
  env(): { set(flag: string, value: boolean): void };
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  tensor(values: Float32Array, shape: readonly number[], dtype: 'float32'): TfTensor;
  loadGraphModel(handler: unknown): Promise<TfGraphModel>;
  io: { fromMemory(artifacts: object): unknown };
}

export interface ReferenceOutput {
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array | Uint8Array;
}

let bundle: Promise<TfjsBundle> | undefined;

async function importBundle(): Promise<TfjsBundle> {
  const url = pathToFileURL(path.join(humanPackageDir(), 'dist', 'tfjs.esm.js')).href;
  const versions = Object.getOwnPropertyDescriptor(process, 'versions')!;
  Object.defineProperty(process, 'versions', { ...versions, value: { ...process.versions, node: undefined } });
  let tf: TfjsBundle;
  try {
    tf = (await import(url)) as TfjsBundle;
  } finally {
    Object.defineProperty(process, 'versions', versions);
  }
  tf.setPlatform('node', {
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
    now: () => performance.now(),
    encode: (text: string) => new TextEncoder().encode(text),
    decode: (bytes: Uint8Array, encoding: string) => new TextDecoder(encoding).decode(bytes),
    isTypedArray: (value: unknown) => ArrayBuffer.isView(value) && !(value instanceof DataView),
    setTimeoutCustom: (callback: () => void, delay: number) => setTimeout(callback, delay),
  });
  tf.env().set('IS_NODE', true);
  await tf.setBackend('cpu');
  await tf.ready();
  return tf;
}

// Executes the model on one float32 input and returns the named outputs.
export async function runTfjsReference(
  modelJson: unknown,
  weightData: Uint8Array,
  input: { readonly name: string; readonly shape: readonly number[]; readonly data: Float32Array },
  outputs: readonly string[],
): Promise<ReferenceOutput[]> {
  bundle ??= importBundle();
  const tf = await bundle;
  const json = modelJson as { modelTopology: unknown; weightsManifest: { weights: unknown[] }[] };
  const model = await tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  );
  const tensor = tf.tensor(input.data, input.shape, 'float32');
  try {
    const results = model.execute({ [input.name]: tensor }, [...outputs]);
    const read = await Promise.all(results.map(async (result) => ({ shape: result.shape, data: await result.data() })));
    results.forEach((result) => result.dispose());
    return read;
  } finally {
    tensor.dispose();
    model.dispose();
  }
}
