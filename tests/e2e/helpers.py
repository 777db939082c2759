"""What every browser test does on every page it opens: run axe-core and watch the console."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import ConsoleMessage, Locator, Page, Response

# WCAG 2.2 AA as far as axe-core can test it automatically (2.2 only added AA rules).
AXE_OPTIONS = {'runOnly': {'type': 'tag', 'values': ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}

_axe = Axe()


def format_violations(url: str, violations: list[dict]) -> str:
    """One readable block per axe violation: rule, impact, what it means and where."""
    lines = [f'axe found {len(violations)} accessibility violation(s) on {url}:']
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation['nodes']:
            target = ' '.join(str(part) for part in node['target'])
            lines.append(f'    at {target}: {node["html"][:160]}')
            if node.get('failureSummary'):
                lines.extend(f'      {line}' for line in node['failureSummary'].splitlines())
    return '\n'.join(lines)


def _invisible_text(incomplete: list[dict]) -> list[dict]:
    """Text in exactly its background's colour, which axe files under "needs review" rather than as a violation.

    That is how white header text on a white Utrecht header slipped through once; nobody means it.
    """
    found = []
    for result in incomplete:
        if result['id'] != 'color-contrast':
            continue
        nodes = [node for node in result['nodes']
                 if any((check.get('data') or {}).get('messageKey') == 'equalRatio' for check in node['any'])]
        if nodes:
            found.append({**result, 'impact': result.get('impact') or 'serious',
                          'help': result['help'] + ' (text is the same colour as its background)', 'nodes': nodes})
    return found


def assert_accessible(page: Page) -> None:
    """Fail with the list of violations when axe-core finds any WCAG A/AA problem on the page.

    The package injects axe through Playwright's evaluate (the DevTools protocol), which the
    page's Content-Security-Policy does not govern, so no CSP bypass is needed.
    """
    results = _axe.run(page, options=AXE_OPTIONS)
    violations = results.response['violations'] + _invisible_text(results.response['incomplete'])
    if violations:
        pytest.fail(format_violations(page.url, violations), pytrace=False)


class Visitor:
    """A browser tab that checks every page it lands on: axe-core, console errors, CSP reports."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.responses: list[Response] = []
        self._error_paths: set[str] = set()
        page.on('console', self._on_console)
        page.on('pageerror', lambda error: self.console_errors.append(f'uncaught: {error}'))
        page.on('response', self._on_response)

    def _on_response(self, response: Response) -> None:
        self.responses.append(response)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != 'error':
            return
        # Chromium logs every 4xx/5xx document it loads; an error page we asked for is not a fault.
        url = message.location.get('url', '')
        if message.text.startswith('Failed to load resource') and urlsplit(url).path in self._error_paths:
            return
        self.console_errors.append(f'{message.text} ({url})')

    def goto(self, path: str, status: int = 200) -> Response:
        """Open `path`, expect `status`, then check the page."""
        self.responses.clear()
        if status >= 400:
            self._error_paths.add(urlsplit(path).path)
        response = self.page.goto(path)
        assert response is not None
        assert response.status == status, f'{path} answered {response.status}, expected {status}'
        self.check()
        return response

    def follow(self, link: Locator, key: str | None = None) -> None:
        """Click `link` (or press `key` on it), wait for the next page, then check it."""
        self.responses.clear()
        with self.page.expect_navigation():
            if key:
                link.press(key)
            else:
                link.click()
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state('load')
        assert_accessible(self.page)
        assert not self.console_errors, 'console errors:\n' + '\n'.join(self.console_errors)

    @property
    def lang(self) -> str | None:
        return self.page.locator('html').get_attribute('lang')

    def focused(self) -> dict:
        """The element that has keyboard focus: its tag, id, class, href and text."""
        return self.page.evaluate(
            '() => { const el = document.activeElement; return {tag: el.tagName.toLowerCase(), id: el.id, '
            'cls: el.className, href: el.getAttribute("href"), text: el.textContent.trim()}; }')
