// Reads a TFJS graph model (model.json with a TF GraphDef as JSON, plus its .bin weight shards).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ConstTensor } from './const-tensor';
import { decodeWeights, weightSpecSchema } from './weights';

const attrValueSchema = z
  .object({
    s: z.string().optional(),
    i: z.union([z.string(), z.number()]).optional(),
    f: z.number().optional(),
    b: z.boolean().optional(),
    type: z.string().optional(),
    shape: z
      .object({
        dim: z.array(z.object({ size: z.union([z.string(), z.number()]).optional() })).optional(),
        unknownRank: z.boolean().optional(),
      })
      .optional(),
    list: z
      .object({
        s: z.array(z.string()).optional(),
        i: z.array(z.union([z.string(), z.number()])).optional(),
        f: z.array(z.number()).optional(),
        b: z.array(z.boolean()).optional(),
        type: z.array(z.string()).optional(),
      })
      .optional(),
    tensor: z.unknown().optional(),
  })
  .loose();

export type TfAttrValue = z.infer<typeof attrValueSchema>;

const nodeSchema = z.object({
  name: z.string(),
  op: z.string(),
  input: z.array(z.string()).optional(),
  attr: z.record(z.string(), attrValueSchema).optional(),
});

const signatureSchema = z
  .object({
    inputs: z.record(z.string(), z.unknown()).optional(),
    outputs: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export const modelJsonSchema = z
  .object({
    format: z.string().optional(),
    generatedBy: z.string().optional(),
    convertedBy: z.string().optional(),
    modelTopology: z.object({ node: z.array(nodeSchema) }).loose(),
    weightsManifest: z.array(z.object({ paths: z.array(z.string()), weights: z.array(weightSpecSchema) })),
    signature: signatureSchema.optional(),
    userDefinedMetadata: z.object({ signature: signatureSchema.optional() }).loose().optional(),
  })
  .loose();

export type ModelJson = z.infer<typeof modelJsonSchema>;

export interface TfNode {
  readonly name: string;
  readonly op: string;
  // Data inputs only ("node" or "node:index"); control dependencies ("^node") are dropped.
  readonly inputs: readonly string[];
  readonly attr: Readonly<Record<string, TfAttrValue>>;
}

export interface TfjsGraphModel {
  readonly nodes: readonly TfNode[];
  readonly weights: ReadonlyMap<string, ConstTensor>;
  // Output node names from the model's signature, when it has one.
  readonly signatureOutputs: readonly string[];
  readonly generatedBy?: string;
}

export function parseTfjsGraphModel(json: unknown, weightData: Uint8Array): TfjsGraphModel {
  const model = modelJsonSchema.parse(json);
  const weights = new Map<string, ConstTensor>();
  let offset = 0;
  for (const group of model.weightsManifest) {
    // Each group's weights are laid out over that group's shards only; callers pass the groups' shards in order.
    const groupBytes = group.weights.reduce((sum, spec) => sum + weightByteLength(spec), 0);
    for (const [name, tensor] of decodeWeights(group.weights, weightData.subarray(offset, offset + groupBytes))) weights.set(name, tensor);
    offset += groupBytes;
  }
  const nodes = model.modelTopology.node.map((node): TfNode => ({
    name: node.name,
    op: node.op,
    inputs: (node.input ?? []).filter((input) => !input.startsWith('^')),
    attr: node.attr ?? {},
  }));
  const signature = model.signature ?? model.userDefinedMetadata?.signature;
  const signatureOutputs = Object.keys(signature?.outputs ?? {}).map((name) => name.replace(/:0$/, ''));
  return { nodes, weights, signatureOutputs, generatedBy: model.generatedBy };
}

function weightByteLength(spec: z.infer<typeof weightSpecSchema>): number {
  const size = spec.shape.reduce((product, dim) => product * dim, 1);
  if (spec.quantization) return size * (spec.quantization.dtype === 'uint8' ? 1 : 2);
  return size * (spec.dtype === 'bool' ? 1 : 4);
}

export interface TfjsModelFiles {
  readonly json: unknown;
  readonly weightData: Uint8Array;
  // Every file read, in order, so that callers can checksum the source.
  readonly files: readonly { path: string; bytes: Uint8Array }[];
}

export async function readTfjsModelFiles(modelJsonPath: string): Promise<TfjsModelFiles> {
  const jsonBytes = await readFile(modelJsonPath);
  const json: unknown = JSON.parse(jsonBytes.toString('utf8'));
  const manifest = modelJsonSchema.parse(json).weightsManifest;
  const files = [{ path: modelJsonPath, bytes: new Uint8Array(jsonBytes) }];
  const shards: Uint8Array[] = [];
  for (const group of manifest) {
    for (const shard of group.paths) {
      const shardPath = path.join(path.dirname(modelJsonPath), shard);
      const bytes = new Uint8Array(await readFile(shardPath));
      shards.push(bytes);
      files.push({ path: shardPath, bytes });
    }
  }
  return { json, weightData: new Uint8Array(Buffer.concat(shards)), files };
}

export async function readTfjsGraphModel(modelJsonPath: string): Promise<TfjsGraphModel> {
  const { json, weightData } = await readTfjsModelFiles(modelJsonPath);
  return parseTfjsGraphModel(json, weightData);
}
