async ({n, card, label}) => {
  const [a, b] = document.querySelectorAll('.jw-root');
  const times = [];
  for (let i = 0; i < n; i++) {
    const text = `${label} ${i} 编辑`;
    const shown = () => b.querySelector(`.jw-card[data-id="${card}"] .jw-text`)?.textContent === text;
    const done = new Promise((resolve, reject) => {
      const observer = new MutationObserver(() => {
        if (shown()) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(b, { subtree: true, childList: true, characterData: true });
      setTimeout(() => reject(new Error(`edit ${i} not shown in the second view after 10 s`)), 10000);
    });
    a.querySelector(`.jw-card[data-id="${card}"] .jw-text`).dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
    const editor = a.querySelector('textarea.jw-editor');
    editor.value = text;
    const start = performance.now();
    editor.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    times.push((await done) - start);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return times;
}
