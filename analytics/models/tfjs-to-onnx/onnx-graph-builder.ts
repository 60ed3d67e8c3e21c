// Accumulates ONNX nodes, initialisers, inputs and outputs, and encodes the ModelProto with onnx-proto.
// Everything is appended in conversion order and no timestamps are written, so the bytes are reproducible.
import onnxProto from 'onnx-proto';
import type { ConstTensor, DType } from './const-tensor';

const { onnx } = onnxProto;

export type OnnxAttribute = ReturnType<typeof onnx.AttributeProto.create>;

export const ONNX_OPSET = 13;

const ONNX_TYPES: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
};

export const attr = {
  int: (name: string, i: number): OnnxAttribute => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i }),
  float: (name: string, f: number): OnnxAttribute => onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f }),
  ints: (name: string, ints: readonly number[]): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...ints] }),
  string: (name: string, s: string): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) }),
};

export interface OnnxModelInfo {
  readonly graphName: string;
  readonly docString: string;
  readonly producerVersion: string;
  readonly metadata: Readonly<Record<string, string>>;
}

export class OnnxGraphBuilder {
  private readonly nodes: ReturnType<typeof onnx.NodeProto.create>[] = [];
  private readonly initializers: ReturnType<typeof onnx.TensorProto.create>[] = [];
  private readonly inputs: ReturnType<typeof onnx.ValueInfoProto.create>[] = [];
  private readonly outputs: ReturnType<typeof onnx.ValueInfoProto.create>[] = [];
  private readonly usedNames = new Set<string>();
  private readonly usedOps = new Set<string>();

  // Claims names that must come out exactly so (graph inputs and outputs) before anything else is named.
  reserve(name: string): void {
    if (this.usedNames.has(name)) throw new Error(`name ${name} is already taken`);
    this.usedNames.add(name);
  }

  uniqueName(base: string): string {
    let name = base;
    for (let suffix = 1; this.usedNames.has(name); suffix++) name = `${base}_${suffix}`;
    this.usedNames.add(name);
    return name;
  }

  addNode(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly OnnxAttribute[] = []): void {
    this.usedOps.add(opType);
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: [...outputs],
        attribute: [...attributes],
        name: this.uniqueName(`${outputs[0]}/${opType}`),
      }),
    );
  }

  addInitializer(name: string, tensor: ConstTensor, dtype: DType = tensor.dtype): void {
    this.initializers.push(
      onnx.TensorProto.create({ name, dims: [...tensor.shape], dataType: ONNX_TYPES[dtype], rawData: rawBytes(tensor, dtype) }),
    );
  }

  addInput(name: string, dtype: DType, shape: readonly number[]): void {
    this.inputs.push(valueInfo(name, dtype, shape));
  }

  addOutput(name: string, dtype: DType, shape: readonly number[]): void {
    this.outputs.push(valueInfo(name, dtype, shape));
  }

  opTypes(): string[] {
    return [...this.usedOps].sort();
  }

  encode(info: OnnxModelInfo): Uint8Array {
    const graph = onnx.GraphProto.create({
      name: info.graphName,
      node: this.nodes,
      initializer: this.initializers,
      input: this.inputs,
      output: this.outputs,
      docString: info.docString,
    });
    const model = onnx.ModelProto.create({
      irVersion: 8,
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: ONNX_OPSET })],
      producerName: 'canteen-command tfjs-to-onnx',
      producerVersion: info.producerVersion,
      graph,
      metadataProps: Object.entries(info.metadata).map(([key, value]) => onnx.StringStringEntryProto.create({ key, value })),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, dtype: DType, shape: readonly number[]): ReturnType<typeof onnx.ValueInfoProto.create> {
  return onnx.ValueInfoProto.create({
    name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: ONNX_TYPES[dtype],
        shape: onnx.TensorShapeProto.create({ dim: shape.map((dimValue) => onnx.TensorShapeProto.Dimension.create({ dimValue })) }),
      }),
    }),
  });
}

// Little-endian raw data, whatever the host's byte order.
function rawBytes(tensor: ConstTensor, dtype: DType): Uint8Array {
  const count = tensor.values.length;
  const width = dtype === 'bool' ? 1 : dtype === 'int64' ? 8 : 4;
  const bytes = new Uint8Array(count * width);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < count; i++) {
    const value = tensor.values[i]!;
    if (dtype === 'float32') view.setFloat32(4 * i, value, true);
    else if (dtype === 'int32') view.setInt32(4 * i, value, true);
    else if (dtype === 'int64') view.setBigInt64(8 * i, BigInt(Math.trunc(value)), true);
    else view.setUint8(i, value !== 0 ? 1 : 0);
  }
  return bytes;
}
