(function () {
  var me = document.currentScript, seen = me.getAttribute("data-generation");
  var events = new EventSource("/__civicsite/events");
  events.onmessage = function (e) { if (e.data !== seen) { location.reload(); } };
})();
