// Layout bookkeeping. Every converted tensor keeps its TF ("logical") shape and a permutation saying how
// it is stored in ONNX: physical axis k holds logical axis perm[k]. TF's NHWC activations live as NCHW
// (perm [0,3,1,2]) so that convolutions need no transposes, and a TF Transpose becomes a change of perm.

export type Perm = readonly number[];

export const NCHW_OF_NHWC: Perm = [0, 3, 1, 2];

export function identityPerm(rank: number): number[] {
  return Array.from({ length: rank }, (_, axis) => axis);
}

export function isIdentity(perm: Perm): boolean {
  return perm.every((axis, index) => axis === index);
}

export function samePerm(a: Perm, b: Perm): boolean {
  return a.length === b.length && a.every((axis, index) => axis === b[index]);
}

export function inversePerm(perm: Perm): number[] {
  const inverse = new Array<number>(perm.length);
  perm.forEach((axis, index) => (inverse[axis] = index));
  return inverse;
}

export function physicalShape(logicalShape: readonly number[], perm: Perm): number[] {
  return perm.map((axis) => logicalShape[axis]!);
}

export function physicalAxis(perm: Perm, logicalAxis: number): number {
  const axis = perm.indexOf(logicalAxis);
  if (axis < 0) throw new Error(`axis ${logicalAxis} is not in perm [${perm.join(',')}]`);
  return axis;
}

// The ONNX Transpose perm that turns a tensor stored with `from` into one stored with `to`.
export function transposeBetween(from: Perm, to: Perm): number[] {
  return to.map((logicalAxis) => physicalAxis(from, logicalAxis));
}

// After TF Transpose(x, p) the data is unchanged; only the meaning of its axes moves.
export function permAfterTranspose(perm: Perm, tfPerm: Perm): number[] {
  const inverse = inversePerm(tfPerm);
  return perm.map((axis) => inverse[axis]!);
}

// Removing logical axes (a reduction without keep_dims, a squeeze) renumbers the ones left.
export function permWithoutAxes(perm: Perm, removedLogicalAxes: readonly number[]): number[] {
  return perm
    .filter((axis) => !removedLogicalAxes.includes(axis))
    .map((axis) => axis - removedLogicalAxes.filter((removed) => removed < axis).length);
}

// Inserting logical axis `axis` (ExpandDims) puts it where an identity perm stays an identity.
export function permWithNewAxis(perm: Perm, axis: number): { perm: number[]; physicalPosition: number } {
  const shifted = perm.map((a) => (a >= axis ? a + 1 : a));
  const physicalPosition = perm.filter((a) => a < axis).length;
  shifted.splice(physicalPosition, 0, axis);
  return { perm: shifted, physicalPosition };
}

export function normaliseAxis(axis: number, rank: number): number {
  const normalised = axis < 0 ? axis + rank : axis;
  if (normalised < 0 || normalised >= rank) throw new Error(`axis ${axis} out of range for rank ${rank}`);
  return normalised;
}
