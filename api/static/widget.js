/*! qa-help: an embeddable help box that answers questions with quotes from official texts.
 *
 *   <script src="https://HOST/widget.js" defer></script>
 *   <qa-help api="https://HOST" lang="da" heading="..."></qa-help>
 *
 * Attributes: api (default: where this script came from), lang (a BCP 47 tag, read as the page's
 * lang when the element has none: "en", "en-GB", "EN" -> English; "da", "da-DK" and any other
 * -> Danish), heading.
 * Theme with CSS custom properties on the element: --qa-font, --qa-font-size, --qa-text,
 * --qa-bg, --qa-accent, --qa-accent-text, --qa-muted, --qa-border, --qa-mark, --qa-focus,
 * --qa-error, --qa-radius.
 * Safety: every text from the API is inserted as a DOM text node (never parsed as HTML),
 * and links are made only for http(s) addresses.
 */
(() => {
  "use strict";
  if (!window.customElements || customElements.get("qa-help")) return;

  const SCRIPT = document.currentScript;
  const DEFAULT_API = SCRIPT && SCRIPT.src ? new URL(SCRIPT.src).origin : location.origin;
  const TIMEOUT_MS = 30000;
  const MAX_CHARS = 1000;
  // Context shown around a quote when a source is expanded (characters on each side), and
  // the window asked of GET /documents/{id}?start=&end= for it, so that `around` trims it
  // exactly as it would trim the whole text: one character more before the quote (`around`
  // trims only a longer side), two more after it (a paragraph break "\n\n" starting at the
  // last character shown is found only with the character after it).
  const CONTEXT_CHARS = 600;
  const WINDOW_BEFORE = CONTEXT_CHARS + 1;
  const WINDOW_AFTER = CONTEXT_CHARS + 2;
  // Counted as the server counts (qa.normalise, api.schemas.check_text): without the
  // invisible characters (qa.normalise.INVISIBLE_RANGES), in NFC, trimmed, in code points
  // (an emoji is one, not two).
  const INVISIBLE = /[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u17b4-\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb\u{110bd}\u{110cd}\u{13430}-\u{1343f}\u{1bca0}-\u{1bca3}\u{1d173}-\u{1d17a}\u{e0000}-\u{e0fff}]/gu;
  const readable = (text) => text.replace(INVISIBLE, "").normalize("NFC").trim();
  const charCount = (text) => [...readable(text)].length;
  // A letter or digit: Unicode category L or N, as qa.normalise.has_letter_or_digit (the
  // server refuses "???" with 422); looked for after the invisible characters are removed,
  // as the server does (U+3164 HANGUL FILLER is a letter but invisible).
  const hasLetterOrDigit = (text) => /[\p{L}\p{N}]/u.test(readable(text));
  // Longest wait (seconds) the retry button honours from a Retry-After: a minute, the
  // longest the default settings ask for (a 429 of QA_RATE_LIMIT_ASK=30/minute waits for
  // the rest of its minute; the 503s send QA_RETRY_AFTER_SECONDS=1, or 10 when not ready).
  // A wrong or longer header (an hourly limit) must not lock the citizen out: a retry
  // that is still too early is only refused again.
  const MAX_WAIT_S = 60;
  // During that wait a visible countdown (role="timer": WAI-ARIA 1.2 gives it aria-live "off",
  // https://www.w3.org/TR/wai-aria-1.2/#timer) changes every second; screen readers hear it
  // through a separate polite live region only at the start, once when ANNOUNCE_AT_S seconds
  // are left, and when the wait is over, as in MDN's timer example (announce once near the
  // end: https://developer.mozilla.org/en-US/docs/Web/Accessibility/ARIA/Roles/timer_role),
  // since a live region updated every second talks over everything else (WAI-ARIA 1.2,
  // aria-live "polite": https://www.w3.org/TR/wai-aria-1.2/#aria-live).
  const ANNOUNCE_AT_S = 10;

  const TEXT = {
    da: {
      heading: "Spørg om digitale løsninger",
      label: "Dit spørgsmål",
      hint: "Skriv et spørgsmål, og tryk Enter. Svaret er citater fra officielle tekster.",
      ask: "Spørg",
      busy: "Søger efter svar …",
      answer: "Svar",
      asked: "Du spurgte: ",
      sources: "Kilder",
      source: "Kilde ",
      more: "Vis mere af teksten",
      less: "Vis mindre af teksten",
      loading: "Henter teksten …",
      noContext: "Teksten omkring citatet kunne ikke hentes.",
      visit: (host) => "Læs kilden på " + host,
      page: (n) => "side " + n,
      notFound: "Ikke fundet i kilderne.",
      notFoundText: " Kilderne giver ikke et sikkert svar på dit spørgsmål. Her er de tekststykker, der ligger nærmest:",
      closest: "Nærmeste tekststykker",
      empty: "Skriv et spørgsmål først.",
      tooLong: "Spørgsmålet er for langt. Skriv højst 1000 tegn.",
      noWords: "Skriv spørgsmålet med ord: det skal have mindst ét bogstav eller tal.",
      network: "Der er ikke forbindelse til tjenesten. Tjek din internetforbindelse, og prøv igen.",
      timeout: "Det tog for lang tid at få et svar. Prøv igen.",
      busyServer: "Der er mange spørgsmål lige nu. Vent et øjeblik, og prøv igen.",
      badInput: "Spørgsmålet kunne ikke behandles. Prøv at skrive det på en anden måde.",
      server: "Der opstod en fejl hos tjenesten. Prøv igen om lidt.",
      retry: "Prøv igen",
      waitLeft: (s) => "Du kan spørge igen om " + s + (s === 1 ? " sekund." : " sekunder."),
      waitOver: "Du kan spørge igen nu.",
      helpful: "Var svaret til hjælp?",
      yes: "Ja",
      no: "Nej",
      comment: "Kommentar (valgfri)",
      commentHint: "Skriv ikke personlige oplysninger som CPR-nummer, e-mail eller telefonnummer.",
      send: "Send",
      choose: "Vælg ja eller nej.",
      sending: "Sender …",
      thanks: "Tak for din tilbagemelding.",
      feedbackFailed: "Tilbagemeldingen kunne ikke sendes. Prøv igen.",
      config: "Hjælpeboksen er ikke sat rigtigt op: api-adressen skal begynde med http:// eller https://.",
    },
    en: {
      heading: "Ask about digital services",
      label: "Your question",
      hint: "Type a question and press Enter. The answer quotes official texts.",
      ask: "Ask",
      busy: "Looking for an answer …",
      answer: "Answer",
      asked: "You asked: ",
      sources: "Sources",
      source: "Source ",
      more: "Show more of the text",
      less: "Show less of the text",
      loading: "Loading the text …",
      noContext: "The text around the quote could not be loaded.",
      visit: (host) => "Read the source on " + host,
      page: (n) => "page " + n,
      notFound: "Not found in the sources.",
      notFoundText: " The sources do not answer your question with certainty. These are the closest passages:",
      closest: "Closest passages",
      empty: "Type a question first.",
      tooLong: "The question is too long. Use at most 1000 characters.",
      noWords: "Write the question in words: it needs at least one letter or digit.",
      network: "There is no connection to the service. Check your internet connection and try again.",
      timeout: "Getting an answer took too long. Please try again.",
      busyServer: "There are many questions right now. Wait a moment and try again.",
      badInput: "The question could not be processed. Try writing it differently.",
      server: "Something went wrong at the service. Please try again shortly.",
      retry: "Try again",
      waitLeft: (s) => "You can ask again in " + s + (s === 1 ? " second." : " seconds."),
      waitOver: "You can ask again now.",
      helpful: "Was this helpful?",
      yes: "Yes",
      no: "No",
      comment: "Comment (optional)",
      commentHint: "Do not write personal details such as CPR numbers, e-mail addresses or phone numbers.",
      send: "Send",
      choose: "Choose yes or no.",
      sending: "Sending …",
      thanks: "Thank you for your feedback.",
      feedbackFailed: "The feedback could not be sent. Please try again.",
      config: "The help box is not set up correctly: the api address must start with http:// or https://.",
    },
  };

  const CSS = `
:host{all:initial;display:block;container-type:inline-size}
:host([hidden]){display:none}
*,*::before,*::after{box-sizing:border-box}
.box{all:initial;display:block;box-sizing:border-box;font:var(--qa-font-size,medium)/1.5 var(--qa-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif);color:var(--qa-text,#1a1a1a);background:var(--qa-bg,#fff);border:1px solid var(--qa-border,#767676);border-top:4px solid var(--qa-accent,#14143c);border-radius:var(--qa-radius,4px);padding:1em 1.25em 1.25em;overflow-wrap:anywhere}
h2{font-size:1.375em;line-height:1.25;margin:0 0 .75em;color:var(--qa-accent,#14143c)}
h3{font-size:1.125em;margin:1.25em 0 .5em}
h4{font-size:1em;margin:0}
p{margin:0 0 .5em}
label,legend{font-weight:600}
.hint{color:var(--qa-muted,#545454);font-size:.9375em;margin:.125em 0 .5em}
.row{display:flex;flex-wrap:wrap;gap:.5em}
input[type=text],textarea{font:inherit;color:inherit;background:#fff;flex:1 1 12em;min-width:0;width:100%;padding:.5em .625em;border:2px solid var(--qa-border,#767676);border-radius:var(--qa-radius,4px)}
input[aria-invalid=true]{border-color:var(--qa-error,#b00020)}
button{font:inherit;font-weight:600;cursor:pointer;min-height:2.75em;padding:.5em 1.25em;border:2px solid var(--qa-accent,#14143c);border-radius:var(--qa-radius,4px);background:var(--qa-accent,#14143c);color:var(--qa-accent-text,#fff)}
button.plain{background:transparent;color:var(--qa-accent,#14143c);min-height:2.25em;padding:.25em .75em;font-weight:500}
button:hover{text-decoration:underline}
button[aria-disabled=true]{cursor:not-allowed;background:transparent;color:var(--qa-muted,#545454);border-color:var(--qa-muted,#545454);text-decoration:none}
.wait{margin:.5em 0 0;font-weight:600}
:focus-visible{outline:3px solid var(--qa-focus,#0059b3);outline-offset:2px}
.src:focus{outline:3px solid var(--qa-focus,#0059b3);outline-offset:2px}
a{color:var(--qa-accent,#14143c);text-underline-offset:.15em}
.err{color:var(--qa-error,#b00020);font-weight:600;margin:.5em 0 0}
.status{margin:.75em 0 0;min-height:0}
.status:empty{margin:0}
.status.error{color:var(--qa-error,#b00020);font-weight:600}
.spin{display:inline-block;width:1em;height:1em;margin-right:.5em;vertical-align:-.125em;border:.15em solid currentColor;border-right-color:transparent;border-radius:50%;animation:qa-spin .8s linear infinite}
@keyframes qa-spin{to{transform:rotate(360deg)}}
@media (prefers-reduced-motion:reduce){.spin{animation:none;border-right-color:currentColor;opacity:.6}}
.asked{color:var(--qa-muted,#545454);font-size:.9375em}
.answer p{font-size:1.0625em}
.ref{display:inline-block;padding:0 .125em;font-weight:600;white-space:nowrap}
mark{background:var(--qa-mark,#ffe066);color:#1a1a1a;padding:0 .1em}
ol.sources{padding-left:1.5em;margin:0}
.src{padding:.5em .75em .75em;margin:0 0 .5em;border-left:4px solid transparent;border-radius:2px}
.src.active{border-left-color:var(--qa-accent,#14143c);background:#f1f1f6}
.src::marker{font-weight:700}
.ctx{margin:.375em 0;padding:.375em .75em;border-left:3px solid var(--qa-border,#767676);white-space:pre-line;color:#333}
.actions{display:flex;flex-wrap:wrap;gap:.25em 1em;align-items:center}
.note{color:var(--qa-muted,#545454);font-size:.9375em}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.fb{margin-top:1.25em;padding-top:1em;border-top:1px solid #d0d0d0}
fieldset{border:0;margin:0 0 .75em;padding:0;min-width:0}
legend{padding:0;margin-bottom:.375em}
.choices{display:flex;gap:.5em 1.5em;flex-wrap:wrap}
.choices label{display:inline-flex;align-items:center;gap:.375em;font-weight:400;min-height:2em;cursor:pointer}
input[type=radio]{width:1.25em;height:1.25em;margin:0;accent-color:var(--qa-accent,#14143c)}
textarea{display:block;resize:vertical;margin-bottom:.5em}
.thanks{font-weight:600}
@container (max-width:30em){.box{padding:.75em}ol.sources{padding-left:1.25em}.src{padding:.375em .375em .5em}.ctx{padding:.25em .5em}}
@media (forced-colors:active){.box{border-color:CanvasText}.src.active{border-left-color:Highlight}}
`;

  let sheet = null;
  function styleFor(root) {
    if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
      // A constructed stylesheet needs no 'unsafe-inline' in the host page's CSP.
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(CSS);
      }
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(h("style", null, CSS));
    }
  }

  /** Make an element. Attributes are fixed names set by this script; children become text. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (typeof value === "function") el.addEventListener(name, value);
      else if (value === true) el.setAttribute(name, "");
      else if (value !== false && value != null) el.setAttribute(name, String(value));
    }
    for (const child of children.flat()) {
      if (child == null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return el;
  }

  function httpUrl(value) {
    if (typeof value !== "string" || !value) return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch (_) {
      return null;
    }
  }

  const str = (value) => (value == null ? "" : String(value));
  const int = (value) => (Number.isInteger(value) && value >= 0 ? value : -1);

  /** Slice by code points (the API's offsets), not UTF-16 units. */
  function cpSlice(text, start, end) {
    if (!/[\uD800-\uDFFF]/.test(text)) return text.slice(start, end);
    return Array.from(text).slice(start, end).join("");
  }

  /** Split `text` into [before, quote, after] around the quote at code points start..end. */
  function split(text, quote, start, end) {
    if (start >= 0 && end > start && cpSlice(text, start, end) === quote) {
      return [cpSlice(text, 0, start), quote, cpSlice(text, end)];
    }
    const at = quote ? text.indexOf(quote) : -1;
    return at < 0 ? null : [text.slice(0, at), quote, text.slice(at + quote.length)];
  }

  /** Trim [before, quote, after] to about `span` characters on each side of the quote:
   *  at a paragraph break where there is one (whole paragraphs), else at a space with "…". */
  function around(parts, span) {
    let [before, quote, after] = parts;
    if (before.length > span) {
      const para = before.indexOf("\n\n", before.length - span);
      const cut = para >= 0 ? para + 2 : before.indexOf(" ", before.length - span) + 1;
      before = (para >= 0 ? "" : "… ") + before.slice(cut);
    }
    if (after.length > span) {
      const para = after.lastIndexOf("\n\n", span);
      const cut = para >= 0 ? para : Math.max(after.lastIndexOf(" ", span), 1);
      after = after.slice(0, cut) + (para >= 0 ? "" : " …");
    }
    return [before, quote, after];
  }

  /** "en" or "da" from a BCP 47 language tag (RFC 5646: case-insensitive; the primary subtag
   *  decides, so "en-GB" and "EN" are "en"); any other or none is "da". */
  function language(tag) {
    return str(tag).trim().split("-")[0].toLowerCase() === "en" ? "en" : "da";
  }

  /** Seconds to wait from a Retry-After header (seconds or an HTTP date), at most
   *  MAX_WAIT_S; 0 when it is missing, unreadable or already past. */
  function retryAfterSeconds(header) {
    const value = str(header).trim();
    if (!value) return 0;
    const seconds = /^\d+$/.test(value) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
    return Number.isFinite(seconds) && seconds > 0 ? Math.min(Math.ceil(seconds), MAX_WAIT_S) : 0;
  }

  class QaHelp extends HTMLElement {
    static get observedAttributes() {
      return ["api", "lang", "heading"];
    }

    constructor() {
      super();
      this._root = this.attachShadow({ mode: "open" });
      styleFor(this._root);
      this._seq = 0;
      this._docs = new Map();
      this._result = null;
    }

    connectedCallback() {
      if (!this._box) this._build();
      else this._tick();
    }

    disconnectedCallback() {
      if (this._abort) this._abort.abort();
      clearTimeout(this._waitTimer);
    }

    attributeChangedCallback() {
      if (!this._box) return;
      const question = this._q ? this._q.value : "";
      this._build();
      this._q.value = question;
      if (this._result) this._show(this._result);
    }

    /** The element's language, or the nearest ancestor's (the page's), as HTML inherits it. */
    get _lang() {
      const tagged = this.closest("[lang]");
      return language(tagged && tagged.getAttribute("lang"));
    }

    get t() {
      return TEXT[this._lang];
    }

    get api() {
      try {
        const url = new URL(this.getAttribute("api") || DEFAULT_API, document.baseURI);
        return /^https?:$/.test(url.protocol) ? url.href.replace(/\/+$/, "") : null;
      } catch (_) {
        return null;
      }
    }

    _build() {
      const t = this.t;
      if (this._box) this._box.remove();
      this._docs.clear();
      this._q = h("input", {
        id: "q", type: "text", name: "question", autocomplete: "off", spellcheck: "true",
        enterkeyhint: "search", "aria-describedby": "hint",
      });
      this._inputError = h("p", { id: "q-err", class: "err", hidden: true });
      this._status = h("div", { class: "status", role: "status" });
      this._retry = h("div", { class: "actions" });
      this._askButton = h("button", { type: "submit" }, t.ask);
      this._timer = h("p", { id: "wait", class: "wait", role: "timer", "aria-atomic": "true", hidden: true });
      this._waitSay = h("p", { class: "sr", "aria-live": "polite" });
      this._head = h("div");
      // Persistent live region: the answer text is announced when it is put here.
      this._answer = h("div", { class: "answer", "aria-live": "polite" });
      this._details = h("div");
      this._box = h(
        "section",
        { class: "box", lang: this._lang, "aria-labelledby": "title" },
        h("h2", { id: "title" }, this.getAttribute("heading") || t.heading),
        h(
          "form",
          { novalidate: true, submit: (e) => (e.preventDefault(), this.ask(this._q.value)) },
          h("label", { for: "q" }, t.label),
          h("p", { id: "hint", class: "hint" }, t.hint),
          h("div", { class: "row" }, this._q, this._askButton),
          this._inputError,
        ),
        this._status,
        this._timer,
        this._waitSay,
        this._retry,
        this._head,
        this._answer,
        this._details,
      );
      this._root.append(this._box);
      if (!this.api) this._setStatus(t.config, true);
      this._tick();
    }

    /** Seconds left of a Retry-After wait (0 when there is none). */
    _waitLeft() {
      return this._waitEnd ? Math.max(0, Math.ceil((this._waitEnd - Date.now()) / 1000)) : 0;
    }

    /** Start a wait of `seconds`: asking and retrying are unavailable until it is over. */
    _waitFor(seconds) {
      this._waitEnd = Date.now() + seconds * 1000;
      this._said = 0;
      this._tick();
    }

    /** Show the wait as it stands now and schedule the next second; end it when it is over.
     *  The buttons stay focusable (aria-disabled, not disabled), described by the countdown. */
    _tick() {
      clearTimeout(this._waitTimer);
      if (!this._box || !this._waitEnd) return;
      const t = this.t;
      const left = this._waitLeft();
      for (const button of [this._askButton, ...this._retry.querySelectorAll("button")]) {
        if (left > 0) {
          button.setAttribute("aria-disabled", "true");
          button.setAttribute("aria-describedby", "wait");
        } else {
          button.removeAttribute("aria-disabled");
          button.removeAttribute("aria-describedby");
        }
      }
      this._timer.hidden = left === 0;
      this._timer.textContent = left > 0 ? t.waitLeft(left) : "";
      if (left === 0) {
        this._waitEnd = 0;
        this._waitSay.textContent = t.waitOver;
        return;
      }
      if (!this._said || (left <= ANNOUNCE_AT_S && this._said > ANNOUNCE_AT_S)) this._say(left);
      this._waitTimer = setTimeout(() => this._tick(), (this._waitEnd - Date.now()) % 1000 || 1000);
    }

    /** Tell screen readers (politely) how long is left, `left` seconds. */
    _say(left) {
      this._said = left;
      this._waitSay.replaceChildren(this.t.waitLeft(left));
    }

    _setStatus(message, isError, busy) {
      this._status.replaceChildren();
      if (busy) this._status.append(h("span", { class: "spin", "aria-hidden": "true" }));
      if (message) this._status.append(message);
      this._status.classList.toggle("error", !!isError);
    }

    _invalid(message) {
      this._q.setAttribute("aria-invalid", "true");
      this._q.setAttribute("aria-describedby", "hint q-err");
      this._inputError.textContent = message;
      this._inputError.hidden = false;
      this._q.focus();
    }

    /** Ask a question; renders the answer, "not found" or a plain error with a retry. */
    async ask(raw) {
      const t = this.t;
      // During a Retry-After wait nothing is sent: the reader hears how long is left.
      if (this._waitLeft() > 0) return this._say(this._waitLeft());
      const question = str(raw).trim();
      if (!question) return this._invalid(t.empty);
      if (charCount(question) > MAX_CHARS) return this._invalid(t.tooLong);
      if (!hasLetterOrDigit(question)) return this._invalid(t.noWords);
      const api = this.api;
      if (!api) return this._setStatus(t.config, true);
      this._q.removeAttribute("aria-invalid");
      this._q.setAttribute("aria-describedby", "hint");
      this._inputError.hidden = true;
      this._waitSay.replaceChildren();

      const seq = ++this._seq;
      if (this._abort) this._abort.abort();
      const abort = (this._abort = new AbortController());
      this._result = null;
      this._retry.replaceChildren();
      this._head.replaceChildren();
      this._answer.replaceChildren();
      this._details.replaceChildren();
      // Busy marks only the answer region: the status line outside it is still announced.
      this._answer.setAttribute("aria-busy", "true");
      this._setStatus(t.busy, false, true);

      let data = null;
      let problem = null;
      let waitS = 0;
      try {
        const res = await this._fetch(api + "/ask", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question, top_k: 5 }),
        }, abort);
        if (res.status === 429 || res.status === 503) {
          problem = "busyServer";
          waitS = retryAfterSeconds(res.headers.get("Retry-After"));
        } else if (res.status === 408) problem = "timeout";
        else if (res.status >= 500) problem = "server";
        else if (!res.ok) problem = "badInput";
        else data = await res.json().catch(() => null); // not JSON: a proxy's error page
      } catch (err) {
        problem = err && err.name === "AbortError" ? "timeout" : "network";
      }
      if (seq !== this._seq) return; // a newer question took over
      this._answer.removeAttribute("aria-busy");
      if (!problem && (!data || typeof data !== "object")) problem = "server";
      if (problem) {
        this._setStatus(t[problem], true);
        // A question the server refused as it stands (400, 413, 422, 431) is refused again
        // when resent: no retry button, the message asks to write it differently.
        if (problem === "badInput") return;
        const retry = h("button", {
          type: "button", class: "plain",
          click: () => {
            if (!this._waitLeft()) this._q.focus(); // refused while waiting: focus stays here
            this.ask(question);
          },
        }, t.retry);
        this._retry.append(retry);
        if (waitS > 0) this._waitFor(waitS);
        return;
      }
      this._setStatus();
      this._result = { question, data };
      this._show(this._result);
    }

    /** fetch with a time limit, so that nothing hangs; `abort` lets a newer question cancel it. */
    async _fetch(url, init, abort = new AbortController()) {
      const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
      try {
        return await fetch(url, { ...init, signal: abort.signal, credentials: "omit", mode: "cors" });
      } finally {
        clearTimeout(timer);
      }
    }

    _show({ question, data }) {
      const t = this.t;
      // Quotes keep the language of their document (WCAG 3.1.2), the question its own: each
      // citation and passage names its document's language (null when it names none).
      const lang = (item) => {
        const code = str(item.language);
        return /^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(code) ? code : null;
      };
      const citations = (Array.isArray(data.citations) ? data.citations : []).filter((c) => c && typeof c === "object");
      const passages = (Array.isArray(data.passages) ? data.passages : []).filter((p) => p && typeof p === "object");
      const byNumber = new Map(citations.map((c) => [str(c.n), c]));

      this._head.replaceChildren(
        h("h3", null, t.answer),
        h("p", { class: "asked" }, t.asked, h("q", { lang: data.language === "en" || data.language === "da" ? data.language : null }, question)),
      );
      const details = [];
      if (data.answered && data.answer) {
        const parts = [];
        for (const piece of str(data.answer).split(/(\[\d+\])/)) {
          const cite = /^\[(\d+)\]$/.test(piece) ? byNumber.get(piece.slice(1, -1)) : null;
          if (cite) {
            const n = str(cite.n);
            parts.push(
              h("a", { class: "ref", href: "#src-" + n, click: (e) => (e.preventDefault(), this._activate(n)) },
                h("span", { class: "sr", lang: this._lang }, t.source), "[" + n + "]"),
            );
          } else parts.push(piece);
        }
        this._answer.replaceChildren(h("p", { lang: citations.length ? lang(citations[0]) : null }, parts));
        if (citations.length) {
          details.push(
            h("h3", null, t.sources),
            h("ol", { class: "sources" }, citations.map((c) => this._source(c, passages, lang(c)))),
          );
        }
      } else {
        // The server says why, in the question's language (a question that names nothing to
        // look up is told what to add); the widget's own words stand in when it says nothing.
        const why = str(data.message).trim();
        this._answer.replaceChildren(
          h("p", null, h("strong", null, t.notFound), why ? " " : null,
            why ? h("span", { class: "why", lang: lang(data) }, why) : t.notFoundText),
        );
        if (passages.length) {
          details.push(
            h("h3", null, t.closest),
            h("ol", { class: "sources" }, passages.slice(0, 3).map((p) =>
              h("li", { class: "src", lang: lang(p) },
                h("h4", null, str(p.title), p.heading ? " · " + str(p.heading) : ""),
                h("blockquote", { class: "ctx" }, str(p.text))),
            )),
          );
        }
      }
      details.push(this._feedbackForm(question, data, citations));
      this._details.replaceChildren(...details);
    }

    _source(c, passages, docLang) {
      const t = this.t;
      const n = str(c.n);
      const quote = str(c.quote);
      const start = int(c.start);
      const end = int(c.end);
      const ctx = h("blockquote", { class: "ctx", id: "ctx-" + n, lang: docLang });
      const note = h("p", { class: "note", role: "status" });
      const show = (parts) => ctx.replaceChildren(parts[0], h("mark", null, parts[1]), parts[2]);
      const passage = passages.find(
        (p) => p.doc_id === c.doc_id && int(p.start) >= 0 && int(p.start) <= start && end <= int(p.end),
      );
      const fromPassage = passage && split(str(passage.text), quote, start - int(passage.start), end - int(passage.start));
      show(fromPassage || ["", quote, ""]);

      const item = h("li", { class: "src", id: "src-" + n, value: /^\d+$/.test(n) ? n : null, tabindex: "-1" });
      const actions = h("p", { class: "actions" });
      let expanded = false;
      // A disclosure (WAI-ARIA APG Disclosure pattern): Enter and Space toggle it; the
      // pattern gives Escape no role, and the text it shows is inline, not a popup.
      const toggle = h("button", {
        type: "button", class: "plain", "aria-expanded": "false", "aria-controls": "ctx-" + n,
        click: async () => {
          if (expanded) {
            show(fromPassage || ["", quote, ""]);
          } else {
            note.textContent = t.loading;
            const parts = await this._documentContext(c, quote, start, end);
            note.textContent = parts ? "" : t.noContext;
            if (!parts) return;
            show(parts);
          }
          expanded = !expanded;
          toggle.setAttribute("aria-expanded", String(expanded));
          toggle.textContent = expanded ? t.less : t.more;
        },
      }, t.more);
      actions.append(toggle);
      // A quote from a PDF names its page, and the link opens the PDF there (the #page=
      // fragment of RFC 8118, which browsers' PDF viewers follow).
      const page = int(c.page) > 0 ? int(c.page) : null;
      const url = httpUrl(c.source);
      if (url && page && !url.hash && url.pathname.toLowerCase().endsWith(".pdf")) url.hash = "page=" + page;
      if (url) actions.append(h("a", { href: url.href }, t.visit(url.hostname)));
      const where = page ? h("span", { class: "page", lang: this._lang }, " · " + t.page(page)) : null;
      item.append(h("h4", { lang: docLang }, str(c.title), where), ctx, actions, note);
      item._expand = () => (expanded || fromPassage ? null : toggle.click());
      return item;
    }

    /** [before, quote, after] from the document text around the quote at start..end, asking
     *  only for the window it shows (?start=&end=), or the whole text without offsets. */
    async _documentContext(c, quote, start, end) {
      const from = end > start ? Math.max(0, start - WINDOW_BEFORE) : 0;
      const query = end > start ? "?start=" + from + "&end=" + (end + WINDOW_AFTER) : "";
      const url = this.api + "/documents/" + encodeURIComponent(str(c.doc_id)) + query;
      if (!this._docs.has(url)) {
        this._docs.set(url, this._fetch(url, { method: "GET" })
          .then((res) => (res.ok ? res.json() : null))
          .catch(() => null));
      }
      const doc = await this._docs.get(url);
      if (!doc || typeof doc.text !== "string") {
        this._docs.delete(url);
        return null;
      }
      const parts = split(doc.text, quote, start - from, end - from);
      if (!parts) return null;
      const [before, , after] = around(parts, CONTEXT_CHARS);
      // An excerpt should not end on the heading of the next section.
      const headings = new Set((Array.isArray(doc.headings) ? doc.headings : []).map((x) => str(x && x.text)));
      let tail = after;
      let at;
      while ((at = tail.lastIndexOf("\n\n")) >= 0 && headings.has(tail.slice(at + 2).trim())) tail = tail.slice(0, at);
      return [before, quote, tail];
    }

    /** Show source n: focus it, mark it active, and load its context if it has none. */
    _activate(n) {
      for (const el of this._details.querySelectorAll(".src.active")) el.classList.remove("active");
      const item = this._root.getElementById("src-" + n);
      if (!item) return;
      item.classList.add("active");
      item.focus();
      item.scrollIntoView({ block: "nearest" });
      if (item._expand) item._expand();
    }

    _feedbackForm(question, data, citations) {
      const t = this.t;
      const comment = h("textarea", { id: "fb-c", rows: "2", maxlength: "1000", "aria-describedby": "fb-h" });
      const status = h("p", { class: "status", role: "status" });
      const radio = (value, label) =>
        h("label", null, h("input", { type: "radio", name: "verdict", value }), label);
      const form = h(
        "form",
        { class: "fb", novalidate: true, "aria-labelledby": "fb-l" },
        h("fieldset", null, h("legend", { id: "fb-l" }, t.helpful),
          h("div", { class: "choices" }, radio("yes", t.yes), radio("no", t.no))),
        h("label", { for: "fb-c" }, t.comment),
        h("p", { id: "fb-h", class: "hint" }, t.commentHint),
        comment,
        h("button", { type: "submit" }, t.send),
        status,
      );
      form.addEventListener("submit", async (e) => {
        e.preventDefault();
        const choice = form.querySelector("input[name=verdict]:checked");
        if (!choice) {
          status.textContent = t.choose;
          status.classList.add("error");
          form.querySelector("input[name=verdict]").focus();
          return;
        }
        status.classList.remove("error");
        status.textContent = t.sending;
        const body = {
          question,
          answer: data.answered ? str(data.answer) : null,
          answered: !!data.answered,
          citations: citations
            .map((c) => ({ n: c.n, doc_id: c.doc_id, start: c.start, end: c.end }))
            .filter((c) => Number.isInteger(c.n) && typeof c.doc_id === "string"),
          verdict: choice.value,
          comment: comment.value.trim() || null,
          index_version: data.index_version == null ? null : str(data.index_version),
          language: data.language === "en" || data.language === "da" ? data.language : null,
        };
        let problem = "feedbackFailed";
        try {
          const res = await this._fetch(this.api + "/feedback", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(body),
          });
          // Busy or rate-limited: the words the question gets for the same statuses.
          problem = res.ok ? null : res.status === 429 || res.status === 503 ? "busyServer" : "feedbackFailed";
        } catch (_) {
          problem = "feedbackFailed";
        }
        if (!form.isConnected) return;
        if (problem) {
          status.textContent = t[problem];
          status.classList.add("error");
          return;
        }
        const thanks = h("p", { class: "thanks", tabindex: "-1" }, t.thanks);
        form.replaceWith(h("div", { class: "fb" }, thanks));
        thanks.focus();
      });
      return form;
    }
  }

  customElements.define("qa-help", QaHelp);
})();
