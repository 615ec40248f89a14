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

  /* pagefind/shards.json: language -> the bundles (folders below pagefind/) holding its pages:
     [""] for one bundle, ["shard-00/", "shard-01/", ...] for a large site, whose first shard is
     loaded and the others merged into it (Pagefind picks the language from <html lang>). */
  function bundles(shards) {
    var lang = (document.documentElement.getAttribute("lang") || "").toLowerCase();
    var found = shards[lang] || shards[lang.split("-")[0]];
    if (found && found.length) return found;
    var all = [];
    Object.keys(shards).sort().forEach(function (k) {
      shards[k].forEach(function (b) { if (all.indexOf(b) < 0) all.push(b); });
    });
    return all.length ? all.sort() : [""];
  }

  function load() {
    if (!engine) {
      var base = new URL("pagefind/", root);
      engine = fetch(new URL("shards.json", base).href).then(function (r) {
        return r.ok ? r.json() : {};
      }, function () { return {}; }).then(function (shards) {
        var list = bundles(shards);
        return import(new URL(list[0] + "pagefind.js", base).href).then(function (pf) {
          return pf.options({ baseUrl: root.pathname }).then(function () {
            pf.init();
            return Promise.all(list.slice(1).map(function (b) {
              return pf.mergeIndex(new URL(b, base).pathname, { baseUrl: root.pathname });
            }));
          }).then(function () { return pf; });
        });
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
