// Diagrams (Mermaid, bundled locally, only on pages that draw one), clickable ADR graph nodes and
// the analysis progress poll. No inline scripts anywhere: the CSP allows only this origin.
(function () {
  "use strict";
  var dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  function linkGraphNodes() {
    var graph = document.getElementById("adr-graph");
    if (!graph) { return; }
    graph.querySelectorAll("g.node").forEach(function (node) {
      var m = /(?:^|-)adr(\d+)(?:-|$)/.exec(node.id || "");
      if (!m) { return; }
      var href = "/adr/" + m[1];
      var label = (node.textContent || "").trim();
      node.setAttribute("role", "link");
      node.setAttribute("tabindex", "0");
      node.setAttribute("aria-label", "Open ADR " + label);
      node.style.cursor = "pointer";
      node.addEventListener("click", function () { window.location.href = href; });
      node.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); window.location.href = href; }
      });
    });
  }

  if (window.mermaid && document.querySelector("pre.mermaid")) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict",
      theme: dark ? "dark" : "neutral" });
    window.mermaid.run({ querySelector: "pre.mermaid" }).then(function () {
      linkGraphNodes();
      document.body.setAttribute("data-diagrams", "rendered");
    });
  } else {
    document.body.setAttribute("data-diagrams", "none");
  }

  // A box that scrolls sideways (a wide table, a long code block) must be reachable by keyboard.
  function focusableScrollers() {
    document.querySelectorAll("main table, main pre, main .scroll").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) {
        el.setAttribute("tabindex", "0");
      } else if (el.getAttribute("tabindex") === "0") {
        el.removeAttribute("tabindex");
      }
    });
  }
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);

  var box = document.getElementById("analysis-progress");
  if (box) {
    var bar = document.getElementById("progress");
    var stage = document.getElementById("progress-stage");
    var poll = function () {
      fetch(box.getAttribute("data-poll"), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var p = data.progress;
          if (p.total) { bar.max = p.total; bar.value = p.done; }
          stage.textContent = p.stage + (p.total ? " (" + p.done + " of " + p.total + ")" : "");
          if (p.running) { window.setTimeout(poll, 400); } else { window.location.reload(); }
        })
        .catch(function () { window.setTimeout(poll, 1000); });
    };
    window.setTimeout(poll, 300);
  }
})();
