// Evaluates, at conversion time, ops whose inputs are all constant: the shape arithmetic exporters leave
// behind (onnx-tf's NanoDet builds its reshape targets with SparseToDense and int64 adds), casts, etc.
import {
  allocate,
  broadcastBinary,
  castConst,
  concatConst,
  constTensor,
  reshapeConst,
  sizeOf,
  stridesOf,
  toNumbers,
  transposeConst,
  type ConstTensor,
} from './const-tensor';
import { normaliseAxis } from './layout';
import { resolveReshape } from './ops/shape-ops';
import { tfDtype } from './ops/elementwise';
import { attrInt, attrInts, attrType } from './tf-attributes';
import type { TfNode } from './tfjs-model';

type ConstEvaluator = (node: TfNode, inputs: readonly ConstTensor[]) => ConstTensor[];

const arg = (node: TfNode, inputs: readonly ConstTensor[], index: number): ConstTensor => {
  const tensor = inputs[index];
  if (!tensor) throw new Error(`${node.op} ${node.name}: missing input ${index}`);
  return tensor;
};

const binary =
  (fn: (x: number, y: number) => number, integerFn: (x: number, y: number) => number = fn): ConstEvaluator =>
  (node, inputs) => {
    const [a, b] = [arg(node, inputs, 0), arg(node, inputs, 1)];
    return [broadcastBinary(a, b, a.dtype, a.dtype === 'float32' ? fn : integerFn)];
  };

const comparison =
  (fn: (x: number, y: number) => boolean): ConstEvaluator =>
  (node, inputs) => [broadcastBinary(arg(node, inputs, 0), arg(node, inputs, 1), 'bool', (x, y) => (fn(x, y) ? 1 : 0))];

function sparseToDense(node: TfNode, inputs: readonly ConstTensor[]): ConstTensor {
  const [indices, outputShape, values, fallback] = [0, 1, 2, 3].map((index) => arg(node, inputs, index));
  const shape = toNumbers(outputShape!);
  const dense = allocate(values!.dtype, sizeOf(shape));
  dense.fill(fallback!.values[0]!);
  const strides = stridesOf(shape);
  const rank = shape.length;
  const count = indices!.shape.length === 0 ? 1 : indices!.shape[0]!;
  for (let i = 0; i < count; i++) {
    let offset = 0;
    for (let axis = 0; axis < rank; axis++) offset += indices!.values[i * rank + axis]! * strides[axis]!;
    dense[offset] = values!.values.length === 1 ? values!.values[0]! : values!.values[i]!;
  }
  return { dtype: values!.dtype, shape, values: dense };
}

const evaluators: Record<string, ConstEvaluator> = {
  Identity: (node, inputs) => [arg(node, inputs, 0)],
  Cast: (node, inputs) => [castConst(arg(node, inputs, 0), tfDtype(node, attrType(node, 'DstT')))],
  Reshape: (node, inputs) => {
    const x = arg(node, inputs, 0);
    return [reshapeConst(x, resolveReshape(node, x.values.length, toNumbers(arg(node, inputs, 1))))];
  },
  ExpandDims: (node, inputs) => {
    const x = arg(node, inputs, 0);
    const requested = arg(node, inputs, 1).values[0]!;
    const axis = requested < 0 ? requested + x.shape.length + 1 : requested;
    const shape = [...x.shape];
    shape.splice(axis, 0, 1);
    return [reshapeConst(x, shape)];
  },
  Squeeze: (node, inputs) => {
    const x = arg(node, inputs, 0);
    const axes = attrInts(node, 'squeeze_dims', []).map((axis) => normaliseAxis(axis, x.shape.length));
    return [
      reshapeConst(
        x,
        x.shape.filter((dim, axis) => (axes.length > 0 ? !axes.includes(axis) : dim !== 1)),
      ),
    ];
  },
  Transpose: (node, inputs) => [transposeConst(arg(node, inputs, 0), toNumbers(arg(node, inputs, 1)))],
  ConcatV2: (node, inputs) => {
    const values = inputs.slice(0, -1);
    return [concatConst(values, normaliseAxis(arg(node, inputs, inputs.length - 1).values[0]!, values[0]!.shape.length))];
  },
  Pack: (node, inputs) => {
    const axis = attrInt(node, 'axis', 0);
    const expanded = inputs.map((tensor) => {
      const shape = [...tensor.shape];
      shape.splice(axis < 0 ? axis + shape.length + 1 : axis, 0, 1);
      return reshapeConst(tensor, shape);
    });
    return [concatConst(expanded, axis < 0 ? axis + expanded[0]!.shape.length : axis)];
  },
  Fill: (node, inputs) => {
    const shape = toNumbers(arg(node, inputs, 0));
    const value = arg(node, inputs, 1);
    return [constTensor(value.dtype, shape, new Array<number>(sizeOf(shape)).fill(value.values[0]!))];
  },
  SparseToDense: (node, inputs) => [sparseToDense(node, inputs)],
  Neg: (node, inputs) => {
    const x = arg(node, inputs, 0);
    return [{ ...x, values: x.values.map((value) => -value) }];
  },
  Add: binary((x, y) => x + y),
  AddV2: binary((x, y) => x + y),
  Sub: binary((x, y) => x - y),
  Mul: binary(
    (x, y) => x * y,
    (x, y) => Math.imul(x, y),
  ),
  RealDiv: binary((x, y) => x / y),
  FloorDiv: binary((x, y) => Math.floor(x / y)),
  FloorMod: binary((x, y) => x - Math.floor(x / y) * y),
  Maximum: binary(Math.max),
  Minimum: binary(Math.min),
  Equal: comparison((x, y) => x === y),
  Less: comparison((x, y) => x < y),
  Greater: comparison((x, y) => x > y),
};

export function canFold(op: string): boolean {
  return op in evaluators;
}

export function foldConstant(node: TfNode, inputs: readonly ConstTensor[]): ConstTensor[] {
  const evaluate = evaluators[node.op];
  if (!evaluate) throw new Error(`${node.op} ${node.name}: cannot be folded`);
  return evaluate(node, inputs);
}
