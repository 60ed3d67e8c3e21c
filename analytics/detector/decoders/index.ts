// Picks the decoder a manifest names and hands it the outputs, in the manifest's output order.
import type { ModelManifest } from '../../models/manifest';
import type { Candidate, OutputTensor } from '../types';
import { decodeBlazeface } from './blazeface';
import { decodeCenternet } from './centernet';
import { decodeNanodet } from './nanodet';
import { decodeYolo } from './yolo';

export function decodeOutputs(manifest: ModelManifest, outputs: readonly OutputTensor[], classThresholds: readonly number[]): Candidate[] {
  const input = { width: manifest.input.width, height: manifest.input.height };
  const decoder = manifest.decoder;
  switch (decoder.type) {
    case 'nanodet':
      return decodeNanodet(outputs, input, classThresholds);
    case 'centernet':
      return decodeCenternet(single(outputs, 'centernet'), classThresholds);
    case 'yolo':
      return decodeYolo(single(outputs, 'yolo'), decoder.objectness, classThresholds);
    case 'blazeface':
      return decodeBlazeface(outputs, input, decoder.strides, decoder.anchorsPerCell, classThresholds);
  }
}

function single(outputs: readonly OutputTensor[], decoder: string): OutputTensor {
  if (outputs.length !== 1 || !outputs[0])
    throw new Error(`${decoder} decoder takes exactly one output, the manifest lists ${outputs.length}`);
  return outputs[0];
}
