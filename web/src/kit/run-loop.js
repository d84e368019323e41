// Why this file exists: the loop every widget that computes in steps runs, written once (as
// TensorFlow Playground's Player is): training a reader plays and pauses, a view trained
// before it is sliced, a slice filled row by row, an animation of a finished computation
// shown frame by frame. Its rules:
// - the reader's intent (playing or paused) is kept apart from whether the widget may compute
//   now (`widget.active`: on screen, tab visible): a widget scrolled away stops requesting
//   work, and the kit (widget.js) resumes its loops where they were when it is back;
// - each run has a ticket: replace() takes a new one, and a reply of a replaced run is
//   dropped, so a late reply never draws over the new run;
// - the kit replaces every loop of a widget removed from the page.
import { Cancelled } from './core-client.js';
import { nextFrame } from './frames.js';

export class RunLoop {
  // tick(ticket): one request to the worker and its bookkeeping; resolves to false when the
  // run has ended. onChange(): the widget updates its buttons and state attribute. paced: at
  // most one tick a frame (the worker's reply shown before the next is asked for); a fill
  // whose requests each take a few milliseconds asks for the next as soon as one comes back.
  constructor(widget, { tick = null, onChange = () => {}, onError, paced = true } = {}) {
    Object.assign(this, { widget, tick, onChange, paced, onError: onError ?? ((error) => widget.showError(error)) });
    this.ticket = 0;
    this.playing = false; // the reader's intent
    this.looping = null;
    this.ending = null; // the run that ends by itself (runToEnd), awaited by its caller
    (widget.runLoops ??= new Set()).add(this);
  }

  // A new run replaces the old: pending replies of the old one are dropped, and a run that
  // ends by itself resolves to false.
  replace() {
    this.ticket++;
    this.playing = false;
    this.settle(false);
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

  // A run that ends by itself (a view's training, a slice's rows, an animation): tick(ticket)
  // until it resolves to false, under the same rules as a played run (nothing computed while
  // the widget may not compute). Resolves to true once the run has ended, to false when it was
  // replaced (or its worker's requests cancelled) first; rejects with a tick's error. Runs of
  // one ticket follow each other (a view is trained, then sliced).
  runToEnd(tick, { ticket = this.ticket, paced = true } = {}) {
    if (!this.current(ticket)) return Promise.resolve(false);
    this.settle(false);
    const ended = new Promise((resolve, reject) => (this.ending = { resolve, reject }));
    Object.assign(this, { tick, paced, playing: true });
    this.resume();
    return ended;
  }

  settle(ended, error) {
    const ending = this.ending;
    this.ending = null;
    if (error) ending?.reject(error);
    else ending?.resolve(ended);
  }

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

  // Starts the loop when the reader wants it and the widget may compute. A loop that ended
  // because its run was replaced or ended by itself starts again at once when a new run is
  // wanted meanwhile (play() or runToEnd() while its last request was in flight).
  resume() {
    if (this.looping || !this.playing || !this.widget.active) return;
    this.looping = this.run().then((again) => {
      this.looping = null;
      this.onChange();
      if (again) this.resume();
    });
  }

  // Resolves to true when a next run may be waiting (the run was replaced, or ended by itself).
  async run() {
    const ticket = this.ticket;
    try {
      while (this.playing && this.widget.active && this.current(ticket)) {
        const frame = this.paced ? nextFrame() : null;
        const more = await this.tick(ticket);
        if (!this.current(ticket)) return true;
        if (!more) {
          this.playing = false;
          this.settle(true);
          return true;
        }
        await frame;
      }
      return !this.current(ticket);
    } catch (error) {
      if (!this.current(ticket)) return true;
      if (error instanceof Cancelled) {
        if (this.ending) this.playing = false; // nobody may call resume() for it
        this.settle(false);
        return false;
      }
      this.playing = false;
      if (this.ending) this.settle(false, error);
      else this.onError(error);
      return false;
    }
  }
}
