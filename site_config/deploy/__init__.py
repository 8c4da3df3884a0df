"""The finished site and its server: CSP, redirect pages, the search index's additions,
the offline list and service worker, compressed copies, nginx, ``make release``.
"""
