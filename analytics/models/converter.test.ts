// The converter's ONNX models compute what the TFJS originals compute: each default model, and small
// hand-written graphs for ops the default models do not use, run on fixed inputs by onnxruntime and by
// TensorFlow.js (human's bundled CPU backend).
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from './default-models';
import { resolveSource } from './model-sources';
import { ensureTestModels, TEST_MODELS_DIR } from './test-models';
import { tfAttr, TfjsGraphFixture } from './tfjs-graph-fixture';
import { runTfjsReference } from './tfjs-reference';
import { constTensor } from './tfjs-to-onnx/const-tensor';
import { convertTfjsToOnnx, type ConversionOptions } from './tfjs-to-onnx/convert';
import { parseTfjsGraphModel, readTfjsModelFiles } from './tfjs-to-onnx/tfjs-model';
import { decodeWeights, float16ToFloat32 } from './tfjs-to-onnx/weights';

function deterministicInput(size: number, low: number, high: number): Float32Array {
  let seed = 12345;
  return Float32Array.from({ length: size }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return low + (high - low) * ((seed >>> 8) / 16777216);
  });
}

// Largest |actual - expected| / (atol + rtol * |expected|): within tolerance when at most 1.
function worstError(actual: ArrayLike<number>, expected: ArrayLike<number>, atol: number, rtol: number): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++)
    worst = Math.max(worst, Math.abs(Number(actual[i]) - Number(expected[i])) / (atol + rtol * Math.abs(Number(expected[i]))));
  return worst;
}

async function compareWithTfjs(json: unknown, weightData: Uint8Array, range: [number, number], options: ConversionOptions = {}) {
  const conversion = convertTfjsToOnnx(parseTfjsGraphModel(json, weightData), options);
  const [input] = conversion.inputs;
  const data = deterministicInput(
    input!.shape.reduce((a, b) => a * b, 1),
    ...range,
  );
  const session = await ort.InferenceSession.create(conversion.onnx, { intraOpNumThreads: 1 });
  try {
    const onnxOutputs = await session.run({ [input!.name]: new ort.Tensor('float32', data, [...input!.shape]) });
    const names = conversion.outputs.map((output) => output.name);
    const reference = await runTfjsReference(json, weightData, { name: input!.name, shape: input!.shape, data }, names);
    return names.map((name, index) => ({
      name,
      onnxDims: [...onnxOutputs[name]!.dims],
      tfjsDims: [...reference[index]!.shape],
      onnx: onnxOutputs[name]!.data as Float32Array | Int32Array,
      tfjs: reference[index]!.data,
    }));
  } finally {
    await session.release();
  }
}

const INPUT_RANGES: Record<string, [number, number]> = { nanodet: [0, 1], centernet: [0, 255], blazeface: [-1, 1] };

describe('the default models converted to ONNX', () => {
  beforeAll(async () => {
    await ensureTestModels();
  });

  it.each(DEFAULT_MODELS.map((model) => [model.name, model] as const))(
    '%s gives the TFJS model’s outputs on a fixed input',
    async (name, model) => {
      const source = await resolveSource(model.source, path.join(TEST_MODELS_DIR, 'sources'));
      const files = await readTfjsModelFiles(source.modelJsonPath);
      const outputs = await compareWithTfjs(files.json, files.weightData, INPUT_RANGES[name]!);
      expect(outputs.length).toBeGreaterThan(0);
      for (const output of outputs) {
        expect(output.onnxDims, output.name).toEqual(output.tfjsDims);
        expect(worstError(output.onnx, output.tfjs, 1e-4, 1e-4), output.name).toBeLessThanOrEqual(1);
      }
    },
  );
});

