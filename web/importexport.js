// Import of .eml and .mbox files (file picker or drag and drop) in chunks
// with a progress bar, export of a mailbox as .mbox and of the transcript
// as text. The engine does the parsing (Playground.importMbox/importEml);
// the page only cuts big files before "From " lines and yields between
// chunks so it never freezes.

/** Bytes per import chunk (cut at the next message boundary). */
export const CHUNK = 256 * 1024;

/** Offsets where the mbox `bytes` may be cut: before a "\nFrom " line, about every CHUNK bytes. */
export function mboxCuts(bytes) {
  const cuts = [0];
  let at = CHUNK;
  while (at < bytes.length) {
    let i = at;
    // "\nFrom " = 0a 46 72 6f 6d 20
    while (i + 6 <= bytes.length && !(bytes[i] === 0x0a && bytes[i + 1] === 0x46 && bytes[i + 2] === 0x72
      && bytes[i + 3] === 0x6f && bytes[i + 4] === 0x6d && bytes[i + 5] === 0x20)) i += 1;
    if (i + 6 > bytes.length) break;
    cuts.push(i + 1);
    at = i + 1 + CHUNK;
  }
  cuts.push(bytes.length);
  return cuts;
}

/** Counts messages in chunk (lines starting with "From "). */
function countFromLines(chunk) {
  let n = chunk.length >= 5 && chunk[0] === 0x46 ? 1 : 0;
  for (let i = 0; i + 5 < chunk.length; i += 1) {
    if (chunk[i] === 0x0a && chunk[i + 1] === 0x46 && chunk[i + 2] === 0x72 && chunk[i + 3] === 0x6f
      && chunk[i + 4] === 0x6d && chunk[i + 5] === 0x20) n += 1;
  }
  return n;
}

const nextFrame = () => new Promise((r) => setTimeout(r, 0));

/**
 * Imports one file into `user`'s `mailbox`.
 * @param {any} pg the Playground
 * @param {File} file
 * @param {(done: number, total: number) => void} progress
 * @returns {Promise<{imported: number, errors: string[]}>}
 */
export async function importFile(pg, user, mailbox, file, progress) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const isMbox = /\.mbox$/i.test(file.name) || (bytes[0] === 0x46 && new TextDecoder().decode(bytes.subarray(0, 5)) === 'From ');
  if (!isMbox) {
    progress(1, 1);
    return pg.importEml(user, mailbox, bytes);
  }
  const cuts = mboxCuts(bytes);
  const total = { imported: 0, errors: [] };
  let first = 1;
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const chunk = bytes.subarray(cuts[i], cuts[i + 1]);
    const r = pg.importMbox(user, mailbox, chunk, first);
    total.imported += r.imported;
    total.errors.push(...r.errors);
    first += countFromLines(chunk);
    progress(cuts[i + 1], bytes.length);
    if (r.errors.length && r.imported === 0 && i === 0 && total.errors[0]?.startsWith('this is not')) break;
    await nextFrame();
  }
  return total;
}

/** Offers `bytes` as a download called `name`. */
export function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The text of a scrollback: one line per entry, folded literals in full. */
export function transcript(scrollback) {
  return [...scrollback.querySelectorAll(':scope > .line')].map((l) => {
    const kind = l.dataset.kind;
    const prefix = kind === 'client' || kind === 'literal' ? 'C: ' : ['system', 'separator', 'caret'].includes(kind) ? '# ' : 'S: ';
    let text = l.textContent;
    const fold = l.querySelector('details.fold');
    if (fold) text = [...l.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('') + fold.querySelector('.fold-body').textContent;
    return prefix + text;
  }).join('\n') + '\n';
}
