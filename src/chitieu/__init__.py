"""chitieu: targets, results and tasks of a province's socio-economic plans."""

__version__ = "0.1.0"
