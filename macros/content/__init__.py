"""Read, validate and model content/: the only code that opens its YAML files."""
