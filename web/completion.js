// Tab completion and multi-line paste for a prompt. The candidates come
// from the engine (Playground.complete), which reads the syntax crate's
// vocabulary and the session's mailbox names, so the page never suggests
// a word the parser refuses.

/** The longest common prefix of `words`, compared without case. */
function commonPrefix(words) {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < w.length && prefix[i].toUpperCase() === w[i].toUpperCase()) i += 1;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * Makes Tab complete in `input`. With one candidate the word is replaced
 * (plus a space, unless it opens a bracket); with several the common
 * prefix is filled in and the choices are listed in `hint`. Tab in an
 * empty prompt moves focus as usual, so keyboard users are never trapped.
 * @param {HTMLInputElement} input
 * @param {HTMLElement} hint a role="status" element under the prompt
 * @param {() => any} pg the Playground
 * @param {() => number} session the session id
 */
export function installCompletion(input, hint, pg, session) {
  const clearHint = () => { hint.textContent = ''; hint.hidden = true; };
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) {
      if (e.key !== 'Shift') clearHint();
      return;
    }
    if (input.value.trim() === '') return;
    const state = pg().sessionState(session());
    if (state.need !== 'line') return;
    e.preventDefault();
    const cursor = input.selectionStart ?? input.value.length;
    let result;
    try {
      result = pg().complete(session(), input.value, cursor);
    } catch (err) {
      console.error(err);
      return;
    }
    const { replaceFrom, candidates } = result;
    const before = input.value.slice(0, replaceFrom);
    const after = input.value.slice(cursor);
    let insert;
    if (candidates.length === 0) {
      hint.textContent = 'No completion here.';
      hint.hidden = false;
      return;
    }
    if (candidates.length === 1) {
      const word = candidates[0];
      insert = word + (/[[(]$/.test(word) || after.startsWith(' ') ? '' : ' ');
      clearHint();
    } else {
      const typed = input.value.slice(replaceFrom, cursor);
      const common = commonPrefix(candidates);
      insert = common.length > typed.length ? common : typed;
      hint.textContent = candidates.join('  ');
      hint.hidden = false;
    }
    input.value = before + insert + after;
    const at = before.length + insert.length;
    input.setSelectionRange(at, at);
  });
  input.addEventListener('blur', clearHint);
}

/**
 * Makes a multi-line paste send each complete line in order, as if typed
 * and entered one by one (so a literal's lines follow its `{n}` line); a
 * last line without a line break stays in the prompt.
 * @param {HTMLInputElement} input
 * @param {HTMLFormElement} form whose submit handler sends input.value
 */
export function installPaste(input, form) {
  input.addEventListener('paste', (e) => {
    const text = e.clipboardData?.getData('text') ?? '';
    if (!/[\r\n]/.test(text)) return;
    e.preventDefault();
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? start;
    const whole = input.value.slice(0, start) + text + input.value.slice(end);
    const lines = whole.split(/\r\n|\n|\r/);
    const last = lines.pop() ?? '';
    for (const line of lines) {
      input.value = line;
      form.requestSubmit();
    }
    input.value = last;
  });
}
