/* "Öppet nu" for opening-hours blocks; no dependencies.
 *
 * Each block ([data-hours-block]) embeds its hours as JSON (<script data-hours-data>), computed
 * by the site generator: for every date of a window, when it is open during that date (the
 * night of the day before past midnight included), so this script only looks dates up and
 * never applies calendar rules itself. A date nothing is stated about (a schedule without
 * regular hours) is marked, and the line then says nothing. The texts come from the same JSON
 * (translations.yaml). The time is Stockholm's wall-clock time, whatever the visitor's zone.
 * The rules mirror civicsite.hours.view.open_now_text.
 */
(function () {
  "use strict";
  var DAY = 1440;
  var clock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function stockholmNow() {
    var p = {};
    clock.formatToParts(new Date()).forEach(function (part) { p[part.type] = part.value; });
    return {
      day: Date.UTC(+p.year, +p.month - 1, +p.day) / 864e5,   // days since 1970-01-01
      minute: (+p.hour % 24) * 60 + (+p.minute)
    };
  }

  function dayNumber(iso) {
    var a = iso.split("-");
    return Date.UTC(+a[0], +a[1] - 1, +a[2]) / 864e5;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, key) {
      return key in values ? values[key] : m;
    });
  }

  function Schedule(data) {
    this.data = data;
    this.start = dayNumber(data.start);
  }

  /* {spans: [[from, until], ...], known} for a date, or null outside the data's window; on a
     date that is not known nothing is stated outside its spans. */
  Schedule.prototype.on = function (day) {
    var i = day - this.start;
    if (i < 0 || i >= this.data.days.length) return null;
    var k = this.data.days[i];
    return k >= 0 ? { spans: this.data.patterns[k], known: true }
                  : { spans: this.data.patterns[-k - 1], known: false };
  };

  Schedule.prototype.time = function (minute) {
    var h = Math.floor(minute / 60), m = minute % 60;
    return (h < 10 ? "0" : "") + h + this.data.sep + (m < 10 ? "0" : "") + m;
  };

  Schedule.prototype.when = function (day, offset) {
    var d = this.data;
    if (offset === 1) return d.texts.tomorrow;
    var date = new Date(day * 864e5);
    if (offset < 7) return d.weekdays[(date.getUTCDay() + 6) % 7];
    return fill(d.texts.date, { day: date.getUTCDate(), month: d.months[date.getUTCMonth()] });
  };

  /* Where an opening ends, following midnight into a next date open from 00.00 (up to a week). */
  Schedule.prototype.closing = function (day, until) {
    for (var k = 0; k < 8; k++) {
      if (until < DAY) return { day: day, minute: until };
      var next = this.on(day + 1);
      if (!next || !next.spans.length || next.spans[0][0] !== 0) return { day: day, minute: DAY };
      day += 1;
      until = next.spans[0][1];
    }
    return null;
  };

  Schedule.prototype.text = function (now) {
    var t = this.data.texts, today = this.on(now.day), spans, i, at, offset;
    if (today === null) return "";
    spans = today.spans;
    for (i = 0; i < spans.length; i++) {
      if (spans[i][0] <= now.minute && now.minute < spans[i][1]) {
        at = this.closing(now.day, spans[i][1]);
        if (!at) return t.open_long;
        offset = at.day - now.day;
        if (offset === 0) return fill(t.open, { time: this.time(at.minute) });
        return fill(t.open_until, { when: this.when(at.day, offset), time: this.time(at.minute) });
      }
    }
    if (!today.known) return "";
    for (i = 0; i < spans.length; i++) {
      if (spans[i][0] > now.minute) return fill(t.opens_today, { time: this.time(spans[i][0]) });
    }
    for (var day = now.day + 1; ; day++) {
      var hours = this.on(day);
      if (hours === null) return t.closed;
      if (hours.spans.length) {
        return fill(t.opens, { when: this.when(day, day - now.day), time: this.time(hours.spans[0][0]) });
      }
      if (!hours.known) return t.closed;
    }
  };

  function update(blocks) {
    var now = stockholmNow();
    blocks.forEach(function (b) {
      var text = b.schedule.text(now);
      if (text !== b.output.textContent) b.output.textContent = text;
      b.output.hidden = !text;
    });
  }

  function start() {
    var blocks = [];
    document.querySelectorAll("[data-hours-block]").forEach(function (el) {
      var data = el.querySelector("script[data-hours-data]");
      var output = el.querySelector("[data-hours-now]");
      if (!data || !output) return;
      try {
        blocks.push({ schedule: new Schedule(JSON.parse(data.textContent)), output: output });
      } catch (e) { /* leave the block as the static table */ }
    });
    if (!blocks.length) return;
    (function tick() {
      update(blocks);
      setTimeout(tick, 60000 - (Date.now() % 60000) + 50);  // just after the next minute
    })();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
