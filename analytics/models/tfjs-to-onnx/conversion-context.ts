// The state shared by the op converters: what each TF tensor became (a constant still in JavaScript, or an
// ONNX value with its logical shape and storage perm) and helpers that emit ONNX nodes and initialisers.
import { castConst, constTensor, reshapeConst, transposeConst, type ConstTensor, type DType } from './const-tensor';
import { identityPerm, isIdentity, physicalShape, samePerm, transposeBetween, type Perm } from './layout';
import { attr, type OnnxAttribute, type OnnxGraphBuilder } from './onnx-graph-builder';
import type { TfNode } from './tfjs-model';

export interface RuntimeValue {
  readonly kind: 'runtime';
  readonly name: string;
  readonly dtype: DType;
  // The TF shape; static, because every model converted has a fixed input size.
  readonly shape: readonly number[];
  readonly perm: Perm;
}

export interface ConstValue {
  readonly kind: 'const';
  readonly tensor: ConstTensor;
}

export type Value = RuntimeValue | ConstValue;

export class ConversionContext {
  private readonly constNames = new Map<ConstTensor, Map<string, string>>();
  private readonly transposed = new Map<RuntimeValue, Map<string, string>>();

  constructor(readonly builder: OnnxGraphBuilder) {}

  // Emits one ONNX node; returns its output names, derived from `base` (usually the TF node's name).
  emit(opType: string, inputs: readonly string[], base: string, attributes: readonly OnnxAttribute[] = [], outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, (_, index) => this.builder.uniqueName(index === 0 ? base : `${base}:${index}`));
    this.builder.addNode(opType, inputs, outputs, attributes);
    return outputs;
  }

  // Emits a single-output node and describes its result.
  emitValue(
    opType: string,
    inputs: readonly string[],
    base: string,
    result: Omit<RuntimeValue, 'kind' | 'name'>,
    attributes: readonly OnnxAttribute[] = [],
  ): RuntimeValue {
    const [name] = this.emit(opType, inputs, base, attributes);
    return { kind: 'runtime', name: name!, dtype: result.dtype, shape: [...result.shape], perm: [...result.perm] };
  }

  runtime(name: string, dtype: DType, shape: readonly number[], perm: Perm = identityPerm(shape.length)): RuntimeValue {
    return { kind: 'runtime', name, dtype, shape: [...shape], perm: [...perm] };
  }

  // An initialiser for a constant, shared by every use with the same dtype.
  constant(tensor: ConstTensor, dtype: DType = tensor.dtype, hint = 'const'): string {
    return this.constantVariant(tensor, '', dtype, hint, () => tensor);
  }

  int64(values: readonly number[], hint: string): string {
    return this.constant(constTensor('int64', [values.length], values), 'int64', hint);
  }

  // The ONNX name of `value` stored with perm `target`, transposing (once per target) if needed.
  withPerm(value: Value, target: Perm, hint = 'const'): string {
    if (value.kind === 'const') {
      const tensor = value.tensor;
      return this.constantVariant(tensor, `perm:${target.join(',')}`, tensor.dtype, hint, () => transposeConst(tensor, target));
    }
    if (samePerm(value.perm, target)) return value.name;
    let byTarget = this.transposed.get(value);
    if (!byTarget) this.transposed.set(value, (byTarget = new Map<string, string>()));
    const key = target.join(',');
    const existing = byTarget.get(key);
    if (existing) return existing;
    const [name] = this.emit('Transpose', [value.name], `${value.name}/transposed`, [
      attr.ints('perm', transposeBetween(value.perm, target)),
    ]);
    byTarget.set(key, name!);
    return name!;
  }

  // The value stored in TF's own axis order.
  logical(value: Value, hint = 'const'): string {
    return this.withPerm(value, identityPerm(shapeOf(value).length), hint);
  }

  // A constant operand laid out to combine elementwise with a runtime tensor of the given rank and perm:
  // padded with leading 1s to that rank, then stored with the same perm. Single values become scalars.
  alignedConstant(tensor: ConstTensor, rank: number, perm: Perm, dtype: DType, hint: string): string {
    if (tensor.shape.length > rank) throw new Error(`constant of rank ${tensor.shape.length} cannot align with rank ${rank}`);
    return this.constantVariant(tensor, `align:${rank}:${perm.join(',')}`, dtype, hint, () => {
      if (tensor.values.length === 1) return reshapeConst(tensor, []);
      const padded = reshapeConst(tensor, [...new Array<number>(rank - tensor.shape.length).fill(1), ...tensor.shape]);
      return isIdentity(perm) ? padded : transposeConst(padded, perm);
    });
  }

  private constantVariant(source: ConstTensor, variant: string, dtype: DType, hint: string, make: () => ConstTensor): string {
    let variants = this.constNames.get(source);
    if (!variants) this.constNames.set(source, (variants = new Map<string, string>()));
    const key = `${variant}|${dtype}`;
    const existing = variants.get(key);
    if (existing) return existing;
    const name = this.builder.uniqueName(hint);
    this.builder.addInitializer(name, castConst(make(), dtype === 'int64' ? 'int32' : dtype), dtype);
    variants.set(key, name);
    return name;
  }
}

export function shapeOf(value: Value): readonly number[] {
  return value.kind === 'const' ? value.tensor.shape : value.shape;
}

export function dtypeOf(value: Value): DType {
  return value.kind === 'const' ? value.tensor.dtype : value.dtype;
}

export function physicalShapeOf(value: RuntimeValue): number[] {
  return physicalShape(value.shape, value.perm);
}

export function expectConst(node: TfNode, value: Value | undefined, what: string): ConstTensor {
  if (!value) throw new Error(`${node.op} ${node.name}: missing ${what}`);
  if (value.kind !== 'const') throw new Error(`${node.op} ${node.name}: ${what} must be constant (static shapes only)`);
  return value.tensor;
}

export function expectInput(node: TfNode, value: Value | undefined, index: number): Value {
  if (!value) throw new Error(`${node.op} ${node.name}: missing input ${index}`);
  return value;
}

export type OpConverter = (ctx: ConversionContext, node: TfNode, inputs: readonly Value[]) => Value[];
