// Ops that move or select data without arithmetic: Transpose (free: only the perm changes), Reshape (on
// the TF axis order), Squeeze/ExpandDims, Concat, Split, Pad, StridedSlice/Slice, Pack, Tile and Shape.
import { constTensor, toNumbers } from '../const-tensor';
import {
  expectConst,
  expectInput,
  shapeOf,
  type ConversionContext,
  type OpConverter,
  type RuntimeValue,
  type Value,
} from '../conversion-context';
import { identityPerm, normaliseAxis, permAfterTranspose, permWithNewAxis, permWithoutAxes, physicalAxis, physicalShape } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrInt, attrInts, attrString } from '../tf-attributes';
import type { TfNode } from '../tfjs-model';

function runtimeInput(node: TfNode, inputs: readonly Value[], index: number): RuntimeValue {
  const value = expectInput(node, inputs[index], index);
  if (value.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: input ${index} is constant and should have been folded`);
  return value;
}

export function resolveReshape(node: TfNode, size: number, requested: readonly number[]): number[] {
  const known = requested.reduce((product, dim) => (dim === -1 ? product : product * dim), 1);
  const resolved = requested.map((dim) => (dim === -1 ? size / known : dim));
  if (resolved.some((dim) => !Number.isInteger(dim) || dim <= 0) || resolved.reduce((a, b) => a * b, 1) !== size) {
    throw new Error(`${node.op} ${node.name}: cannot reshape ${size} elements to [${requested.join(',')}]`);
  }
  return resolved;
}

const reshape: OpConverter = (ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const size = x.shape.reduce((a, b) => a * b, 1);
  const shape = resolveReshape(node, size, toNumbers(expectConst(node, inputs[1], 'shape')));
  return [
    ctx.emitValue('Reshape', [ctx.logical(x), ctx.int64(shape, `${node.name}/shape`)], node.name, {
      dtype: x.dtype,
      shape,
      perm: identityPerm(shape.length),
    }),
  ];
};

function squeezeAxes(ctx: ConversionContext, node: TfNode, x: RuntimeValue, logicalAxes: readonly number[], base: string): RuntimeValue {
  if (logicalAxes.length === 0) return x;
  const physical = logicalAxes.map((axis) => physicalAxis(x.perm, axis)).sort((a, b) => a - b);
  return ctx.emitValue('Squeeze', [x.name, ctx.int64(physical, `${base}/axes`)], base, {
    dtype: x.dtype,
    shape: x.shape.filter((_, axis) => !logicalAxes.includes(axis)),
    perm: permWithoutAxes(x.perm, logicalAxes),
  });
}

const squeeze: OpConverter = (ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const requested = attrInts(node, 'squeeze_dims', attrInts(node, 'axis', []));
  const axes =
    requested.length > 0
      ? requested.map((axis) => normaliseAxis(axis, x.shape.length))
      : x.shape.flatMap((dim, axis) => (dim === 1 ? [axis] : []));
  return [squeezeAxes(ctx, node, x, axes, node.name)];
};

function expandDims(ctx: ConversionContext, x: RuntimeValue, requestedAxis: number, base: string): RuntimeValue {
  const axis = requestedAxis < 0 ? requestedAxis + x.shape.length + 1 : requestedAxis;
  const { perm, physicalPosition } = permWithNewAxis(x.perm, axis);
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  return ctx.emitValue('Unsqueeze', [x.name, ctx.int64([physicalPosition], `${base}/axes`)], base, { dtype: x.dtype, shape, perm });
}

const transpose: OpConverter = (_ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const tfPerm = toNumbers(expectConst(node, inputs[1], 'perm'));
  return [{ ...x, shape: tfPerm.map((axis) => x.shape[axis]!), perm: permAfterTranspose(x.perm, tfPerm) }];
};

function concat(ctx: ConversionContext, node: TfNode, values: readonly Value[], requestedAxis: number): RuntimeValue {
  const first = values.find((value): value is RuntimeValue => value.kind === 'runtime');
  if (!first) throw new Error(`${node.op} ${node.name}: all inputs are constant and should have been folded`);
  const rank = first.shape.length;
  const axis = normaliseAxis(requestedAxis, rank);
  const shape = [...first.shape];
  shape[axis] = values.reduce((sum, value) => sum + shapeOf(value)[axis]!, 0);
  const names = values.map((value) => ctx.withPerm(value, first.perm, `${node.name}/const`));
  return ctx.emitValue('Concat', names, node.name, { dtype: first.dtype, shape, perm: first.perm }, [
    attr.int('axis', physicalAxis(first.perm, axis)),
  ]);
}

function split(
  ctx: ConversionContext,
  node: TfNode,
  x: RuntimeValue,
  requestedAxis: number,
  requestedSizes: readonly number[],
): RuntimeValue[] {
  const axis = normaliseAxis(requestedAxis, x.shape.length);
  const dim = x.shape[axis]!;
  const known = requestedSizes.reduce((sum, size) => (size === -1 ? sum : sum + size), 0);
  const sizes = requestedSizes.map((size) => (size === -1 ? dim - known : size));
  const outputs = ctx.emit(
    'Split',
    [x.name, ctx.int64(sizes, `${node.name}/split`)],
    node.name,
    [attr.int('axis', physicalAxis(x.perm, axis))],
    sizes.length,
  );
  return outputs.map((name, index) => {
    const shape = [...x.shape];
    shape[axis] = sizes[index]!;
    return { kind: 'runtime', name, dtype: x.dtype, shape, perm: x.perm };
  });
}

function pad(mode: 'constant' | 'mirror'): OpConverter {
  return (ctx, node, inputs) => {
    const x = runtimeInput(node, inputs, 0);
    const paddings = toNumbers(expectConst(node, inputs[1], 'paddings'));
    const begins = x.perm.map((axis) => paddings[2 * axis]!);
    const ends = x.perm.map((axis) => paddings[2 * axis + 1]!);
    const shape = x.shape.map((dim, axis) => dim + paddings[2 * axis]! + paddings[2 * axis + 1]!);
    const padInputs = [x.name, ctx.int64([...begins, ...ends], `${node.name}/pads`)];
    let onnxMode = 'constant';
    if (mode === 'constant') {
      const fill = inputs[2] ? expectConst(node, inputs[2], 'constant value').values[0]! : 0;
      padInputs.push(ctx.constant(constTensor(x.dtype, [], [fill]), x.dtype, `${node.name}/value`));
    } else {
      const mirror = attrString(node, 'mode');
      if (mirror !== 'REFLECT') throw new Error(`MirrorPad ${node.name}: mode ${mirror} has no ONNX equivalent`);
      onnxMode = 'reflect';
    }
    return [ctx.emitValue('Pad', padInputs, node.name, { dtype: x.dtype, shape, perm: x.perm }, [attr.string('mode', onnxMode)])];
  };
}

interface AxisSlice {
  readonly axis: number;
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly length: number;
}

// TF slice bounds for one axis, clamped as TF does; `end` of -1 with a negative step means "through index 0".
function sliceAxis(dim: number, begin: number, end: number, step: number, beginAll: boolean, endAll: boolean): Omit<AxisSlice, 'axis'> {
  const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);
  const normalise = (value: number) => (value < 0 ? value + dim : value);
  const [low, high] = step > 0 ? [0, dim] : [-1, dim - 1];
  const start = beginAll ? (step > 0 ? 0 : dim - 1) : clamp(normalise(begin), low, high);
  const stop = endAll ? (step > 0 ? dim : -1) : clamp(normalise(end), low, high);
  const length = Math.max(0, Math.ceil((stop - start) / step));
  return { start, end: stop, step, length };
}

function emitSlice(ctx: ConversionContext, node: TfNode, x: RuntimeValue, slices: readonly AxisSlice[], base: string): RuntimeValue {
  const active = slices.filter((slice) => !(slice.start === 0 && slice.step === 1 && slice.length === x.shape[slice.axis]));
  if (active.length === 0) return x;
  const dims = x.perm.map((axis) => x.shape[axis]!);
  const axes = active.map((slice) => physicalAxis(x.perm, slice.axis));
  const ends = active.map((slice, index) => (slice.step < 0 && slice.end === -1 ? -(dims[axes[index]!]! + 1) : slice.end));
  const shape = [...x.shape];
  for (const slice of slices) shape[slice.axis] = slice.length;
  // Initialisers are named and added in ONNX input order: starts, ends, axes, steps.
  const starts = active.map((slice) => slice.start);
  const steps = active.map((slice) => slice.step);
  const bounds = [
    ctx.int64(starts, `${node.name}/starts`),
    ctx.int64(ends, `${node.name}/ends`),
    ctx.int64(axes, `${node.name}/axes`),
    ctx.int64(steps, `${node.name}/steps`),
  ];
  return ctx.emitValue('Slice', [x.name, ...bounds], base, { dtype: x.dtype, shape, perm: x.perm });
}

const stridedSlice: OpConverter = (ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const [begin, end, strides] = [1, 2, 3].map((index) => toNumbers(expectConst(node, inputs[index], 'slice bound')));
  const bit = (mask: string, axis: number) => (attrInt(node, mask, 0) >> axis) & 1;
  if (attrInt(node, 'ellipsis_mask', 0) !== 0 || attrInt(node, 'new_axis_mask', 0) !== 0) {
    throw new Error(`StridedSlice ${node.name}: ellipsis and new-axis masks are not supported`);
  }
  const slices: AxisSlice[] = [];
  const shrink: number[] = [];
  begin!.forEach((start, axis) => {
    const dim = x.shape[axis]!;
    if (bit('shrink_axis_mask', axis)) {
      const index = start < 0 ? start + dim : start;
      slices.push({ axis, start: index, end: index + 1, step: 1, length: 1 });
      shrink.push(axis);
    } else {
      slices.push({
        axis,
        ...sliceAxis(dim, start, end![axis]!, strides![axis] ?? 1, bit('begin_mask', axis) === 1, bit('end_mask', axis) === 1),
      });
    }
  });
  const sliced = emitSlice(ctx, node, x, slices, shrink.length > 0 ? `${node.name}/slice` : node.name);
  return [squeezeAxes(ctx, node, sliced, shrink, node.name)];
};

const slice: OpConverter = (ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const [begin, size] = [1, 2].map((index) => toNumbers(expectConst(node, inputs[index], 'slice bound')));
  const slices = begin!.map((start, axis) => {
    const length = size![axis] === -1 ? x.shape[axis]! - start : size![axis]!;
    return { axis, start, end: start + length, step: 1, length };
  });
  return [emitSlice(ctx, node, x, slices, node.name)];
};

const pack: OpConverter = (ctx, node, inputs) => {
  const axis = attrInt(node, 'axis', 0);
  const expanded = inputs.map((value, index) => {
    const runtime = value.kind === 'runtime' ? value : ctx.runtime(ctx.constant(value.tensor), value.tensor.dtype, value.tensor.shape);
    return expandDims(ctx, runtime, axis, `${node.name}/expand_${index}`);
  });
  return [concat(ctx, node, expanded, axis < 0 ? axis + expanded[0]!.shape.length : axis)];
};

const tile: OpConverter = (ctx, node, inputs) => {
  const x = runtimeInput(node, inputs, 0);
  const multiples = toNumbers(expectConst(node, inputs[1], 'multiples'));
  const shape = x.shape.map((dim, axis) => dim * multiples[axis]!);
  return [ctx.emitValue('Tile', [x.name, ctx.int64(physicalShape(multiples, x.perm), `${node.name}/repeats`)], node.name, { ...x, shape })];
};

export const shapeConverters: Record<string, OpConverter> = {
  Reshape: reshape,
  Squeeze: squeeze,
  ExpandDims: (ctx, node, inputs) => [
    expandDims(ctx, runtimeInput(node, inputs, 0), expectConst(node, inputs[1], 'dim').values[0]!, node.name),
  ],
  Transpose: transpose,
  ConcatV2: (ctx, node, inputs) => [concat(ctx, node, inputs.slice(0, -1), expectConst(node, inputs.at(-1), 'axis').values[0]!)],
  Concat: (ctx, node, inputs) => [concat(ctx, node, inputs.slice(1), expectConst(node, inputs[0], 'axis').values[0]!)],
  Split: (ctx, node, inputs) => {
    const x = runtimeInput(node, inputs, 1);
    const axis = normaliseAxis(expectConst(node, inputs[0], 'split_dim').values[0]!, x.shape.length);
    const count = attrInt(node, 'num_split');
    return split(ctx, node, x, axis, new Array<number>(count).fill(x.shape[axis]! / count));
  },
  SplitV: (ctx, node, inputs) =>
    split(
      ctx,
      node,
      runtimeInput(node, inputs, 0),
      expectConst(node, inputs[2], 'split_dim').values[0]!,
      toNumbers(expectConst(node, inputs[1], 'size_splits')),
    ),
  Pad: pad('constant'),
  PadV2: pad('constant'),
  MirrorPad: pad('mirror'),
  StridedSlice: stridedSlice,
  Slice: slice,
  Pack: pack,
  Tile: tile,
  // Shapes are static, so Shape is a constant even of a computed tensor.
  Shape: (_ctx, node, inputs) => {
    const shape = shapeOf(expectInput(node, inputs[0], 0));
    return [{ kind: 'const', tensor: constTensor('int32', [shape.length], shape) }];
  },
};
