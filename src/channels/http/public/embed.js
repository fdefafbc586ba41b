/**
 * tiaowen's embed script: one tag puts the chat widget on any page.
 *
 *   <script src="https://tiaowen.example.cn/embed.js" async></script>
 *
 * By default the widget appears where the tag stands. Options, as data- attributes of the tag:
 *   data-target="#help"     put it inside this element instead
 *   data-height="560px"     height of the widget (default 600px)
 *   data-mode="floating"    a "法规问答" button in the corner that opens the widget; the panel
 *                           closes with its × button, the toggle, or Escape (also from inside)
 *
 * The widget runs in an iframe of this server's /widget page, so the host page's scripts and
 * styles cannot reach it and it cannot reach them. The host's origin must be listed in the
 * server's FRAME_ANCESTORS, or the browser refuses to show the frame.
 */
// A block, not a function: its consts stay out of the host page's globals, and its parts below
// are functions of their own (function declarations would leak out of a block in a classic script).
{
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : undefined;
  const options = script?.dataset ?? {};
  // Relative to this script, so a server behind a path prefix (/tiaowen/embed.js) works too.
  const widgetUrl = script ? new URL("widget", script.src).href : "";

  const makeFrame = () => {
    const frame = document.createElement("iframe");
    frame.src = widgetUrl;
    frame.title = "条文 · 市民法规问答";
    frame.setAttribute("data-tiaowen", "widget");
    Object.assign(frame.style, {
      display: "block",
      boxSizing: "border-box",
      width: "100%",
      height: options.height || "600px",
      border: "1px solid #d8dee8",
      borderRadius: "10px",
      background: "#fff",
    });
    return frame;
  };

  const inline = () => {
    const target = options.target ? document.querySelector(options.target) : null;
    if (options.target && !target && document.readyState === "loading") {
      // The target comes later in the page than the tag: wait for it.
      document.addEventListener("DOMContentLoaded", inline, { once: true });
      return;
    }
    const frame = makeFrame();
    if (target) target.append(frame);
    else script?.after(frame);
  };

  const LABEL_OPEN = "法规问答";
  const LABEL_CLOSE = "收起法规问答";

  /** The corner button that opens and closes the panel. */
  const makeToggle = (panelId) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = LABEL_OPEN;
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panelId);
    Object.assign(button.style, {
      position: "fixed",
      right: "16px",
      bottom: "16px",
      zIndex: "2147483000",
      padding: "12px 18px",
      border: "0",
      borderRadius: "999px",
      background: "#0b5cad",
      color: "#fff",
      font: "600 16px system-ui, sans-serif",
      boxShadow: "0 4px 14px rgba(0,0,0,.25)",
      cursor: "pointer",
    });
    return button;
  };

  /** The panel the widget opens in, with a close button of its own. */
  const makePanel = (panelId) => {
    const panel = document.createElement("div");
    panel.id = panelId;
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "条文 · 市民法规问答");
    Object.assign(panel.style, {
      position: "fixed",
      right: "16px",
      bottom: "76px",
      zIndex: "2147483000",
      width: "min(400px, calc(100vw - 32px))",
      boxShadow: "0 8px 30px rgba(0,0,0,.25)",
      borderRadius: "10px",
    });
    // A close button on the panel itself: on a phone the toggle can sit under the keyboard.
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "关闭法规问答");
    close.setAttribute("data-tiaowen", "close");
    Object.assign(close.style, {
      position: "absolute",
      top: "-14px",
      right: "-10px",
      width: "36px",
      height: "36px",
      border: "0",
      borderRadius: "50%",
      background: "#1d2430",
      color: "#fff",
      font: "600 20px/36px system-ui, sans-serif",
      cursor: "pointer",
      boxShadow: "0 2px 8px rgba(0,0,0,.3)",
    });
    panel.append(close);
    return { panel, close };
  };

  const floating = () => {
    const panelId = `tiaowen-panel-${Math.random().toString(36).slice(2, 8)}`;
    const button = makeToggle(panelId);
    const { panel, close } = makePanel(panelId);
    let frame;
    const toggle = (open) => {
      if (open && !frame) {
        // Created on first open: a page that never opens the widget never loads it.
        frame = makeFrame();
        frame.style.height = options.height || "min(600px, calc(100vh - 110px))";
        panel.append(frame);
      }
      panel.hidden = !open;
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? LABEL_CLOSE : LABEL_OPEN;
      if (open) frame.focus();
      else button.focus();
    };
    button.addEventListener("click", () => toggle(panel.hidden));
    close.addEventListener("click", () => toggle(false));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && !panel.hidden) toggle(false);
    });
    // Escape pressed inside the widget reaches only the frame, which asks us to close.
    window.addEventListener("message", (event) => {
      if (
        frame &&
        event.source === frame.contentWindow &&
        event.data?.type === "tiaowen:close" &&
        !panel.hidden
      )
        toggle(false);
    });
    document.body.append(panel, button);
  };

  const start = () => (options.mode === "floating" ? floating() : inline());
  // With async or defer, the tag's position is still known; the body may not exist yet without them.
  if (!script) {
    // Not run from a <script> tag (e.g. injected as a module): nothing to anchor the widget to.
  } else if (options.mode === "floating" && !document.body)
    document.addEventListener("DOMContentLoaded", start);
  else start();
}
