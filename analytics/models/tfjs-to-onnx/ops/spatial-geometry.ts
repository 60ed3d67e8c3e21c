// Strides, dilations, padding and output size of a TF convolution or pooling window. TF's SAME padding
// puts the odd pixel at the bottom/right, which ONNX expresses with explicit asymmetric pads.
import { attrInts, attrString } from '../tf-attributes';
import type { TfNode } from '../tfjs-model';

export interface SpatialGeometry {
  readonly strides: [number, number];
  readonly dilations: [number, number];
  // ONNX order: [top, left, bottom, right].
  readonly pads: [number, number, number, number];
  readonly outHeight: number;
  readonly outWidth: number;
}

// Picks the H and W entries of a 4-element NHWC/NCHW attribute list.
export function spatialPair(values: readonly number[], channelsFirst: boolean): [number, number] {
  return channelsFirst ? [values[2]!, values[3]!] : [values[1]!, values[2]!];
}

export function spatialGeometry(
  node: TfNode,
  inHeight: number,
  inWidth: number,
  kernel: [number, number],
  channelsFirst: boolean,
): SpatialGeometry {
  const strides = spatialPair(attrInts(node, 'strides', [1, 1, 1, 1]), channelsFirst);
  const dilations = spatialPair(attrInts(node, 'dilations', [1, 1, 1, 1]), channelsFirst);
  const effective = [(kernel[0] - 1) * dilations[0] + 1, (kernel[1] - 1) * dilations[1] + 1];
  const padding = attrString(node, 'padding');
  const inputs = [inHeight, inWidth];
  const begin = [0, 0];
  const end = [0, 0];
  const out = [0, 0];
  for (const axis of [0, 1]) {
    const size = inputs[axis]!;
    const stride = strides[axis]!;
    if (padding === 'SAME') {
      out[axis] = Math.ceil(size / stride);
      const total = Math.max((out[axis] - 1) * stride + effective[axis]! - size, 0);
      begin[axis] = Math.floor(total / 2);
      end[axis] = total - begin[axis];
    } else if (padding === 'VALID') {
      out[axis] = Math.floor((size - effective[axis]!) / stride) + 1;
    } else if (padding === 'EXPLICIT') {
      const explicit = attrInts(node, 'explicit_paddings');
      const dim = channelsFirst ? axis + 2 : axis + 1;
      begin[axis] = explicit[2 * dim]!;
      end[axis] = explicit[2 * dim + 1]!;
      out[axis] = Math.floor((size + begin[axis] + end[axis] - effective[axis]!) / stride) + 1;
    } else {
      throw new Error(`${node.op} ${node.name}: padding ${padding} is not supported`);
    }
  }
  return {
    strides,
    dilations,
    pads: [begin[0]!, begin[1]!, end[0]!, end[1]!],
    outHeight: out[0]!,
    outWidth: out[1]!,
  };
}
