"""Pure functions from models to Markdown, through the Jinja templates in templates/."""
