// Evaluates OpenStreetMap opening_hours values with opening_hours.js, for
// tests/test_osm_agreement.py. Reads {"values": {id: value}, "from": ISO, "to": ISO} on stdin
// and writes {id: {"intervals": [[fromMs, toMs, unknown], ...], "warnings": [...]}} (or
// {"error": message}). Dates are read in the process's time zone: run with TZ=Europe/Stockholm.
"use strict";
const OpeningHours = require("opening_hours");

// Sweden, for the PH (public holiday) data; the coordinates only matter for sunrise/sunset.
const NOMINATIM = { lat: 59.33, lon: 18.07, address: { country_code: "se", state: "" } };

let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const request = JSON.parse(input);
  const from = new Date(request.from), to = new Date(request.to), out = {};
  for (const [id, value] of Object.entries(request.values)) {
    try {
      const oh = new OpeningHours(value, NOMINATIM);
      out[id] = {
        intervals: oh.getOpenIntervals(from, to).map(
          ([start, end, unknown]) => [start.getTime(), end.getTime(), Boolean(unknown)]),
        warnings: oh.getWarnings(),
      };
    } catch (error) {
      out[id] = { error: String(error) };
    }
  }
  process.stdout.write(JSON.stringify(out));
});
