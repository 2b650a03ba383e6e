// The hop table's browser half: timestamps (ms since the epoch, comparable with the
// kernel's time.time()) of each edit's Enter, of the websocket frame that carries its op,
// of the frames that bring its change back, and of the moment the second view shows it.
// Frames are matched to edits by the edit's text, which both the op and the change carry.
async ({n, card, label}) => {
  const now = () => performance.timeOrigin + performance.now();
  const frames = [];  // [kind, epoch ms, text]
  const text = (data) => typeof data === 'string' ? data
    : data instanceof ArrayBuffer ? new TextDecoder().decode(data) : '';
  const watched = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    frames.push(['sent', now(), text(data)]);
    if (!watched.has(this)) {
      watched.add(this);
      // event.timeStamp: when the frame arrived, before any handler ran.
      this.addEventListener('message', (event) =>
        frames.push(['received', performance.timeOrigin + event.timeStamp, text(event.data)]));
    }
    return send.call(this, data);
  };
  const [a, b] = document.querySelectorAll('.jw-root');
  const edits = [];
  try {
    for (let i = 0; i < n; i++) {
      const value = `${label}-${i}-${Math.random().toString(36).slice(2, 8)}`;
      const shown = () => b.querySelector(`.jw-card[data-id="${card}"] .jw-text`)?.textContent === value;
      const done = new Promise((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (shown()) { observer.disconnect(); resolve(now()); }
        });
        observer.observe(b, { subtree: true, childList: true, characterData: true });
        setTimeout(() => reject(new Error(`edit ${i} not shown in the second view after 10 s`)), 10000);
      });
      a.querySelector(`.jw-card[data-id="${card}"] .jw-text`).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      const editor = a.querySelector('textarea.jw-editor');
      editor.value = value;
      const enter = now();
      editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      const shownAt = await done;
      edits.push({ value, enter, shown: shownAt });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    WebSocket.prototype.send = send;
  }
  return edits.map((edit) => ({
    ...edit,
    sent: frames.filter(([kind, , t]) => kind === 'sent' && t.includes(edit.value) && t.includes('"ops"')).map(([, at]) => at),
    received: frames.filter(([kind, , t]) => kind === 'received' && t.includes(edit.value) && t.includes('"change"')).map(([, at]) => at),
  }));
}
