"""One module per area of the application, each with a ``pages`` and an ``api`` router."""
