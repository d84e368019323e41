// Why this file exists: the loop every training widget runs, written once. The reader's
// intent (playing or paused) is kept apart from whether the widget may compute now
// (`widget.active`: on screen, tab visible): a widget scrolled away stops requesting work
// and resumes where it was. Each load() takes a new ticket; replies of a replaced run are
// dropped, so a late reply never draws over the new run.
import { Cancelled } from './core-client.js';
import { nextFrame } from './frames.js';

export class RunLoop {
  // tick(ticket): one request to the worker and its bookkeeping; resolves to false when the
  // run has ended. onChange(): the widget updates its buttons and state attribute.
  constructor(widget, { tick, onChange = () => {}, onError }) {
    Object.assign(this, { widget, tick, onChange, onError: onError ?? ((error) => widget.showError(error)) });
    this.ticket = 0;
    this.playing = false; // the reader's intent
    this.looping = null;
  }

  // A new run replaces the old: pending replies of the old one are dropped.
  replace() {
    this.ticket++;
    this.playing = false;
    return this.ticket;
  }

  current(ticket) { return ticket === this.ticket; }

  play() {
    this.playing = true;
    this.onChange();
    this.resume();
  }

  pause() {
    this.playing = false;
    this.onChange();
  }

  toggle() { return this.playing ? this.pause() : this.play(); }

  // One request, whatever the reader's intent (the Step button).
  async step() {
    if (this.looping) return;
    const ticket = this.ticket;
    try {
      const more = await this.tick(ticket);
      if (!more && this.current(ticket)) this.playing = false;
    } catch (error) {
      if (!(error instanceof Cancelled) && this.current(ticket)) this.onError(error);
    }
    this.onChange();
  }

  // Starts the loop when the reader wants it and the widget may compute.
  resume() {
    if (this.looping || !this.playing || !this.widget.active) return;
    this.looping = this.run().finally(() => {
      this.looping = null;
      this.onChange();
    });
  }

  async run() {
    const ticket = this.ticket;
    try {
      while (this.playing && this.widget.active && this.current(ticket)) {
        const frame = nextFrame();
        const more = await this.tick(ticket);
        if (!this.current(ticket)) return;
        if (!more) {
          this.playing = false;
          return;
        }
        await frame;
      }
    } catch (error) {
      if (error instanceof Cancelled || !this.current(ticket)) return;
      this.playing = false;
      this.onError(error);
    }
  }
}
