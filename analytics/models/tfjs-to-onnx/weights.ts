// Decodes the weights of a TFJS weights manifest into constant tensors, expanding float16 and the affine
// uint8/uint16 quantisation to float32 (or int32 where the original was int32), as tfjs-core does.
import { z } from 'zod';
import { sizeOf, type ConstTensor, type DType } from './const-tensor';

export const weightSpecSchema = z.object({
  name: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32', 'bool', 'string', 'complex64']),
  quantization: z
    .object({
      dtype: z.enum(['uint8', 'uint16', 'float16']),
      scale: z.number().optional(),
      min: z.number().optional(),
      original_dtype: z.string().optional(),
    })
    .optional(),
});

export type WeightSpec = z.infer<typeof weightSpecSchema>;

const BYTES_PER_QUANTISED = { uint8: 1, uint16: 2, float16: 2 } as const;

export function decodeWeights(specs: readonly WeightSpec[], data: Uint8Array): Map<string, ConstTensor> {
  const tensors = new Map<string, ConstTensor>();
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 0;
  for (const spec of specs) {
    const size = sizeOf(spec.shape);
    if (spec.dtype === 'string' || spec.dtype === 'complex64')
      throw new Error(`weight ${spec.name}: ${spec.dtype} weights are not supported`);
    const quantisation = spec.quantization;
    const byteLength = quantisation ? size * BYTES_PER_QUANTISED[quantisation.dtype] : size * (spec.dtype === 'bool' ? 1 : 4);
    if (offset + byteLength > data.byteLength) throw new Error(`weight ${spec.name} runs past the end of the weight data`);
    const dtype: DType = spec.dtype;
    let values: Float32Array | Int32Array | Uint8Array;
    if (!quantisation) {
      values = readPlain(view, offset, size, dtype);
    } else if (quantisation.dtype === 'float16') {
      const floats = new Float32Array(size);
      for (let i = 0; i < size; i++) floats[i] = float16ToFloat32(view.getUint16(offset + 2 * i, true));
      values = dtype === 'int32' ? Int32Array.from(floats, Math.round) : floats;
    } else {
      const scale = quantisation.scale ?? 1;
      const min = quantisation.min ?? 0;
      const read =
        quantisation.dtype === 'uint8' ? (i: number) => view.getUint8(offset + i) : (i: number) => view.getUint16(offset + 2 * i, true);
      if (dtype === 'int32') values = Int32Array.from({ length: size }, (_, i) => Math.round(read(i) * scale + min));
      else values = Float32Array.from({ length: size }, (_, i) => read(i) * scale + min);
    }
    tensors.set(spec.name, { dtype, shape: spec.shape, values });
    offset += byteLength;
  }
  if (offset !== data.byteLength) throw new Error(`weight data has ${data.byteLength} bytes but the manifest describes ${offset}`);
  return tensors;
}

function readPlain(view: DataView, offset: number, size: number, dtype: DType): Float32Array | Int32Array | Uint8Array {
  if (dtype === 'bool') return Uint8Array.from({ length: size }, (_, i) => view.getUint8(offset + i));
  if (dtype === 'float32') return Float32Array.from({ length: size }, (_, i) => view.getFloat32(offset + 4 * i, true));
  return Int32Array.from({ length: size }, (_, i) => view.getInt32(offset + 4 * i, true));
}

export function float16ToFloat32(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
