// Dossier's live preview: reloads the page after each rebuild, swaps stylesheets when only
// CSS changed, and shows a failed build's error over the page until a build succeeds.
// Served by `dossier serve` and added to HTML responses only; never written to the site.
(function () {
  "use strict";
  if (!window.EventSource || window.__dossierLive) return;
  window.__dossierLive = true;

  var overlay = null;
  var instance = null;

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function show(text) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "__dossier-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
      "padding:2rem;background:rgba(24,24,27,.94);color:#f4f4f5;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 1rem;font-weight:bold;color:#fca5a5;";
    title.textContent = "The last build failed. This page is from the last good build.";
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0 0 1rem;white-space:pre-wrap;word-break:break-word;";
    // Error messages quote the user's files: shown as text, never parsed as markup.
    pre.textContent = text;
    var note = document.createElement("p");
    note.style.cssText = "margin:0;color:#a1a1aa;";
    note.textContent = "Fix the file and save: this message goes away on the next good build. ";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.addEventListener("click", hide);
    note.appendChild(close);
    overlay.appendChild(title);
    overlay.appendChild(pre);
    overlay.appendChild(note);
    (document.body || document.documentElement).appendChild(overlay);
  }

  // Load a fresh copy of each same-origin stylesheet beside the old one, then drop the old
  // one, so the page never shows unstyled.
  function swapStyles() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) return;
      url.searchParams.set("__dossier", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.href;
      var done = function () { link.remove(); };
      fresh.addEventListener("load", done);
      fresh.addEventListener("error", done);
      link.after(fresh);
    });
  }

  var source = new EventSource("/__dossier/events");
  source.addEventListener("hello", function (e) {
    // The stream reconnected to a restarted server: the page may be stale.
    if (instance !== null && instance !== e.data) location.reload();
    instance = e.data;
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", swapStyles);
  source.addEventListener("build-error", function (e) { show(e.data); });
  source.addEventListener("build-ok", hide);
})();
