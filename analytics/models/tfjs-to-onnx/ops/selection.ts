// TopKV2, GatherV2 and ArgMax/ArgMin, in TF's axis order. ONNX returns int64 indices where TFJS has int32,
// so they are cast back to keep the arithmetic that follows (e.g. CenterNet's index maths) in one dtype.
import { expectConst, expectInput, shapeOf, type ConversionContext, type OpConverter, type RuntimeValue } from '../conversion-context';
import { identityPerm, normaliseAxis } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrInt } from '../tf-attributes';

const INT32 = 6;

function toInt32(ctx: ConversionContext, name: string, shape: readonly number[], base: string): RuntimeValue {
  return ctx.emitValue('Cast', [name], base, { dtype: 'int32', shape, perm: identityPerm(shape.length) }, [attr.int('to', INT32)]);
}

const topK: OpConverter = (ctx, node, inputs) => {
  const x = expectInput(node, inputs[0], 0);
  if (x.kind !== 'runtime') throw new Error(`TopKV2 ${node.name}: constant input should have been folded`);
  const k = expectConst(node, inputs[1], 'k').values[0]!;
  const shape = [...x.shape.slice(0, -1), k];
  const [values, indices] = ctx.emit(
    'TopK',
    [ctx.logical(x), ctx.int64([k], `${node.name}/k`)],
    node.name,
    [attr.int('axis', -1), attr.int('sorted', 1)],
    2,
  );
  return [
    { kind: 'runtime', name: values!, dtype: x.dtype, shape, perm: identityPerm(shape.length) },
    toInt32(ctx, indices!, shape, `${node.name}:1/int32`),
  ];
};

const gather: OpConverter = (ctx, node, inputs) => {
  const params = expectInput(node, inputs[0], 0);
  const indices = expectInput(node, inputs[1], 1);
  if (attrInt(node, 'batch_dims', 0) !== 0) throw new Error(`GatherV2 ${node.name}: batch_dims is not supported`);
  const paramsShape = shapeOf(params);
  const axis = normaliseAxis(inputs[2] ? expectConst(node, inputs[2], 'axis').values[0]! : 0, paramsShape.length);
  const shape = [...paramsShape.slice(0, axis), ...shapeOf(indices), ...paramsShape.slice(axis + 1)];
  const dtype = params.kind === 'const' ? params.tensor.dtype : params.dtype;
  return [
    ctx.emitValue(
      'Gather',
      [ctx.logical(params, `${node.name}/params`), ctx.logical(indices, `${node.name}/indices`)],
      node.name,
      { dtype, shape, perm: identityPerm(shape.length) },
      [attr.int('axis', axis)],
    ),
  ];
};

function argExtreme(opType: 'ArgMax' | 'ArgMin'): OpConverter {
  return (ctx, node, inputs) => {
    const x = expectInput(node, inputs[0], 0);
    if (x.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: constant input should have been folded`);
    const axis = normaliseAxis(expectConst(node, inputs[1], 'dimension').values[0]!, x.shape.length);
    const shape = x.shape.filter((_, index) => index !== axis);
    const [indices] = ctx.emit(opType, [ctx.logical(x)], `${node.name}/int64`, [attr.int('axis', axis), attr.int('keepdims', 0)]);
    return [toInt32(ctx, indices!, shape, node.name)];
  };
}

export const selectionConverters: Record<string, OpConverter> = {
  TopKV2: topK,
  GatherV2: gather,
  Gather: gather,
  ArgMax: argExtreme('ArgMax'),
  ArgMin: argExtreme('ArgMin'),
};
