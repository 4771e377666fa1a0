"""The multi-user web application (Django): agencies, roles, results, assessment pages, dashboards, API, audit.

Apps, one per concept, each with models.py (data), services.py (writes, atomic, keyword-only), selectors.py
(reads, always scoped by the user) and thin views: organisations, accounts, assessments, dashboards, api, audit,
reports. `core` holds the shared templates, static files, template filters and the demo data command.
"""
