"""Documents: reportlab PDFs (A4, Chinese text in an embedded TrueType font) and Excel files,
rendered from plain dataclasses; this package never touches a database."""
