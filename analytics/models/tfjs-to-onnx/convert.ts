// Converts a TFJS graph model to an ONNX model (opset 13, static shapes). The graph inputs and outputs keep
// their TF names, dtypes and layouts (an NHWC input stays NHWC), so the ONNX model is a drop-in for the TF one.
import type { DType } from './const-tensor';
import { canFold, foldConstant } from './constant-folding';
import { ConversionContext, type Value } from './conversion-context';
import { attr, ONNX_OPSET, OnnxGraphBuilder } from './onnx-graph-builder';
import { tfDtype } from './ops/elementwise';
import { opConverters } from './ops';
import { transposeBetween, identityPerm, isIdentity } from './layout';
import { attrShape, attrType } from './tf-attributes';
import type { TfjsGraphModel, TfNode } from './tfjs-model';

export interface TensorInfo {
  readonly name: string;
  readonly dtype: DType;
  readonly shape: readonly number[];
}

export interface ConversionOptions {
  // Output node names; by default the model signature's outputs, else the graph's terminal nodes.
  readonly outputs?: readonly string[];
  // Shapes for inputs whose declared shape has unknown dimensions.
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
  readonly graphName?: string;
  readonly docString?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface ConversionResult {
  readonly onnx: Uint8Array;
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  readonly tfOps: readonly string[];
  readonly onnxOps: readonly string[];
}

// Bumped whenever a change to the converter changes its output, so that cached models are rebuilt.
export const CONVERTER_VERSION = '1';

const STRUCTURAL_OPS = ['Const', 'Placeholder'];

export function supportedTfOps(): string[] {
  return [...STRUCTURAL_OPS, ...Object.keys(opConverters)].sort();
}

function parseRef(ref: string): { node: string; index: number } {
  const match = /^(.*?)(?::(\d+))?$/.exec(ref);
  return { node: match?.[1] ?? ref, index: Number(match?.[2] ?? 0) };
}

// Nodes the outputs depend on, each after its inputs.
function reachableInOrder(nodes: ReadonlyMap<string, TfNode>, outputs: readonly string[]): TfNode[] {
  const order: TfNode[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: { name: string; expanded: boolean }[] = outputs.map((name) => ({ name, expanded: false })).reverse();
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const node = nodes.get(entry.name);
    if (!node) throw new Error(`graph has no node ${entry.name}`);
    if (entry.expanded) {
      state.set(entry.name, 'done');
      order.push(node);
      continue;
    }
    const seen = state.get(entry.name);
    if (seen === 'done') continue;
    if (seen === 'visiting') throw new Error(`graph has a cycle through ${entry.name}`);
    state.set(entry.name, 'visiting');
    stack.push({ name: entry.name, expanded: true });
    for (const input of [...node.inputs].reverse()) {
      const dependency = parseRef(input).node;
      if (state.get(dependency) !== 'done') stack.push({ name: dependency, expanded: false });
    }
  }
  return order;
}

function defaultOutputs(model: TfjsGraphModel): string[] {
  if (model.signatureOutputs.length > 0) return [...model.signatureOutputs];
  const consumed = new Set(model.nodes.flatMap((node) => node.inputs.map((input) => parseRef(input).node)));
  return model.nodes.filter((node) => !consumed.has(node.name) && !STRUCTURAL_OPS.includes(node.op)).map((node) => node.name);
}

export function convertTfjsToOnnx(model: TfjsGraphModel, options: ConversionOptions = {}): ConversionResult {
  const nodes = new Map(model.nodes.map((node) => [node.name, node]));
  const outputNames = options.outputs ?? defaultOutputs(model);
  const order = reachableInOrder(
    nodes,
    outputNames.map((name) => parseRef(name).node),
  );
  const unsupported = [
    ...new Set(order.map((node) => node.op).filter((op) => !STRUCTURAL_OPS.includes(op) && !opConverters[op] && !canFold(op))),
  ];
  if (unsupported.length > 0) throw new Error(`unsupported TF ops: ${unsupported.sort().join(', ')}`);

  const builder = new OnnxGraphBuilder();
  const ctx = new ConversionContext(builder);
  const placeholders = order.filter((node) => node.op === 'Placeholder');
  for (const name of [...placeholders.map((node) => node.name), ...outputNames]) builder.reserve(name);

  const values = new Map<string, Value[]>();
  const resolve = (ref: string): Value => {
    const { node, index } = parseRef(ref);
    const value = values.get(node)?.[index];
    if (!value) throw new Error(`no value for ${ref}`);
    return value;
  };

  const inputs: TensorInfo[] = [];
  for (const node of order) {
    if (node.op === 'Const') {
      const tensor = model.weights.get(node.name);
      if (!tensor) throw new Error(`Const ${node.name} has no weight data`);
      values.set(node.name, [{ kind: 'const', tensor }]);
      continue;
    }
    if (node.op === 'Placeholder') {
      const shape = options.inputShapes?.[node.name] ?? attrShape(node, 'shape');
      if (!shape || shape.some((dim) => dim < 0)) throw new Error(`input ${node.name} has no static shape; pass inputShapes`);
      const dtype = tfDtype(node, attrType(node, 'dtype'));
      builder.addInput(node.name, dtype, shape);
      inputs.push({ name: node.name, dtype, shape });
      values.set(node.name, [ctx.runtime(node.name, dtype, shape)]);
      continue;
    }
    const nodeInputs = node.inputs.map(resolve);
    const constants = nodeInputs.flatMap((value) => (value.kind === 'const' ? [value.tensor] : []));
    if (constants.length === nodeInputs.length && canFold(node.op)) {
      values.set(
        node.name,
        foldConstant(node, constants).map((tensor) => ({ kind: 'const', tensor })),
      );
      continue;
    }
    const converter = opConverters[node.op];
    if (!converter) throw new Error(`${node.op} ${node.name}: only constant inputs are supported`);
    values.set(node.name, converter(ctx, node, nodeInputs));
  }

  const outputs = outputNames.map((name): TensorInfo => {
    const value = resolve(name);
    if (value.kind === 'const') {
      builder.addNode('Identity', [ctx.constant(value.tensor)], [name]);
      builder.addOutput(name, value.tensor.dtype, value.tensor.shape);
      return { name, dtype: value.tensor.dtype, shape: value.tensor.shape };
    }
    // Outputs leave in TF's layout, under their TF names.
    if (isIdentity(value.perm)) builder.addNode('Identity', [value.name], [name]);
    else
      builder.addNode(
        'Transpose',
        [value.name],
        [name],
        [attr.ints('perm', transposeBetween(value.perm, identityPerm(value.shape.length)))],
      );
    builder.addOutput(name, value.dtype, value.shape);
    return { name, dtype: value.dtype, shape: value.shape };
  });

  const onnx = builder.encode({
    graphName: options.graphName ?? 'tfjs_graph_model',
    docString: options.docString ?? `Converted from a TFJS graph model${model.generatedBy ? ` (${model.generatedBy})` : ''}`,
    producerVersion: `${CONVERTER_VERSION} (opset ${ONNX_OPSET})`,
    metadata: options.metadata ?? {},
  });
  return {
    onnx,
    inputs,
    outputs,
    tfOps: [...new Set(order.map((node) => node.op))].sort(),
    onnxOps: builder.opTypes(),
  };
}
