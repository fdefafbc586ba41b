/**
 * The web pages: the chat widget (at / and /widget, for iframes), the hotline console (/console),
 * the one-line embed script (/embed.js) and their static assets (/assets/…). Plain HTML, CSS and
 * JavaScript files under public/: nothing to build.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import express, { type Router } from "express";
import { PROJECT_ROOT } from "../../mod.js";

/**
 * Where the page files live: in the source tree, also when the server runs from dist/ (tsc does
 * not copy them, and they need no compiling).
 */
export const PUBLIC_DIR = join(PROJECT_ROOT, "src", "channels", "http", "public");
/** The paths that serve the widget; only these may be framed by other origins. */
export const WIDGET_PATHS = ["/", "/widget"] as const;

/** What the pages show that comes from the configuration. */
export interface PageOptions {
  /** The hotline for questions the law does not cover (HOTLINE). */
  hotline: string;
  /** Whether ADMIN_TOKEN is set: without it the console says review is off instead of asking for a token. */
  admin?: boolean;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/** Fills {{name}} placeholders of a page with HTML-escaped values. */
export function fillPage(html: string, values: Record<string, string>): string {
  return html.replace(/\{\{(\w+)\}\}/g, (m, k: string) =>
    k in values ? escapeHtml(values[k] as string) : m,
  );
}

/** Creates the router of the pages (mounted at /). */
export function createPagesRouter(options: PageOptions): Router {
  const values = {
    hotline: options.hotline,
    // tel: links take digits and "+" only; "12345" stays "12345".
    hotlineTel: options.hotline.replace(/[^\d+]/g, "") || options.hotline,
    admin: options.admin ? "on" : "off",
  };
  // Read once at start-up: the pages are small and the placeholders are fixed for the run.
  const widget = fillPage(readFileSync(`${PUBLIC_DIR}/widget.html`, "utf8"), values);
  const console = fillPage(readFileSync(`${PUBLIC_DIR}/console.html`, "utf8"), values);
  const page =
    (html: string): express.RequestHandler =>
    (_req, res) => {
      res.set("Cache-Control", "no-cache").type("html").send(html);
    };

  const router = express.Router();
  for (const path of WIDGET_PATHS) router.get(path, page(widget));
  router.get("/console", page(console));
  router.get("/embed.js", (_req, res) => {
    // Loaded by <script> from the host site's pages: another origin, so the resource policy must
    // allow cross-origin use (helmet's default, same-origin, would block the script).
    res.set("Cross-Origin-Resource-Policy", "cross-origin").set("Cache-Control", "no-cache");
    res.sendFile(`${PUBLIC_DIR}/embed.js`);
  });
  router.use(
    "/assets",
    express.static(`${PUBLIC_DIR}/assets`, {
      index: false,
      fallthrough: true,
      cacheControl: true,
      maxAge: 0,
    }),
  );
  return router;
}
