// ResizeBilinear and ResizeNearestNeighbor as ONNX Resize. It works in any layout, so the target sizes
// follow the tensor's perm; TF's align_corners/half_pixel_centers map to coordinate transformation modes.
import { expectConst, expectInput, type OpConverter } from '../conversion-context';
import { physicalShape } from '../layout';
import { attr, type OnnxAttribute } from '../onnx-graph-builder';
import { attrBool } from '../tf-attributes';

function resize(mode: 'linear' | 'nearest'): OpConverter {
  return (ctx, node, inputs) => {
    const x = expectInput(node, inputs[0], 0);
    if (x.kind !== 'runtime') throw new Error(`${node.op} ${node.name}: constant input is not supported`);
    const [height, width] = expectConst(node, inputs[1], 'size').values;
    const shape = [x.shape[0]!, height!, width!, x.shape[3]!];
    const alignCorners = attrBool(node, 'align_corners', false);
    const halfPixel = attrBool(node, 'half_pixel_centers', false);
    const attributes: OnnxAttribute[] = [attr.string('mode', mode)];
    if (mode === 'linear') {
      attributes.push(
        attr.string('coordinate_transformation_mode', alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric'),
      );
    } else {
      // TF picks floor((out + 0.5) * in/out) with half-pixel centres and round(out * (in-1)/(out-1)) with aligned
      // corners: ONNX's half_pixel/align_corners with rounding half up give exactly that.
      attributes.push(
        attr.string('coordinate_transformation_mode', alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric'),
        attr.string('nearest_mode', alignCorners || halfPixel ? 'round_prefer_ceil' : 'floor'),
      );
    }
    const sizes = ctx.int64(physicalShape(shape, x.perm), `${node.name}/sizes`);
    return [ctx.emitValue('Resize', [x.name, '', '', sizes], node.name, { dtype: x.dtype, shape, perm: x.perm }, attributes)];
  };
}

export const resizeConverters: Record<string, OpConverter> = {
  ResizeBilinear: resize('linear'),
  ResizeNearestNeighbor: resize('nearest'),
};
