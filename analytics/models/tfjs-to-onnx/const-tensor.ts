// Constant tensors held in JavaScript while converting: weights, shapes and anything folded at build time.
// int64 is kept in an Int32Array because TFJS stores int64 weights as int32 and every value fits.

export type DType = 'float32' | 'int32' | 'int64' | 'bool';

export type TensorValues = Float32Array | Int32Array | Uint8Array;

export interface ConstTensor {
  readonly dtype: DType;
  readonly shape: readonly number[];
  readonly values: TensorValues;
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--) strides[axis] = strides[axis + 1]! * shape[axis + 1]!;
  return strides;
}

export function allocate(dtype: DType, size: number): TensorValues {
  if (dtype === 'float32') return new Float32Array(size);
  if (dtype === 'bool') return new Uint8Array(size);
  return new Int32Array(size);
}

export function constTensor(dtype: DType, shape: readonly number[], values: ArrayLike<number>): ConstTensor {
  if (values.length !== sizeOf(shape)) throw new Error(`constant of shape [${shape.join(',')}] given ${values.length} values`);
  const typed = allocate(dtype, values.length);
  typed.set(values);
  return { dtype, shape: [...shape], values: typed };
}

export function scalar(dtype: DType, value: number): ConstTensor {
  return constTensor(dtype, [], [value]);
}

export function toNumbers(tensor: ConstTensor): number[] {
  return Array.from(tensor.values);
}

export function reshapeConst(tensor: ConstTensor, shape: readonly number[]): ConstTensor {
  if (sizeOf(shape) !== tensor.values.length) throw new Error(`cannot reshape [${tensor.shape.join(',')}] to [${shape.join(',')}]`);
  return { dtype: tensor.dtype, shape: [...shape], values: tensor.values };
}

export function castConst(tensor: ConstTensor, dtype: DType): ConstTensor {
  if (tensor.dtype === dtype) return tensor;
  const values = allocate(dtype, tensor.values.length);
  for (let i = 0; i < values.length; i++) {
    const value = tensor.values[i]!;
    values[i] = dtype === 'bool' ? (value !== 0 ? 1 : 0) : dtype === 'float32' ? value : Math.trunc(value);
  }
  return { dtype, shape: tensor.shape, values };
}

// Output axis i takes input axis perm[i] (the ONNX and TF Transpose convention).
export function transposeConst(tensor: ConstTensor, perm: readonly number[]): ConstTensor {
  if (perm.every((axis, index) => axis === index)) return tensor;
  const inStrides = stridesOf(tensor.shape);
  const outShape = perm.map((axis) => tensor.shape[axis]!);
  const size = sizeOf(outShape);
  const values = allocate(tensor.dtype, size);
  const rank = outShape.length;
  const index = new Array<number>(rank).fill(0);
  const strideForOut = perm.map((axis) => inStrides[axis]!);
  for (let flat = 0; flat < size; flat++) {
    let source = 0;
    for (let axis = 0; axis < rank; axis++) source += index[axis]! * strideForOut[axis]!;
    values[flat] = tensor.values[source]!;
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]! += 1;
      if (index[axis]! < outShape[axis]!) break;
      index[axis] = 0;
    }
  }
  return { dtype: tensor.dtype, shape: outShape, values };
}

export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const shape: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) throw new Error(`shapes [${a.join(',')}] and [${b.join(',')}] do not broadcast`);
    shape.push(da === 1 ? db : da);
  }
  return shape;
}

// Applies a scalar function elementwise with numpy/TF broadcasting.
export function broadcastBinary(a: ConstTensor, b: ConstTensor, dtype: DType, fn: (x: number, y: number) => number): ConstTensor {
  const shape = broadcastShapes(a.shape, b.shape);
  const rank = shape.length;
  const size = sizeOf(shape);
  const values = allocate(dtype, size);
  const stridesFor = (t: ConstTensor): number[] => {
    const own = stridesOf(t.shape);
    return shape.map((_, i) => {
      const axis = i - (rank - t.shape.length);
      return axis < 0 || t.shape[axis] === 1 ? 0 : own[axis]!;
    });
  };
  const sa = stridesFor(a);
  const sb = stridesFor(b);
  const index = new Array<number>(rank).fill(0);
  for (let flat = 0; flat < size; flat++) {
    let ia = 0;
    let ib = 0;
    for (let axis = 0; axis < rank; axis++) {
      ia += index[axis]! * sa[axis]!;
      ib += index[axis]! * sb[axis]!;
    }
    values[flat] = fn(a.values[ia]!, b.values[ib]!);
    for (let axis = rank - 1; axis >= 0; axis--) {
      index[axis]! += 1;
      if (index[axis]! < shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return { dtype, shape, values };
}

export function concatConst(tensors: readonly ConstTensor[], axis: number): ConstTensor {
  const first = tensors[0];
  if (!first) throw new Error('concat of nothing');
  const outer = sizeOf(first.shape.slice(0, axis));
  const shape = [...first.shape];
  shape[axis] = tensors.reduce((sum, t) => sum + t.shape[axis]!, 0);
  const values = allocate(first.dtype, sizeOf(shape));
  let offset = 0;
  for (let o = 0; o < outer; o++) {
    for (const t of tensors) {
      const chunk = t.values.length / Math.max(outer, 1);
      values.set(t.values.subarray(o * chunk, (o + 1) * chunk), offset);
      offset += chunk;
    }
  }
  return { dtype: first.dtype, shape, values };
}
