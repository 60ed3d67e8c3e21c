// Every TF op the converter turns into ONNX, by TF op name.
import type { OpConverter } from '../conversion-context';
import { convolutionConverters } from './convolution';
import { elementwiseConverters } from './elementwise';
import { matmulConverters } from './matmul';
import { poolingConverters } from './pooling';
import { reductionConverters } from './reduction';
import { resizeConverters } from './resize';
import { selectionConverters } from './selection';
import { shapeConverters } from './shape-ops';

export const opConverters: Readonly<Record<string, OpConverter>> = {
  ...elementwiseConverters,
  ...convolutionConverters,
  ...matmulConverters,
  ...poolingConverters,
  ...resizeConverters,
  ...reductionConverters,
  ...selectionConverters,
  ...shapeConverters,
};
