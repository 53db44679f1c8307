"""All Qt code: the main window, pages, widgets and job workers. Thin over core."""
