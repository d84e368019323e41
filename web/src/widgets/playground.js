// Why this file exists: the playground as a widget module (<lll-playground>, and its old
// name <network-playground>), loaded on demand by widgets.js like every other widget.
import { NetworkPlayground } from '../playground/playground.js';

if (!customElements.get('lll-playground')) customElements.define('lll-playground', NetworkPlayground);
if (!customElements.get('network-playground')) customElements.define('network-playground', class extends NetworkPlayground {});
