// What a detector needs to know about an ONNX model besides the file: how to feed it, how to read its
// outputs, what its classes are called, and where it came from. Any model with a valid manifest can be
// dropped into the models directory (e.g. a custom-trained YOLO with kitchen classes such as no_chef_hat).
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const rgb = z.tuple([z.number(), z.number(), z.number()]);
const probability = z.number().min(0).max(1);

// Pixels are 0..255. Either value = pixel * scale, or value = (pixel - mean) / std per channel, with mean
// and std listed in the input's colour order.
export const normalisationSchema = z.union([
  z.object({ scale: z.number().positive() }).strict(),
  z.object({ mean: rgb, std: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]) }).strict(),
]);

export const decoderSchema = z.discriminatedUnion('type', [
  // Per level: class scores [1, cells, classes] (already sigmoid) and box distributions [1, cells, 4 * (regMax + 1)];
  // levels are matched to strides by their cell count, so only the output names are needed.
  z.object({ type: z.literal('nanodet') }),
  // One output [1, K, 6] of [x1, y1, x2, y2, score, class] in input pixels, already peak-picked (top-K).
  z.object({ type: z.literal('centernet') }),
  // [1, N, 5 + classes] of [cx, cy, w, h, objectness, class scores...] (or [1, 5 + classes, N]); without
  // objectness (YOLOv8 style) the rows are [cx, cy, w, h, class scores...]. Boxes in input pixels.
  z.object({ type: z.literal('yolo'), objectness: z.boolean().default(true) }),
  // MediaPipe BlazeFace: score logits and [dx, dy, w, h, keypoints...] per anchor; anchors per stride level.
  z.object({
    type: z.literal('blazeface'),
    strides: z.array(z.number().int().positive()).min(1),
    anchorsPerCell: z.array(z.number().int().positive()).min(1),
  }),
]);

export const modelManifestSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dot, dash and underscore'),
  description: z.string(),
  input: z.object({
    name: z.string(),
    layout: z.enum(['NCHW', 'NHWC']),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    colourOrder: z.enum(['RGB', 'BGR']),
    normalisation: normalisationSchema,
    // letterbox keeps the aspect ratio and pads; stretch resizes straight to the input size.
    resize: z.enum(['letterbox', 'stretch']),
  }),
  labels: z.array(z.string().min(1)).min(1),
  decoder: decoderSchema,
  outputs: z.array(z.string()).min(1),
  thresholds: z.object({
    score: probability,
    iou: probability,
    maxDetections: z.number().int().positive(),
    // Per-label score thresholds that override `score` (e.g. a lower one for cell phones).
    perLabel: z.record(z.string(), probability).default({}),
  }),
  source: z.object({
    licence: z.string(),
    origin: z.string(),
    upstream: z.string().optional(),
    converter: z.string(),
  }),
});

export type ModelManifest = z.infer<typeof modelManifestSchema>;
export type ModelManifestInput = z.input<typeof modelManifestSchema>;
export type Normalisation = z.infer<typeof normalisationSchema>;
export type DecoderSpec = z.infer<typeof decoderSchema>;

export function parseModelManifest(json: unknown, origin = 'manifest'): ModelManifest {
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${origin} is not a valid model manifest: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export async function readModelManifest(file: string): Promise<ModelManifest> {
  return parseModelManifest(JSON.parse(await readFile(file, 'utf8')) as unknown, file);
}
