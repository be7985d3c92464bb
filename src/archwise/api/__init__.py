"""The one public Python API: a module per capability; front ends call these, nothing deeper."""
