"""The views: the macros pages call, rendering the content model through the Jinja templates in templates/."""
