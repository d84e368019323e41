// Why this file exists: the playground as a widget module (<lll-playground>, and its old
// name <network-playground>), loaded on demand by widgets.js like every other widget.
import { defineWidget } from '../kit/widget.js';
import { NetworkPlayground } from '../playground/playground.js';

defineWidget(NetworkPlayground, 'network-playground');
