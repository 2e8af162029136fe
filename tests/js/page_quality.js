/*
 * Page-quality checks run inside a page by tests/test_page_quality.py (added with
 * page.add_script_tag). Each returns a list of findings, one short string per element, so a
 * failing test names what is wrong and where.
 */
(function () {
  "use strict";

  function describe(el) {
    var name = el.tagName.toLowerCase();
    if (el.id) name += "#" + el.id;
    if (typeof el.className === "string" && el.className.trim()) name += "." + el.className.trim().split(/\s+/).join(".");
    var r = el.getBoundingClientRect();
    return name + " [" + Math.round(r.width) + "x" + Math.round(r.height) + " at " + Math.round(r.left) + "," + Math.round(r.top + window.scrollY) + "]";
  }

  /* Rendered and not made invisible by display, visibility or opacity (here or above). */
  function shown(el) {
    return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  }

  function inViewportColumn(r) {
    return r.right > 0 && r.left < window.innerWidth;
  }

  /* The document is no wider than the window; names the elements that stick out. */
  function overflow() {
    var width = document.scrollingElement.scrollWidth;
    if (width <= window.innerWidth) return [];
    var out = ["document is " + width + " px wide in a " + window.innerWidth + " px window"];
    document.querySelectorAll("body *").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && shown(el) && !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1)) {
        out.push("sticks out: " + describe(el));
      }
    });
    return out.slice(0, 10);
  }

  var CONTENT = "img, svg, input, select, textarea, button, canvas, video, iframe, object";

  /* Boxes that paint a background but hold nothing: no text, no image or control. Such a box
     is an empty coloured strip (Material's banner drawn for an empty announcement). */
  function emptyStrips() {
    var out = [];
    document.querySelectorAll("body, body *").forEach(function (el) {
      if (el.closest("svg") || el.matches(CONTENT + ", hr")) return;
      var style = getComputedStyle(el);
      var painted = style.backgroundImage !== "none" ||
        !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(style.backgroundColor);
      if (!painted) return;
      var r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || !shown(el)) return;
      if (el.innerText.trim() || el.querySelector(CONTENT)) return;
      out.push(describe(el) + " background " + style.backgroundColor);
    });
    return out;
  }

  /* Text cut short by an ellipsis (text-overflow) in view: the site name, a heading. */
  function cutOff() {
    var out = [];
    document.querySelectorAll("body *").forEach(function (el) {
      var style = getComputedStyle(el);
      if (style.textOverflow !== "ellipsis" || !shown(el)) return;
      var r = el.getBoundingClientRect();
      if (r.width < 1 || !inViewportColumn(r)) return;
      if (el.scrollWidth > el.clientWidth) out.push(describe(el) + ": " + JSON.stringify(el.textContent.trim()));
    });
    document.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (el) {
      if (shown(el) && el.scrollWidth > el.clientWidth + 1) out.push("heading wider than its box: " + describe(el));
    });
    return out;
  }

  /* A navigation column in view that offers no way on: fewer than two links (on a page that
     is not in the nav, Material's sidebar holds at most the page's own section). */
  function emptyColumns() {
    var out = [];
    document.querySelectorAll(".md-sidebar--primary").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (!shown(el) || r.width < 1 || !inViewportColumn(r)) return;
      var links = Array.from(el.querySelectorAll("a")).filter(function (a) { return shown(a) && a.getBoundingClientRect().width > 0; });
      if (links.length < 2) out.push(describe(el) + " holds " + links.length + " link(s)");
    });
    return out;
  }

  /* Interface text a visitor or a screen reader meets: text, and the names in attributes. */
  function texts() {
    var found = new Set([document.title]);
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("script, style") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      var t = node.nodeValue.replace(/\s+/g, " ").trim();
      if (t) found.add(t);
    }
    document.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit][value], input[type=button][value]")
      .forEach(function (el) {
        ["aria-label", "title", "placeholder", "alt", "value"].forEach(function (name) {
          var v = el.getAttribute(name);
          if (v && v.trim() && (name !== "value" || el.matches("input[type=submit], input[type=button]"))) found.add(v.trim());
        });
      });
    return Array.from(found);
  }

  /* Where the first search result sits: its title link's box in the window. */
  function firstResult() {
    var link = document.querySelector("#kv-results li a");
    if (!link) return null;
    var r = link.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: window.innerHeight };
  }

  window.kvQuality = { overflow: overflow, emptyStrips: emptyStrips, emptyColumns: emptyColumns, cutOff: cutOff, texts: texts,
    firstResult: firstResult };
})();
