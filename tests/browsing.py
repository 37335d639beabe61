"""Browser contexts for the tests of a page's own behaviour."""

from __future__ import annotations

from contextlib import contextmanager


def new_context(browser, **options):
    """A context without the service worker. On a first visit the worker stores the whole
    handbook (every page and file of every language: some 250 requests, about a CPU-second
    per context), and it answers requests before page.route() sees them; a test of what a page
    does needs neither. The offline tests (test_offline.py), the policy tests (test_csp.py)
    and the tours (tour.py) keep it, as a reader has it."""
    return browser.new_context(service_workers="block", **options)


@contextmanager
def page_at(browser, viewport: dict, url: str):
    """A page of its own context (new_context) at `viewport`, opened at `url`; the context is
    closed after, whatever happened."""
    context = new_context(browser, viewport=viewport)
    try:
        page = context.new_page()
        page.goto(url)
        yield page
    finally:
        context.close()
