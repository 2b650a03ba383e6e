() => {
  // Time each pointermove of a drag: from the first listener (capture, on window) to the
  // end of the page's own handlers plus style and layout; and count the DOM changes the
  // whole drag made (attributes set, nodes added or removed), to divide by the moves.
  const probe = { times: [], changes: 0 };
  const observer = new MutationObserver((records) => {
    for (const record of records) probe.changes += record.type === 'childList' ? record.addedNodes.length + record.removedNodes.length : 1;
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  let start = 0;
  window.addEventListener('pointermove', () => { start = performance.now(); }, { capture: true });
  document.addEventListener('pointermove', () => {
    void document.body.offsetHeight;  // force style and layout of what the handler changed
    probe.times.push(performance.now() - start);
  });
  window.__jwDrag = probe;
}
