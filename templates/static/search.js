/* Search page: queries the static Pagefind index (pagefind/) in the browser; no server needed.
   Texts come from data-* attributes (translations.yaml); results are built as DOM nodes. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = new URL(form.getAttribute("data-root") || "./", location.href);
  var engine = null;
  var latest = 0;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ""; });
  }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () { pf.init(); return pf; });
      });
    }
    return engine;
  }

  /* Pagefind's excerpt is HTML with <mark>: keep only its text and the marks. */
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var m = document.createElement("mark");
        m.textContent = node.textContent;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function show(query) {
    var run = ++latest, total = 0;
    list.replaceChildren();
    if (!query) { status.textContent = ""; return; }
    status.textContent = form.getAttribute("data-searching");
    load().then(function (pf) {
      return pf.search(query);
    }).then(function (search) {
      total = search.results.length;
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
    }).then(function (results) {
      if (run !== latest) return;
      results.forEach(function (data) {
        var li = document.createElement("li");
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = data.url;
        a.textContent = (data.meta && data.meta.title) || data.url;
        h.appendChild(a);
        li.appendChild(h);
        li.appendChild(excerpt(data.excerpt || ""));
        list.appendChild(li);
      });
      var n = total;
      status.textContent = n === 0 ? say(form.getAttribute("data-none"), { query: query })
        : say(form.getAttribute(n === 1 ? "data-hits-one" : "data-hits-many"), { count: n, query: query });
    }).catch(function () {
      if (run === latest) status.textContent = form.getAttribute("data-unavailable");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(null, "", url.href);
    show(query);
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; show(initial.trim()); }
})();
