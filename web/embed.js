// <imap-playground>: the playground inside any tutorial page served from
// this server (or another page that may frame it).
//
//   <script type="module" src="https://HOST/any/path/embed.js"></script>
//   <imap-playground lesson="fetch-basics"
//                    commands="a1 LOGIN alice wonderland | a2 SELECT INBOX"
//                    theme="light" height="480px"></imap-playground>
//
// Attributes: lesson (a web/lessons id), commands (lines run first, one per
// line or separated by " | "), readonly (a demo: no prompt), theme
// (light|dark), mbox (URL of an mbox file APPENDed to the INBOX first),
// mbox-user (alice|bob), height, label (the frame's accessible name).
// Each element is an iframe of its own (in a shadow root), so several on
// one page are independent playgrounds with their own engine and mailboxes.

// The playground page sits beside this script, wherever both were put.
const BASE = new URL('./', import.meta.url);
const PASSED = ['lesson', 'commands', 'theme', 'mbox', 'mbox-user'];

/** The iframe address for an element's attributes. */
export function embedUrl(element) {
  const url = new URL(BASE);
  url.searchParams.set('embed', '1');
  for (const name of PASSED) {
    const value = element.getAttribute(name);
    if (value) url.searchParams.set(name, value);
  }
  if (element.hasAttribute('readonly')) url.searchParams.set('readonly', '1');
  return url.href;
}

class ImapPlaygroundElement extends HTMLElement {
  static observedAttributes = [...PASSED, 'readonly', 'height', 'label'];

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  render() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const src = embedUrl(this);
    let frame = root.querySelector('iframe');
    if (!frame) {
      frame = document.createElement('iframe');
      root.append(frame);
    }
    if (!this.style.display) this.style.display = 'block';
    frame.title = this.getAttribute('label') ?? 'IMAP playground';
    frame.loading = 'lazy';
    frame.style.width = '100%';
    frame.style.height = this.getAttribute('height') ?? '480px';
    frame.style.border = '1px solid rgb(128 128 128 / 0.35)';
    frame.style.borderRadius = '12px';
    frame.style.display = 'block';
    if (frame.getAttribute('src') !== src) frame.src = src;
  }

  /** The iframe, for scripts that want to reach into the playground. */
  get frame() {
    return this.shadowRoot?.querySelector('iframe') ?? null;
  }
}

if (!customElements.get('imap-playground')) customElements.define('imap-playground', ImapPlaygroundElement);