describe('ops the default models do not use, against TFJS', () => {
  it('runs a convolution path: SAME/VALID padding, depthwise multiplier, batch norm, PReLU, pooling, resizing, matmul, softmax', async () => {
    const g = new TfjsGraphFixture();
    const x = g.input('x', [1, 9, 9, 4]);
    const conv = g.op('conv', 'Conv2D', [x, g.floats('w1', [3, 3, 4, 6])], {
      strides: tfAttr.ints([1, 2, 2, 1]),
      padding: tfAttr.s('SAME'),
      data_format: tfAttr.s('NHWC'),
      dilations: tfAttr.ints([1, 1, 1, 1]),
    });
    const biased = g.op('bias', 'BiasAdd', [conv, g.floats('b1', [6])], { data_format: tfAttr.s('NHWC') });
    const elu = g.op('elu', 'Elu', [biased]);
    const depthwise = g.op('depthwise', 'DepthwiseConv2dNative', [elu, g.floats('w2', [3, 3, 6, 2])], {
      strides: tfAttr.ints([1, 1, 1, 1]),
      padding: tfAttr.s('VALID'),
      data_format: tfAttr.s('NHWC'),
      dilations: tfAttr.ints([1, 1, 1, 1]),
    });
    const norm = g.op(
      'norm',
      'FusedBatchNormV3',
      [
        depthwise,
        g.floats('gamma', [12], 0.5, 1.5),
        g.floats('beta', [12]),
        g.floats('bn_mean', [12]),
        g.floats('bn_variance', [12], 0.5, 2),
      ],
      {
        epsilon: tfAttr.f(0.001),
        data_format: tfAttr.s('NHWC'),
        is_training: tfAttr.b(false),
      },
    );
    const prelu = g.op('prelu', 'Prelu', [norm, g.floats('alpha', [12], 0, 0.3)]);
    const pooled = g.op('pool', 'AvgPool', [prelu], {
      ksize: tfAttr.ints([1, 2, 2, 1]),
      strides: tfAttr.ints([1, 2, 2, 1]),
      padding: tfAttr.s('SAME'),
      data_format: tfAttr.s('NHWC'),
    });
    const mirrored = g.op('mirror', 'MirrorPad', [pooled, g.ints('mirror_pads', [0, 0, 1, 1, 1, 1, 0, 0], [4, 2])], {
      mode: tfAttr.s('REFLECT'),
    });
    const nearest = g.op('nearest', 'ResizeNearestNeighbor', [mirrored, g.ints('nearest_size', [7, 7])], {
      align_corners: tfAttr.b(false),
      half_pixel_centers: tfAttr.b(true),
    });
    const bilinear = g.op('bilinear', 'ResizeBilinear', [nearest, g.ints('bilinear_size', [4, 5])], {
      align_corners: tfAttr.b(true),
      half_pixel_centers: tfAttr.b(false),
    });
    const mean = g.op('mean', 'Mean', [bilinear, g.ints('mean_axes', [1, 2])], { keep_dims: tfAttr.b(false) });
    const dense = g.op('dense', '_FusedMatMul', [mean, g.floats('w3', [5, 12]), g.floats('b3', [5])], {
      transpose_a: tfAttr.b(false),
      transpose_b: tfAttr.b(true),
      fused_ops: tfAttr.strings(['BiasAdd', 'Relu']),
      num_args: tfAttr.i(1),
    });
    const softmax = g.op('softmax', 'Softmax', [dense]);
    const { json, weightData } = g.build([softmax, bilinear]);
    for (const output of await compareWithTfjs(json, weightData, [-1, 1], { outputs: [softmax, bilinear] })) {
      expect(output.onnxDims, output.name).toEqual(output.tfjsDims);
      expect(worstError(output.onnx, output.tfjs, 1e-5, 1e-4), output.name).toBeLessThanOrEqual(1);
    }
  });

  it('runs shape and index ops: transposes, splits, strided slices, reductions, top-k, gather, floor division', async () => {
    const g = new TfjsGraphFixture();
    const x = g.input('x', [1, 6, 8, 4]);
    const nchw = g.op('to_nchw', 'Transpose', [x, g.ints('perm1', [0, 3, 1, 2])]);
    const relu6 = g.op('relu6', 'Relu6', [nchw]);
    const nhwc = g.op('to_nhwc', 'Transpose', [relu6, g.ints('perm2', [0, 2, 3, 1])]);
    const split = g.op('split', 'SplitV', [nhwc, g.ints('sizes', [1, -1]), g.ints('split_axis', [3], [])], { num_split: tfAttr.i(2) });
    const tanh = g.op('tanh', 'Tanh', [split]);
    const sigmoid = g.op('sigmoid', 'Sigmoid', [`${split}:1`]);
    const joined = g.op('joined', 'ConcatV2', [sigmoid, tanh, g.ints('concat_axis', [-1], [])], { N: tfAttr.i(2) });
    const row = g.op('row', 'StridedSlice', [joined, g.ints('b1', [0, 2, 0, 0]), g.ints('e1', [0, 3, 0, 0]), g.ints('s1', [1, 1, 1, 1])], {
      begin_mask: tfAttr.i(0b1101),
      end_mask: tfAttr.i(0b1101),
      shrink_axis_mask: tfAttr.i(0b0010),
      ellipsis_mask: tfAttr.i(0),
      new_axis_mask: tfAttr.i(0),
    });
    const reversed = g.op('reversed', 'StridedSlice', [row, g.ints('b2', [0, -1, 0]), g.ints('e2', [0, 0, 0]), g.ints('s2', [1, -1, 2])], {
      begin_mask: tfAttr.i(0b101),
      end_mask: tfAttr.i(0b111),
      shrink_axis_mask: tfAttr.i(0),
      ellipsis_mask: tfAttr.i(0),
      new_axis_mask: tfAttr.i(0),
    });
    const clipped = g.op('clipped', 'Minimum', [
      g.op('floored', 'Maximum', [reversed, g.floats('lo', [], -0.2, -0.1)]),
      g.floats('hi', [2], 0.6, 0.9),
    ]);
    const scaled = g.op('scaled', 'RealDiv', [clipped, g.floats('divisor', [2], 0.5, 2)]);
    const squared = g.op('squared', 'SquaredDifference', [scaled, g.floats('centre', [1, 1, 2])]);
    const flat = g.op('flat', 'Reshape', [squared, g.ints('flat_shape', [1, -1])]);
    const expanded = g.op('expanded', 'ExpandDims', [flat, g.ints('expand_axis', [1], [])]);
    const squeezed = g.op('squeezed', 'Squeeze', [expanded], { squeeze_dims: tfAttr.ints([1]) });
    const topk = g.op('topk', 'TopKV2', [squeezed, g.ints('k', [3], [])], { sorted: tfAttr.b(true) });
    const picked = g.op('picked', 'GatherV2', [squeezed, g.ints('picks', [0, 5, 2]), g.ints('gather_axis', [1], [])], {
      batch_dims: tfAttr.i(0),
    });
    const sum = g.op('sum', 'Sum', [nhwc, g.ints('sum_axes', [1, 3])], { keep_dims: tfAttr.b(true) });
    const floorDiv = g.op('floor_div', 'FloorDiv', [
      g.op('shifted', 'Sub', [sum, g.floats('shift', [], 3, 4)]),
      g.floats('step', [], 0.7, 0.8),
    ]);
    const floorMod = g.op('floor_mod', 'FloorMod', [
      g.op('shifted2', 'Sub', [sum, g.floats('shift2', [], 3, 4)]),
      g.floats('step2', [], 0.7, 0.8),
    ]);
    const padded = g.op('padded', 'PadV2', [floorMod, g.ints('pads', [0, 0, 1, 0, 0, 2, 0, 0], [4, 2]), g.floats('fill', [], 5, 6)]);
    const tiled = g.op('tiled', 'Tile', [padded, g.ints('multiples', [1, 1, 2, 1])]);
    const argmax = g.op('argmax', 'ArgMax', [nhwc, g.ints('argmax_axis', [2], [])], { output_type: tfAttr.type('DT_INT32') });
    const outputs = [joined, squeezed, topk, `${topk}:1`, picked, floorDiv, tiled, argmax];
    const { json, weightData } = g.build(outputs);
    for (const output of await compareWithTfjs(json, weightData, [-1, 1], { outputs })) {
      expect(output.onnxDims, output.name).toEqual(output.tfjsDims);
      expect(worstError(output.onnx, output.tfjs, 1e-5, 1e-4), output.name).toBeLessThanOrEqual(1);
    }
  });
});

