/* "Öppet nu" for opening-hours blocks; no dependencies.
 *
 * Each block ([data-hours-block]) embeds its hours as JSON (<script data-hours-data>), computed
 * by the site generator: explicit intervals for every date of a window, so this script only
 * looks dates up and never applies calendar rules itself. The texts come from the same JSON
 * (translations.yaml). The time is Stockholm's wall-clock time, whatever the visitor's zone.
 * The rules mirror civicsite.hours_render.open_now_text.
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

  /* The intervals [[opens, closes], ...] on a day, or null outside the data's window. */
  Schedule.prototype.on = function (day) {
    var i = day - this.start;
    if (i < 0 || i >= this.data.days.length) return null;
    return this.data.patterns[this.data.days[i]];
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

  /* Where an opening ends, following 24.00 into a next day that opens 00.00 (up to a week). */
  Schedule.prototype.closing = function (day, interval) {
    var closes = interval[1];
    for (var k = 0; k < 8; k++) {
      if (closes < DAY) return { day: day, minute: closes };
      var next = this.on(day + 1);
      if (!next || !next.length || next[0][0] !== 0) return { day: day, minute: DAY };
      day += 1;
      closes = next[0][1];
    }
    return null;
  };

  Schedule.prototype.text = function (now) {
    var t = this.data.texts, today = this.on(now.day), i, at, offset;
    if (today === null) return "";
    for (i = 0; i < today.length; i++) {
      if (today[i][0] <= now.minute && now.minute < today[i][1]) {
        at = this.closing(now.day, today[i]);
        if (!at) return t.open_long;
        offset = at.day - now.day;
        if (offset === 0) return fill(t.open, { time: this.time(at.minute) });
        return fill(t.open_until, { when: this.when(at.day, offset), time: this.time(at.minute) });
      }
      if (today[i][0] > now.minute) return fill(t.opens_today, { time: this.time(today[i][0]) });
    }
    for (var day = now.day + 1; ; day++) {
      var hours = this.on(day);
      if (hours === null) return t.closed;
      if (hours.length) {
        return fill(t.opens, { when: this.when(day, day - now.day), time: this.time(hours[0][0]) });
      }
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
