/* civicsite's additions to Decap CMS at /admin/: a preview that looks like the site's page
   (its stylesheets and the layout of templates/page_base.html; contact and hours blocks as
   placeholders), and, before every save, empty values left out, as the format wants them absent
   rather than empty. Loaded after the CMS bundle; no inline script (the admin's own CSP). */
(function () {
  "use strict";
  var CMS = window.CMS;
  var me = document.currentScript.dataset;
  var h = window.h;

  (me.styles || "").split(" ").filter(Boolean).forEach(function (href) {
    CMS.registerPreviewStyle(href);
  });

  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }

  function day(value) {  // 2026-09-01 → 1 september 2026, as the site writes it
    var d = new Date(text(value).slice(0, 10) + "T12:00:00");
    return isNaN(d) ? text(value) : d.toLocaleDateString(document.documentElement.lang,
      { day: "numeric", month: "long", year: "numeric" });
  }

  function list(value) {
    if (!value) return [];
    if (typeof value.toJS === "function") value = value.toJS();
    return Array.isArray(value) ? value : [value];
  }

  function Page(props) {
    var data = props.entry.get("data");
    var get = function (key) { return data.get(key); };
    var image = get("image");
    var figure = null;
    if (image && image.get && image.get("src")) {
      var caption = [text(image.get("caption")),
                     image.get("credit") ? me.photo + ": " + image.get("credit") : ""]
        .filter(Boolean).join(" ");
      figure = h("figure", { className: "page-image" },
        h("img", { src: text(props.getAsset(image.get("src"))), alt: text(image.get("alt")) }),
        caption ? h("figcaption", null, caption) : null);
    }
    var meta = get("date") ? h("p", { className: "meta" }, me.published + " " + day(get("date"))) : null;
    var blocks = list(get("contacts")).concat(list(get("hours"))).map(function (id) {
      return h("p", { className: "admin-placeholder", key: id }, "[" + me.contact + ": " + id + "]");
    });
    return h("main", { id: "main" }, h("div", { className: "wrap" },
      h("article", { className: "page page-" + text(get("kind") || "page") },
        h("header", { className: "page-header" },
          h("h1", null, text(get("title"))), meta,
          get("summary") ? h("p", { className: "lead" }, text(get("summary"))) : null),
        figure,
        h("div", { className: "body" }, props.widgetFor("body")),
        blocks.length ? h("aside", { className: "page-contacts" }, blocks) : null)));
  }

  (me.collections || "").split(" ").filter(Boolean).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Page);
  });

  function empty(value) {
    return value === "" || value === null || value === undefined ||
      (value && typeof value.size === "number" && value.size === 0 && typeof value.toJS === "function");
  }

  function prune(value) {
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      return value.map(prune).filter(function (v) { return !empty(v); });
    }
    return value;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      var body = data.get("body");  // a page's text stays, even when empty
      return body === undefined ? prune(data) : prune(data).set("body", body);
    },
  });
})();
