// Reductions over constant axes (Mean, Sum, Max, Min, Prod), in whatever layout the input is stored.
import { toNumbers } from '../const-tensor';
import { expectConst, expectInput, type OpConverter } from '../conversion-context';
import { normaliseAxis, permWithoutAxes, physicalAxis } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrBool } from '../tf-attributes';

function reduce(opType: string): OpConverter {
  return (ctx, node, inputs) => {
    const x = expectInput(node, inputs[0], 0);
    if (x.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: constant input should have been folded`);
    const rank = x.shape.length;
    const requested = toNumbers(expectConst(node, inputs[1], 'reduction indices'));
    const axes = [...new Set(requested.map((axis) => normaliseAxis(axis, rank)))].sort((a, b) => a - b);
    const keepDims = attrBool(node, 'keep_dims', false);
    const physical = axes.map((axis) => physicalAxis(x.perm, axis)).sort((a, b) => a - b);
    const shape = keepDims
      ? x.shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim))
      : x.shape.filter((_, axis) => !axes.includes(axis));
    const perm = keepDims ? x.perm : permWithoutAxes(x.perm, axes);
    const keep = attr.int('keepdims', keepDims ? 1 : 0);
    // From opset 13 ReduceSum takes its axes as an input; the others still take an attribute.
    if (opType === 'ReduceSum') {
      return [
        ctx.emitValue(opType, [x.name, ctx.int64(physical, `${node.name}/axes`)], node.name, { dtype: x.dtype, shape, perm }, [keep]),
      ];
    }
    return [ctx.emitValue(opType, [x.name], node.name, { dtype: x.dtype, shape, perm }, [attr.ints('axes', physical), keep])];
  };
}

export const reductionConverters: Record<string, OpConverter> = {
  Mean: reduce('ReduceMean'),
  Sum: reduce('ReduceSum'),
  Max: reduce('ReduceMax'),
  Min: reduce('ReduceMin'),
  Prod: reduce('ReduceProd'),
};
