import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import type { ModelPreset } from './presets.js';
import { lstmActivationBytes, lstmForwardMacs, lstmParameters } from './resolve-lstm.js';
import type { Recurrent } from './model.js';

// GNMT: Wu et al. 2016, "Google's Neural Machine Translation System", Section 3 and 7 (arXiv:1609.08144):
// 8 encoder + 8 decoder LSTM layers of 1024 units, a 32K wordpiece vocabulary (Section 4.1).
const GNMT: Recurrent = { layers: 16, hidden: 1024, steps: 50, vocab: 32000 };

/** Recurrent presets (kind lstm). */
export const RECURRENT_PRESETS: ModelPreset[] = [
  {
    id: 'gnmt',
    title: 'GNMT-style stacked LSTM (8 + 8 layers × 1024)',
    source: 'Wu et al. 2016, "Google\'s Neural Machine Translation System", Sections 3, 4.1 and 7 (arXiv:1609.08144)',
    notes: 'Kind lstm, modelled as one 16-layer stack of 1024 units over 50 steps per sentence pair (override model.sequenceLength); the bidirectional first encoder layer, the attention network and the separate source embedding are not modelled. Data-parallel (+ ZeRO) layouts only.',
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'lstm',
      sampleWorkload: { parameters: lstmParameters(GNMT), flopsPerSample: 3 * 2 * lstmForwardMacs(GNMT), activationBytesPerSample: lstmActivationBytes(GNMT) },
      recurrent: GNMT,
    },
  },
];
