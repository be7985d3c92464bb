// Renders Mermaid diagrams (bundled locally) and nothing else; no inline scripts anywhere.
(function () {
  if (window.mermaid && document.querySelector("pre.mermaid")) {
    window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
    window.mermaid.run({ querySelector: "pre.mermaid" }).then(function () {
      document.body.setAttribute("data-diagrams", "rendered");
    });
  } else {
    document.body.setAttribute("data-diagrams", "none");
  }
})();
