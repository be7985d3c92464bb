"""archwise: architecture guidance as working software."""

__version__ = "0.1.0"
