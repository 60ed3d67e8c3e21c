// Elementwise ops: activations, arithmetic, comparisons and casts. They work in any storage layout, so a
// result keeps its operands' perm; constant operands are laid out to match instead of transposing the data.
import { broadcastShapes, reshapeConst, scalar, type DType } from '../const-tensor';
import {
  type ConversionContext,
  dtypeOf,
  expectConst,
  expectInput,
  shapeOf,
  type OpConverter,
  type RuntimeValue,
  type Value,
} from '../conversion-context';
import { identityPerm, isIdentity, normaliseAxis, physicalAxis } from '../layout';
import { attr, type OnnxAttribute } from '../onnx-graph-builder';
import { attrFloat, attrString, attrType } from '../tf-attributes';
import type { TfNode } from '../tfjs-model';

export function tfDtype(node: TfNode, type: string): DType {
  if (type === 'DT_FLOAT') return 'float32';
  // TFJS runs int64 as int32, and so does the converted graph.
  if (type === 'DT_INT32' || type === 'DT_INT64') return 'int32';
  if (type === 'DT_BOOL') return 'bool';
  throw new Error(`${node.op} ${node.name}: dtype ${type} is not supported`);
}

export function emitBinary(ctx: ConversionContext, opType: string, a: Value, b: Value, base: string, outDtype?: DType): RuntimeValue {
  const shape = broadcastShapes(shapeOf(a), shapeOf(b));
  const dtype = a.kind === 'runtime' ? a.dtype : dtypeOf(b);
  let names: [string, string];
  let perm: readonly number[];
  if (a.kind === 'runtime' && b.kind === 'runtime') {
    if (a.shape.length === b.shape.length) {
      perm = isIdentity(a.perm) ? b.perm : a.perm;
      names = [ctx.withPerm(a, perm), ctx.withPerm(b, perm)];
    } else {
      perm = identityPerm(shape.length);
      names = [ctx.logical(a), ctx.logical(b)];
    }
  } else {
    const runtime = a.kind === 'runtime' ? a : b.kind === 'runtime' ? b : undefined;
    const constant = a.kind === 'const' ? a.tensor : b.kind === 'const' ? b.tensor : undefined;
    if (!runtime || !constant) throw new Error(`${opType} ${base}: both operands are constant and should have been folded`);
    let runtimeName = runtime.name;
    let constantName: string;
    if (constant.shape.length <= runtime.shape.length) {
      perm = runtime.perm;
      constantName = ctx.alignedConstant(constant, runtime.shape.length, runtime.perm, runtime.dtype, `${base}/const`);
    } else {
      perm = identityPerm(shape.length);
      runtimeName = ctx.logical(runtime);
      constantName = ctx.constant(constant, runtime.dtype, `${base}/const`);
    }
    names = a.kind === 'runtime' ? [runtimeName, constantName] : [constantName, runtimeName];
  }
  return ctx.emitValue(opType, names, base, { dtype: outDtype ?? dtype, shape, perm });
}

export function emitUnary(
  ctx: ConversionContext,
  opType: string,
  x: RuntimeValue,
  base: string,
  attributes: readonly OnnxAttribute[] = [],
): RuntimeValue {
  return ctx.emitValue(opType, [x.name], base, x, attributes);
}

function clip(ctx: ConversionContext, x: RuntimeValue, min: number, max: number, base: string): RuntimeValue {
  const bounds = [
    ctx.constant(scalar('float32', min), 'float32', `${base}/min`),
    ctx.constant(scalar('float32', max), 'float32', `${base}/max`),
  ];
  return ctx.emitValue('Clip', [x.name, ...bounds], base, x);
}

