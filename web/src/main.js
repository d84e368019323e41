// The page's entry: registers the widgets (each usable alone in a blog post).
import { AddedNeuronExperiment } from './added-neuron-experiment.js';

customElements.define('added-neuron-experiment', AddedNeuronExperiment);
import { SaddleExplorer } from './saddle-explorer.js';

customElements.define('saddle-explorer', SaddleExplorer);
import { DeepLinearNetworks } from './deep-linear.js';

customElements.define('deep-linear-networks', DeepLinearNetworks);
import { IndexVersusLoss } from './index-versus-loss.js';

customElements.define('index-versus-loss', IndexVersusLoss);
import { SpectrumWhileTraining } from './spectrum-while-training.js';

customElements.define('spectrum-while-training', SpectrumWhileTraining);
import { NetworkPlayground } from './playground/playground.js';

customElements.define('network-playground', NetworkPlayground);