describe('converter edge cases', () => {
  it('names every unsupported op up front', () => {
    const g = new TfjsGraphFixture();
    const x = g.input('x', [1, 4]);
    const { json, weightData } = g.build([g.op('fft', 'FFT', [g.op('cum', 'Cumsum', [x, g.ints('axis', [1], [])])])]);
    expect(() => convertTfjsToOnnx(parseTfjsGraphModel(json, weightData))).toThrow('unsupported TF ops: Cumsum, FFT');
  });

  it('folds constant subgraphs (SparseToDense shape arithmetic) away', () => {
    const g = new TfjsGraphFixture();
    const x = g.input('x', [1, 2, 3]);
    const dense = g.op('dense', 'SparseToDense', [
      g.ints('where', [], [0, 1]),
      g.ints('dense_shape', [2]),
      g.ints('gathered', [], [0]),
      g.ints('zero', [0], []),
    ]);
    const shape = g.op('shape', 'AddV2', [g.ints('base', [1, 6]), dense]);
    const { json, weightData } = g.build([g.op('r', 'Reshape', [x, shape])]);
    const conversion = convertTfjsToOnnx(parseTfjsGraphModel(json, weightData));
    expect(conversion.onnxOps).toEqual(['Identity', 'Reshape']);
    expect(conversion.outputs[0]!.shape).toEqual([1, 6]);
  });

  it('expands float16 and affine uint8 weights to float32', () => {
    expect(float16ToFloat32(0x3c00)).toBe(1);
    expect(float16ToFloat32(0xc000)).toBe(-2);
    expect(float16ToFloat32(0x3555)).toBeCloseTo(0.333, 3);
    expect(float16ToFloat32(0x0001)).toBeCloseTo(5.96e-8, 10);
    const data = new Uint8Array([0x00, 0x3c, 0x00, 0xc0, 0, 128, 255]);
    const weights = decodeWeights(
      [
        { name: 'half', shape: [2], dtype: 'float32', quantization: { dtype: 'float16' } },
        { name: 'bytes', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      ],
      data,
    );
    expect(Array.from(weights.get('half')!.values)).toEqual([1, -2]);
    expect(Array.from(weights.get('bytes')!.values)).toEqual([-1, 63, 126.5]);
  });

  it('refuses weight data that does not match the manifest', () => {
    expect(() => decodeWeights([{ name: 'w', shape: [2], dtype: 'float32' }], new Uint8Array(12))).toThrow(
      '12 bytes but the manifest describes 8',
    );
    expect(constTensor('int32', [2], [1, 2]).values).toBeInstanceOf(Int32Array);
  });
});
