"""Templates: a folder with a TOML manifest plus Jinja2 sources.

`manifest` parses and validates `template.toml` (fields, sizes, outputs), reporting
each problem with its file and line; `registry` finds templates, the user's own folder
first, then the shipped ones; `fields` turns raw field values into checked,
render-ready values.
"""

from .manifest import Field, Size, Template, load_template
from .registry import TemplateRegistry

__all__ = ["Field", "Size", "Template", "TemplateRegistry", "load_template"]
