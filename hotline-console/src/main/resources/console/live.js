// The live feed: one WebSocket to /api/live (the session cookie goes with it), reopened after a
// drop with growing pauses. Frames carry ids and states, never a person's words; views listen and
// fetch what they may see. A 'live.open' frame after each (re)connection tells views to catch up.
export class Live {
  constructor() {
    this.listeners = new Set();
    this.closed = false;
    this.pause = 1000;
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/api/live');
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.pause = 1000;
      this.emit({ type: 'live.open' });
    });
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      this.emit(frame);
    });
    socket.addEventListener('close', (event) => {
      this.emit({ type: 'live.closed' });
      // 4401: the session ended; signing in again starts a new feed
      if (this.closed || event.code === 4401) return;
      setTimeout(() => this.connect(), this.pause);
      this.pause = Math.min(this.pause * 2, 30000);
    });
  }

  emit(frame) {
    for (const listener of this.listeners) listener(frame);
  }

  /** Calls listener with each frame; returns the function that stops it. */
  on(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close() {
    this.closed = true;
    this.listeners.clear();
    if (this.socket) this.socket.close();
  }
}
