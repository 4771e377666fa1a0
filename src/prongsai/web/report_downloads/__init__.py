"""Report downloads for the web pages (see services.render_report)."""
