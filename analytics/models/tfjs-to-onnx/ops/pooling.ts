// MaxPool and AvgPool, run NCHW. TF's SAME average pooling ignores padded cells, as ONNX AveragePool does
// by default (count_include_pad=0); max pooling never picks a padded cell in either.
import { expectInput, type OpConverter } from '../conversion-context';
import { identityPerm, NCHW_OF_NHWC } from '../layout';
import { attr } from '../onnx-graph-builder';
import { attrInts, attrString } from '../tf-attributes';
import { spatialGeometry, spatialPair } from './spatial-geometry';

function pool(opType: 'MaxPool' | 'AveragePool'): OpConverter {
  return (ctx, node, inputs) => {
    const x = expectInput(node, inputs[0], 0);
    if (x.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: constant input is not supported`);
    const channelsFirst = attrString(node, 'data_format', 'NHWC') === 'NCHW';
    const kernel = spatialPair(attrInts(node, 'ksize'), channelsFirst);
    const [height, width] = channelsFirst ? [x.shape[2]!, x.shape[3]!] : [x.shape[1]!, x.shape[2]!];
    const geometry = spatialGeometry(node, height, width, kernel, channelsFirst);
    const target = channelsFirst ? identityPerm(4) : NCHW_OF_NHWC;
    const shape = channelsFirst
      ? [x.shape[0]!, x.shape[1]!, geometry.outHeight, geometry.outWidth]
      : [x.shape[0]!, geometry.outHeight, geometry.outWidth, x.shape[3]!];
    return [
      ctx.emitValue(opType, [ctx.withPerm(x, target)], node.name, { dtype: x.dtype, shape, perm: target }, [
        attr.ints('kernel_shape', kernel),
        attr.ints('strides', geometry.strides),
        attr.ints('pads', geometry.pads),
      ]),
    ];
  };
}

export const poolingConverters: Record<string, OpConverter> = {
  MaxPool: pool('MaxPool'),
  AvgPool: pool('AveragePool'),
};