// The activations TF fuses into convolutions and matmuls, by their TF names.
export function emitActivation(
  ctx: ConversionContext,
  node: TfNode,
  activation: string,
  x: RuntimeValue,
  base: string,
  extra?: Value,
): RuntimeValue {
  switch (activation) {
    case 'Relu':
      return emitUnary(ctx, 'Relu', x, base);
    case 'Relu6':
      return clip(ctx, x, 0, 6, base);
    case 'Elu':
      return emitUnary(ctx, 'Elu', x, base);
    case 'Selu':
      return emitUnary(ctx, 'Selu', x, base);
    case 'Sigmoid':
      return emitUnary(ctx, 'Sigmoid', x, base);
    case 'Tanh':
      return emitUnary(ctx, 'Tanh', x, base);
    case 'LeakyRelu':
      return emitUnary(ctx, 'LeakyRelu', x, base, [attr.float('alpha', attrFloat(node, 'leakyrelu_alpha', attrFloat(node, 'alpha', 0.2)))]);
    case 'Prelu':
      return emitBinary(ctx, 'PRelu', x, expectInput(node, extra, 3), base);
    default:
      throw new Error(`${node.op} ${node.name}: fused activation ${activation} is not supported`);
  }
}

const runtimeInput = (node: TfNode, inputs: readonly Value[], index: number): RuntimeValue => {
  const value = expectInput(node, inputs[index], index);
  if (value.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: input ${index} is constant and should have been folded`);
  return value;
};

const unary =
  (opType: string): OpConverter =>
  (ctx, node, inputs) => [emitUnary(ctx, opType, runtimeInput(node, inputs, 0), node.name)];

const activationOp =
  (name: string): OpConverter =>
  (ctx, node, inputs) => [emitActivation(ctx, node, name, runtimeInput(node, inputs, 0), node.name)];

const binary =
  (opType: string, outDtype?: DType): OpConverter =>
  (ctx, node, inputs) => [emitBinary(ctx, opType, expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1), node.name, outDtype)];

function floorDiv(ctx: ConversionContext, node: TfNode, a: Value, b: Value): RuntimeValue {
  if (dtypeOf(a) === 'float32') return emitUnary(ctx, 'Floor', emitBinary(ctx, 'Div', a, b, `${node.name}/div`), node.name);
  // Integer Div truncates; subtracting the floor remainder first makes the quotient exact floor division.
  const remainder = emitBinary(ctx, 'Mod', a, b, `${node.name}/mod`);
  const exact = emitBinary(ctx, 'Sub', a, remainder, `${node.name}/sub`);
  return emitBinary(ctx, 'Div', exact, b, node.name);
}

function floorMod(ctx: ConversionContext, node: TfNode, a: Value, b: Value): RuntimeValue {
  // ONNX integer Mod (fmod=0) takes the divisor's sign, as TF's FloorMod does.
  if (dtypeOf(a) !== 'float32') return emitBinary(ctx, 'Mod', a, b, node.name);
  const quotient = emitUnary(ctx, 'Floor', emitBinary(ctx, 'Div', a, b, `${node.name}/div`), `${node.name}/floor`);
  return emitBinary(ctx, 'Sub', a, emitBinary(ctx, 'Mul', quotient, b, `${node.name}/mul`), node.name);
}

function biasAdd(ctx: ConversionContext, node: TfNode, x: Value, bias: Value): RuntimeValue {
  if (x.kind !== 'runtime' || bias.kind !== 'const') return emitBinary(ctx, 'Add', x, bias, node.name);
  const channelsFirst = attrString(node, 'data_format', 'NHWC') === 'NCHW';
  const rank = x.shape.length;
  const shaped = channelsFirst
    ? reshapeConst(bias.tensor, [bias.tensor.values.length, ...new Array<number>(rank - 2).fill(1)])
    : bias.tensor;
  return emitBinary(ctx, 'Add', x, { kind: 'const', tensor: shaped }, node.name);
}

function softmax(opType: string): OpConverter {
  return (ctx, node, inputs) => {
    const x = runtimeInput(node, inputs, 0);
    const axis = physicalAxis(x.perm, normaliseAxis(-1, x.shape.length));
    return [emitUnary(ctx, opType, x, node.name, [attr.int('axis', axis)])];
  };
}

export const elementwiseConverters: Record<string, OpConverter> = {
  Identity: (_ctx, node, inputs) => [expectInput(node, inputs[0], 0)],
  Snapshot: (_ctx, node, inputs) => [expectInput(node, inputs[0], 0)],
  StopGradient: (_ctx, node, inputs) => [expectInput(node, inputs[0], 0)],
  Relu: activationOp('Relu'),
  Relu6: activationOp('Relu6'),
  Elu: activationOp('Elu'),
  Selu: activationOp('Selu'),
  Sigmoid: activationOp('Sigmoid'),
  Tanh: activationOp('Tanh'),
  LeakyRelu: activationOp('LeakyRelu'),
  Exp: unary('Exp'),
  Log: unary('Log'),
  Sqrt: unary('Sqrt'),
  Abs: unary('Abs'),
  Neg: unary('Neg'),
  Floor: unary('Floor'),
  Ceil: unary('Ceil'),
  Round: unary('Round'),
  Reciprocal: unary('Reciprocal'),
  Inv: unary('Reciprocal'),
  Softplus: unary('Softplus'),
  Sign: unary('Sign'),
  Erf: unary('Erf'),
  Sin: unary('Sin'),
  Cos: unary('Cos'),
  LogicalNot: unary('Not'),
  Rsqrt: (ctx, node, inputs) => [
    emitUnary(ctx, 'Reciprocal', emitUnary(ctx, 'Sqrt', runtimeInput(node, inputs, 0), `${node.name}/sqrt`), node.name),
  ],
  Square: (ctx, node, inputs) => {
    const x = runtimeInput(node, inputs, 0);
    return [ctx.emitValue('Mul', [x.name, x.name], node.name, x)];
  },
  Softmax: softmax('Softmax'),
  LogSoftmax: softmax('LogSoftmax'),
  ClipByValue: (ctx, node, inputs) => {
    const [min, max] = [expectConst(node, inputs[1], 'min'), expectConst(node, inputs[2], 'max')];
    if (min.values.length !== 1 || max.values.length !== 1) throw new Error(`ClipByValue ${node.name}: only scalar bounds are supported`);
    return [clip(ctx, runtimeInput(node, inputs, 0), min.values[0]!, max.values[0]!, node.name)];
  },
  Cast: (ctx, node, inputs) => {
    const x = runtimeInput(node, inputs, 0);
    const to = tfDtype(node, attrType(node, 'DstT'));
    if (to === x.dtype) return [x];
    const onnxType = { float32: 1, int32: 6, int64: 7, bool: 9 }[to];
    return [ctx.emitValue('Cast', [x.name], node.name, { ...x, dtype: to }, [attr.int('to', onnxType)])];
  },
  Add: binary('Add'),
  AddV2: binary('Add'),
  Sub: binary('Sub'),
  Mul: binary('Mul'),
  RealDiv: binary('Div'),
  Div: (ctx, node, inputs) => {
    const [a, b] = [expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1)];
    return [dtypeOf(a) === 'float32' ? emitBinary(ctx, 'Div', a, b, node.name) : floorDiv(ctx, node, a, b)];
  },
  FloorDiv: (ctx, node, inputs) => [floorDiv(ctx, node, expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1))],
  FloorMod: (ctx, node, inputs) => [floorMod(ctx, node, expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1))],
  Maximum: binary('Max'),
  Minimum: binary('Min'),
  Pow: binary('Pow'),
  Prelu: binary('PRelu'),
  SquaredDifference: (ctx, node, inputs) => {
    const difference = emitBinary(ctx, 'Sub', expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1), `${node.name}/sub`);
    return [ctx.emitValue('Mul', [difference.name, difference.name], node.name, difference)];
  },
  AddN: (ctx, node, inputs) => {
    let sum = expectInput(node, inputs[0], 0);
    for (let index = 1; index < inputs.length; index++)
      sum = emitBinary(ctx, 'Add', sum, expectInput(node, inputs[index], index), `${node.name}/${index}`);
    return [sum];
  },
  BiasAdd: (ctx, node, inputs) => [biasAdd(ctx, node, expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1))],
  Equal: binary('Equal', 'bool'),
  NotEqual: (ctx, node, inputs) => [
    emitUnary(
      ctx,
      'Not',
      emitBinary(ctx, 'Equal', expectInput(node, inputs[0], 0), expectInput(node, inputs[1], 1), `${node.name}/equal`, 'bool'),
      node.name,
    ),
  ],
  Less: binary('Less', 'bool'),
  LessEqual: binary('LessOrEqual', 'bool'),
  Greater: binary('Greater', 'bool'),
  GreaterEqual: binary('GreaterOrEqual', 'bool'),
  LogicalAnd: binary('And', 'bool'),
  LogicalOr: binary('Or', 'bool'),
};
