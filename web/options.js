// The page's options, read from its URL (the iframe that embed.js makes,
// or a tutorial author's own iframe):
//   ?embed=1            compact page: terminal and lesson only
//   &lesson=ID          open this lesson (progress not saved)
//   &commands=LINES     run these lines first; one per line, or separated by " | "
//   &readonly=1         a demo: the prompt is disabled, clicks still run commands
//   &theme=light|dark   force a colour scheme
//   &mbox=URL           APPEND the messages of this mbox file (same origin)
//   &mbox-user=NAME     into this demo account's INBOX (alice by default)
//
// main.js applies the layout options before the first paint; the teaching
// layer (teach/embed-mode.js) acts on the rest once it is loaded.

/** The options in `url`. */
export function embedOptions(url) {
  const p = url.searchParams;
  const commands = p.getAll('commands').flatMap((c) => c.split(/\r?\n|\s\|\s/)).map((c) => c.trim()).filter(Boolean);
  const theme = p.get('theme');
  return {
    embed: p.get('embed') === '1',
    lesson: p.get('lesson') || null,
    commands,
    readOnly: p.get('readonly') === '1',
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    mbox: p.get('mbox') || null,
    mboxUser: (p.get('mbox-user') || 'alice').toLowerCase(),
  };
}

/** Applies the layout options (theme, embed, read-only) to the document. */
export function applyLayout(options) {
  if (options.theme) document.documentElement.dataset.theme = options.theme;
  document.body.classList.toggle('embed', options.embed);
  document.body.classList.toggle('read-only', options.readOnly);
}
