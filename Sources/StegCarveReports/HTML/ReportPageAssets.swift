import Crypto
import Foundation

/// The page's one style sheet and one script, and the Content-Security-Policy that allows
/// exactly these two by hash and images only from `data:` URIs: should a string from a
/// hostile file ever slip past escaping, the browser still runs no script of its making and
/// loads nothing from anywhere.
package enum ReportPageAssets {
    package static let style = """
        :root{color-scheme:light;--fg:#1d2430;--muted:#5c6777;--line:#d7dce3;--bg:#f6f7f9}
        *{box-sizing:border-box}
        body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
        main{display:flex;flex-direction:column;gap:18px;max-width:1280px;margin:0 auto;padding:18px}
        #summary{order:-1}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 18px}
        h1{font-size:22px;margin:0 0 6px}
        h2{font-size:16px;margin:0 0 4px;overflow-wrap:anywhere}
        h3{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:14px 0 6px}
        code,.hashes,.path{font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:12px;overflow-wrap:anywhere}
        .facts,.muted{color:var(--muted)}
        .verdict{display:inline-block;border-radius:4px;padding:1px 8px;margin-right:8px;color:#fff;font-weight:600}
        .v-clean .verdict,.verdict.v-clean{background:#2b9348}
        .v-benign-extra .verdict,.verdict.v-benign-extra{background:#3a86ff}
        .v-suspicious .verdict,.verdict.v-suspicious{background:#e36414}
        .v-malicious .verdict,.verdict.v-malicious{background:#c1121f}
        .v-error .verdict,.verdict.v-error{background:#6c757d}
        .top{display:flex;gap:18px;align-items:flex-start}
        figure{margin:0;flex:0 0 auto;text-align:center}
        .thumbnail{display:block;image-rendering:auto;border:1px solid var(--line);background-color:#fff;background-image:linear-gradient(45deg,#e9ecef 25%,transparent 25%,transparent 75%,#e9ecef 75%),linear-gradient(45deg,#e9ecef 25%,transparent 25%,transparent 75%,#e9ecef 75%);background-size:16px 16px;background-position:0 0,8px 8px}
        figcaption{font-size:12px;color:var(--muted)}
        .no-thumbnail{width:192px;min-height:96px;border:1px dashed var(--line);display:flex;align-items:center;justify-content:center;text-align:center;padding:8px;color:var(--muted);font-size:12px}
        .reasons{flex:1 1 auto;min-width:0}
        .reasons ul{margin:0;padding-left:18px}
        svg{display:block;width:100%}
        svg.bytemap{height:64px}
        svg.entropy{height:110px;background:#fbfcfd;border:1px solid var(--line)}
        .track{fill:#eef0f3}
        .k-header{fill:#8d99ae}.k-metadata{fill:#f4a261}.k-image-data{fill:#2a9d8f}.k-picture{fill:#90be6d}
        .k-overlay{fill:#e63946}.k-gap{fill:#b5838d}.k-declared{fill:#457b9d}.k-raw{fill:#adb5bd}
        .p-bad{fill:#9d0208}.p-other{fill:#fb8500}.anomaly{fill:#6a040f}
        svg rect[data-o]:hover{stroke:#000;stroke-width:1px;vector-effect:non-scaling-stroke}
        .cursor{stroke:#000;stroke-width:1px;vector-effect:non-scaling-stroke;pointer-events:none}
        .line{fill:none;stroke:#1d3557;stroke-width:1.5px;vector-effect:non-scaling-stroke}
        .grid{stroke:#dde1e6;stroke-width:1px;vector-effect:non-scaling-stroke}
        .band-overlay{fill:#e63946;opacity:.12}.band-payload{fill:#fb8500;opacity:.18}
        .axis{display:flex;justify-content:space-between;font-size:11px;color:var(--muted)}
        .legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin-top:4px}
        .legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:-1px}
        .legend .k-header{background:#8d99ae}.legend .k-metadata{background:#f4a261}.legend .k-image-data{background:#2a9d8f}
        .legend .k-picture{background:#90be6d}.legend .k-overlay{background:#e63946}.legend .k-gap{background:#b5838d}
        .legend .k-declared{background:#457b9d}.legend .p-bad{background:#9d0208}.legend .p-other{background:#fb8500}.legend .anomaly{background:#6a040f}
        .readout{font:12px ui-monospace,Menlo,monospace;min-height:1.5em;margin-top:4px;color:var(--fg)}
        table{border-collapse:collapse;width:100%;font-size:13px}
        table.findings{table-layout:fixed}
        table.findings col.c-number{width:56px}table.findings col.c-type{width:9%}table.findings col.c-where{width:14%}
        table.findings col.c-labels{width:25%}table.findings col.c-hashes{width:27%}
        td.labels,td.metadata,td.where{overflow-wrap:anywhere}
        td.hashes code{font-size:11px;word-break:break-all}
        th,td{border-bottom:1px solid var(--line);padding:5px 6px;text-align:left;vertical-align:top}
        th{font-size:12px;color:var(--muted);font-weight:600}
        td ul{margin:0;padding-left:16px}
        tr.bad td.type{color:#9d0208;font-weight:600}
        .confidence{font-weight:400;color:var(--muted);font-size:11px}
        .warn{color:#b45309}
        .depth-1 .number{padding-left:16px}.depth-2 .number{padding-left:28px}.depth-3 .number,.depth-4 .number,.depth-5 .number,.depth-6 .number,.depth-7 .number,.depth-8 .number{padding-left:40px}
        .summary td:first-child{overflow-wrap:anywhere}
        a{color:#1d4ed8}
        """

    package static let script = """
        "use strict";
        window.onerror = function (message) {
          document.documentElement.setAttribute("data-error", String(message));
        };
        window.addEventListener("load", function () {
          var missing = [];
          var sections = document.querySelectorAll("section.file");
          sections.forEach(function (section) {
            var name = section.id;
            var size = Number(section.getAttribute("data-size"));
            if (section.hasAttribute("data-unreadable") || section.hasAttribute("data-compact")) return;
            var image = section.querySelector("img.thumbnail");
            if (image) {
              if (image.complete && image.naturalWidth > 0) {
                image.setAttribute("data-decoded", image.naturalWidth + "x" + image.naturalHeight);
              } else {
                missing.push(name + ": thumbnail did not decode");
              }
            } else if (!section.querySelector(".no-thumbnail")) {
              missing.push(name + ": thumbnail");
            }
            var map = section.querySelector("svg.bytemap");
            if (!map || !map.querySelector("rect[data-o]")) missing.push(name + ": byte map");
            var plot = section.querySelector("svg.entropy");
            if (!plot || (!plot.querySelector("polyline") && size > 0)) missing.push(name + ": entropy plot");
            if (!section.querySelector("table.findings tbody tr")) missing.push(name + ": findings table");
            var readout = section.querySelector(".readout");
            var shapes = map ? Array.prototype.slice.call(map.querySelectorAll("rect[data-o]")) : [];
            var values = plot && plot.hasAttribute("data-values") ? plot.getAttribute("data-values").split(",") : [];
            var step = plot ? Number(plot.getAttribute("data-step")) : 1;
            function show(fraction) {
              var offset = Math.max(0, Math.min(size - 1, Math.floor(fraction * size)));
              var parts = ["offset " + offset + " (0x" + offset.toString(16) + ")"];
              shapes.forEach(function (shape) {
                var start = Number(shape.getAttribute("data-o"));
                var length = Number(shape.getAttribute("data-l"));
                if (offset >= start && offset < start + Math.max(length, 1)) parts.push(shape.getAttribute("data-n"));
              });
              var value = values[Math.min(values.length - 1, Math.floor(offset / step))];
              if (value !== undefined) parts.push("entropy " + value + " bits/byte");
              if (readout) readout.textContent = parts.join(" \\u00b7 ");
              section.querySelectorAll("svg .cursor").forEach(function (line) {
                line.setAttribute("x1", String(fraction * 1000));
                line.setAttribute("x2", String(fraction * 1000));
              });
            }
            [map, plot].forEach(function (svg) {
              if (!svg || size === 0) return;
              svg.addEventListener("mousemove", function (event) {
                var box = svg.getBoundingClientRect();
                show((event.clientX - box.left) / box.width);
              });
            });
          });
          if (sections.length === 0 || !document.getElementById("summary")) missing.push("summary");
          document.documentElement.setAttribute("data-ready", missing.length === 0 ? "true" : "false");
          if (missing.length > 0) document.documentElement.setAttribute("data-missing", missing.join("; "));
        });
        """

    /// `'sha256-…'` of a style or script body, as CSP hash sources spell it.
    package static func hashSource(_ text: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() + "'"
    }

    /// The policy of the page's `<meta http-equiv="Content-Security-Policy">`.
    package static var contentSecurityPolicy: String {
        "default-src 'none'; img-src data:; style-src \(hashSource(style)); script-src \(hashSource(script)); base-uri 'none'; form-action 'none'"
    }
}
