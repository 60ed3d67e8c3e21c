// MatMul, BatchMatMul(V2) and TFJS's _FusedMatMul (bias and activation folded in), in TF's axis order.
import { transposeConst } from '../const-tensor';
import {
  expectConst,
  expectInput,
  shapeOf,
  type ConversionContext,
  type OpConverter,
  type RuntimeValue,
  type Value,
} from '../conversion-context';
import { identityPerm } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrBool, attrStrings } from '../tf-attributes';
import type { TfNode } from '../tfjs-model';
import { emitActivation, emitBinary } from './elementwise';

// An operand in TF order, with its last two axes swapped when the op asks for it.
function operand(ctx: ConversionContext, node: TfNode, value: Value, transposed: boolean, hint: string): { name: string; shape: number[] } {
  const shape = [...shapeOf(value)];
  const rank = shape.length;
  if (!transposed) return { name: ctx.logical(value, hint), shape };
  const swap = identityPerm(rank);
  [swap[rank - 2], swap[rank - 1]] = [rank - 1, rank - 2];
  const swappedShape = swap.map((axis) => shape[axis]!);
  if (value.kind === 'const') return { name: ctx.constant(transposeConst(value.tensor, swap), 'float32', hint), shape: swappedShape };
  const [name] = ctx.emit('Transpose', [ctx.logical(value)], `${node.name}/${hint}`, [attr.ints('perm', swap)]);
  return { name: name!, shape: swappedShape };
}

function matmul(fused: boolean, transposeA: string, transposeB: string): OpConverter {
  return (ctx, node, inputs) => {
    const a = operand(ctx, node, expectInput(node, inputs[0], 0), attrBool(node, transposeA, false), 'a');
    const b = operand(ctx, node, expectInput(node, inputs[1], 1), attrBool(node, transposeB, false), 'b');
    const batch = a.shape.length >= b.shape.length ? a.shape.slice(0, -2) : b.shape.slice(0, -2);
    const shape = [...batch, a.shape.at(-2)!, b.shape.at(-1)!];
    const fusedOps = fused ? attrStrings(node, 'fused_ops') : [];
    const activations = fusedOps[0] === 'BiasAdd' ? fusedOps.slice(1) : fusedOps;
    const last = fusedOps.length === 0;
    let result: RuntimeValue = ctx.emitValue('MatMul', [a.name, b.name], last ? node.name : `${node.name}/matmul`, {
      dtype: 'float32',
      shape,
      perm: identityPerm(shape.length),
    });
    if (fusedOps[0] === 'BiasAdd') {
      const bias: Value = { kind: 'const', tensor: expectConst(node, inputs[2], 'bias') };
      result = emitBinary(ctx, 'Add', result, bias, activations.length > 0 ? `${node.name}/bias` : node.name);
    }
    activations.forEach((activation, index) => {
      result = emitActivation(
        ctx,
        node,
        activation,
        result,
        index === activations.length - 1 ? node.name : `${node.name}/${activation}`,
        inputs[3],
      );
    });
    return [result];
  };
}

export const matmulConverters: Record<string, OpConverter> = {
  MatMul: matmul(false, 'transpose_a', 'transpose_b'),
  _FusedMatMul: matmul(true, 'transpose_a', 'transpose_b'),
  BatchMatMul: matmul(false, 'adj_x', 'adj_y'),
  BatchMatMulV2: matmul(false, 'adj_x', 'adj_y'),
};
