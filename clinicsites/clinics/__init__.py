"""The clinics file: YAML with a line for every value (``yamlsource``), the declared fields (``fields``,
``spec``), validation into read-only facts (``load``, ``model``, ``hours``, ``colors``), the JSON Schema for
editors (``schema``) and ``invoke new-clinic`` (``scaffold``)."""

from .load import load_config
from .model import Brand, Clinic, Config

__all__ = ["Brand", "Clinic", "Config", "load_config"]
