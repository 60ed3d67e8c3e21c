// For tests: writes small TFJS graph models by hand (GraphDef JSON + weights), to check ops that the
// default models do not use against TensorFlow.js itself.
import { constTensor, type ConstTensor } from './tfjs-to-onnx/const-tensor';

type AttrValue = Record<string, unknown>;

export const tfAttr = {
  s: (value: string): AttrValue => ({ s: Buffer.from(value).toString('base64') }),
  i: (value: number): AttrValue => ({ i: String(value) }),
  f: (value: number): AttrValue => ({ f: value }),
  b: (value: boolean): AttrValue => ({ b: value }),
  type: (value: 'DT_FLOAT' | 'DT_INT32' | 'DT_BOOL'): AttrValue => ({ type: value }),
  ints: (values: readonly number[]): AttrValue => ({ list: { i: values.map(String) } }),
  strings: (values: readonly string[]): AttrValue => ({ list: { s: values.map((value) => Buffer.from(value).toString('base64')) } }),
};

export class TfjsGraphFixture {
  private readonly nodes: { name: string; op: string; input: string[]; attr: Record<string, AttrValue> }[] = [];
  private readonly weights: { name: string; shape: number[]; dtype: 'float32' | 'int32' }[] = [];
  private readonly chunks: Buffer[] = [];
  private seed = 7;

  input(name: string, shape: readonly number[]): string {
    this.nodes.push({
      name,
      op: 'Placeholder',
      input: [],
      attr: { dtype: tfAttr.type('DT_FLOAT'), shape: { shape: { dim: shape.map((size) => ({ size: String(size) })) } } },
    });
    return name;
  }

  constant(name: string, tensor: ConstTensor): string {
    const dtype = tensor.dtype === 'float32' ? 'float32' : 'int32';
    this.nodes.push({ name, op: 'Const', input: [], attr: { dtype: tfAttr.type(dtype === 'float32' ? 'DT_FLOAT' : 'DT_INT32') } });
    this.weights.push({ name, shape: [...tensor.shape], dtype });
    const bytes = Buffer.alloc(tensor.values.length * 4);
    tensor.values.forEach((value, index) =>
      dtype === 'float32' ? bytes.writeFloatLE(value, index * 4) : bytes.writeInt32LE(value, index * 4),
    );
    this.chunks.push(bytes);
    return name;
  }

  ints(name: string, values: readonly number[], shape: readonly number[] = [values.length]): string {
    return this.constant(name, constTensor('int32', shape, values));
  }

  // Deterministic values in [low, high).
  floats(name: string, shape: readonly number[], low = -1, high = 1): string {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = Array.from({ length: size }, () => low + (high - low) * this.random());
    return this.constant(name, constTensor('float32', shape, values));
  }

  op(name: string, op: string, inputs: readonly string[], attr: Record<string, AttrValue> = {}): string {
    this.nodes.push({ name, op, input: [...inputs], attr: { T: tfAttr.type('DT_FLOAT'), ...attr } });
    return name;
  }

  random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return (this.seed >>> 8) / 16777216;
  }

  build(outputs: readonly string[]): { json: unknown; weightData: Uint8Array } {
    const json = {
      format: 'graph-model',
      generatedBy: 'test fixture',
      modelTopology: { node: this.nodes, library: {}, versions: {} },
      weightsManifest: [{ paths: ['weights.bin'], weights: this.weights }],
      signature: { outputs: Object.fromEntries(outputs.map((name) => [`${name}:0`, { name: `${name}:0` }])) },
    };
    return { json, weightData: new Uint8Array(Buffer.concat(this.chunks)) };
  }
}
