async ({code, css, snapshot, presentation, n}) => {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const widget = (await import(url)).default;
  const traits = { _snapshot: snapshot, _presentation: presentation, selected: [], visible_lanes: null, personas: null, mode: 'edit', zoom: 1 };
  const model = { get: (k) => traits[k], set() {}, save_changes() {}, on() {}, off() {}, send() {} };
  const times = [];
  let el;
  for (let i = 0; i < n; i++) {
    el = document.createElement('div');
    document.body.replaceChildren(el);
    const start = performance.now();
    widget.render({ model, el });
    void el.offsetHeight;  // force style and layout
    times.push(performance.now() - start);
  }
  const scroller = el.querySelector('.jw-scroll');
  scroller.style.maxHeight = '800px';
  const frames = [];
  let last = performance.now();
  for (let x = 0; x <= scroller.scrollWidth; x += 300) {
    scroller.scrollLeft = x;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    frames.push(now - last);
    last = now;
  }
  return { times, frames, cells: el.querySelectorAll('.jw-cell').length, cards: el.querySelectorAll('.jw-card').length };
}
