// Conv2D, DepthwiseConv2dNative and their TFJS-fused forms (bias or batch norm folded into the weights,
// then an activation), and standalone FusedBatchNorm. Activations stay NCHW; weights are re-laid out from
// TF's [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]) to ONNX's [out, in/group, kh, kw].
import { constTensor, reshapeConst, transposeConst, type ConstTensor } from '../const-tensor';
import { expectConst, expectInput, type ConversionContext, type OpConverter, type RuntimeValue, type Value } from '../conversion-context';
import { identityPerm, NCHW_OF_NHWC } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrFloat, attrString, attrStrings } from '../tf-attributes';
import type { TfNode } from '../tfjs-model';
import { emitActivation, emitBinary } from './elementwise';
import { spatialGeometry } from './spatial-geometry';

interface BatchNormFold {
  readonly scale: Float32Array;
  readonly shift: Float32Array;
}

// Inference-time batch norm as y = x * scale + shift.
function foldBatchNorm(node: TfNode, inputs: readonly Value[], first: number): BatchNormFold {
  const [gamma, beta, mean, variance] = [0, 1, 2, 3].map(
    (offset) => expectConst(node, inputs[first + offset], 'batch norm parameter').values,
  );
  const epsilon = attrFloat(node, 'epsilon', 0.001);
  const channels = gamma!.length;
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = gamma![c]! / Math.sqrt(variance![c]! + epsilon);
    shift[c] = beta![c]! - mean![c]! * scale[c]!;
  }
  return { scale, shift };
}

function convert(kind: 'conv' | 'depthwise', fused: boolean): OpConverter {
  return (ctx, node, inputs) => {
    const x = expectInput(node, inputs[0], 0);
    if (x.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: constant input is not supported`);
    const filter = expectConst(node, inputs[1], 'filter');
    const channelsFirst = attrString(node, 'data_format', 'NHWC') === 'NCHW';
    const [batch, inHeight, inWidth, inChannels] = channelsFirst
      ? [x.shape[0]!, x.shape[2]!, x.shape[3]!, x.shape[1]!]
      : [x.shape[0]!, x.shape[1]!, x.shape[2]!, x.shape[3]!];
    const [kh, kw, filterIn, filterOut] = filter.shape as [number, number, number, number];
    const geometry = spatialGeometry(node, inHeight, inWidth, [kh, kw], channelsFirst);

    let weight: ConstTensor;
    let group: number;
    if (kind === 'depthwise') {
      group = filterIn;
      weight = reshapeConst(transposeConst(filter, [2, 3, 0, 1]), [filterIn * filterOut, 1, kh, kw]);
    } else {
      group = inChannels / filterIn;
      weight = transposeConst(filter, [3, 2, 0, 1]);
    }
    const outChannels = weight.shape[0]!;

    const fusedOps = fused ? attrStrings(node, 'fused_ops') : [];
    let bias: ConstTensor | undefined;
    let activations = fusedOps;
    let extraIndex = 2;
    if (fusedOps[0] === 'BiasAdd') {
      bias = expectConst(node, inputs[2], 'bias');
      activations = fusedOps.slice(1);
      extraIndex = 3;
    } else if (fusedOps[0] === 'FusedBatchNorm') {
      const { scale, shift } = foldBatchNorm(node, inputs, 2);
      weight = scaleOutputChannels(weight, scale);
      bias = constTensor('float32', [outChannels], shift);
      activations = fusedOps.slice(1);
      extraIndex = 6;
    }

    const target = channelsFirst ? identityPerm(4) : NCHW_OF_NHWC;
    const convInputs = [ctx.withPerm(x, target), ctx.constant(weight, 'float32', `${node.name}/weight`)];
    if (bias) convInputs.push(ctx.constant(bias, 'float32', `${node.name}/bias`));
    const shape = channelsFirst
      ? [batch, outChannels, geometry.outHeight, geometry.outWidth]
      : [batch, geometry.outHeight, geometry.outWidth, outChannels];
    let result: RuntimeValue = ctx.emitValue(
      'Conv',
      convInputs,
      activations.length > 0 ? `${node.name}/conv` : node.name,
      { dtype: 'float32', shape, perm: target },
      [
        attr.ints('kernel_shape', [kh, kw]),
        attr.ints('strides', geometry.strides),
        attr.ints('dilations', geometry.dilations),
        attr.ints('pads', geometry.pads),
        attr.int('group', group),
      ],
    );
    activations.forEach((activation, index) => {
      const base = index === activations.length - 1 ? node.name : `${node.name}/${activation}`;
      result = emitActivation(ctx, node, activation, result, base, activation === 'Prelu' ? inputs[extraIndex] : undefined);
    });
    return [result];
  };
}

function scaleOutputChannels(weight: ConstTensor, scale: Float32Array): ConstTensor {
  const perChannel = weight.values.length / scale.length;
  const values = Float32Array.from(weight.values, (value, index) => value * scale[Math.floor(index / perChannel)]!);
  return { dtype: 'float32', shape: weight.shape, values };
}

const batchNorm: OpConverter = (ctx: ConversionContext, node, inputs) => {
  const x = expectInput(node, inputs[0], 0);
  const { scale, shift } = foldBatchNorm(node, inputs, 1);
  const channelsFirst = attrString(node, 'data_format', 'NHWC') === 'NCHW';
  const rank = x.kind === 'runtime' ? x.shape.length : x.tensor.shape.length;
  const channelShape = channelsFirst ? [scale.length, ...new Array<number>(rank - 2).fill(1)] : [scale.length];
  const scaled = emitBinary(ctx, 'Mul', x, { kind: 'const', tensor: constTensor('float32', channelShape, scale) }, `${node.name}/scale`);
  return [emitBinary(ctx, 'Add', scaled, { kind: 'const', tensor: constTensor('float32', channelShape, shift) }, node.name)];
};

export const convolutionConverters: Record<string, OpConverter> = {
  Conv2D: convert('conv', false),
  _FusedConv2D: convert('conv', true),
  DepthwiseConv2d: convert('depthwise', false),
  DepthwiseConv2dNative: convert('depthwise', false),
  FusedDepthwiseConv2dNative: convert('depthwise', true),
  FusedBatchNorm: batchNorm,
  FusedBatchNormV2: batchNorm,
  FusedBatchNormV3: batchNorm,
};
