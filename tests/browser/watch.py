"""Watching a page as the policy and the network see it: every Content-Security-Policy violation
(in every frame: the offline search runs its worker in an iframe) from the
`securitypolicyviolation` event, the policy's console messages as a second witness, dialogs, and
every request to anywhere but the addresses allowed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import BrowserContext, ConsoleMessage, Dialog, Page, Request

WATCH = """
(() => {
  const record = (event) => {
    const line = `${event.violatedDirective} ${event.blockedURI} ${event.sample || ""}`;
    try { (window.top.__violations = window.top.__violations || []).push(line); }
    catch (error) { (window.__violations = window.__violations || []).push(line); }
  };
  document.addEventListener("securitypolicyviolation", record, true);
})();
"""


@dataclass
class Watched:
    """A context whose pages report policy violations (in every frame), the policy's console
    messages, dialogs, and every request to anywhere but `local` (address prefixes: the site's
    own, file: …; data:, blob: and about: never leave the machine)."""

    context: BrowserContext
    local: tuple[str, ...]
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.context.on("request", self._request)

    def _request(self, request: Request) -> None:
        if not request.url.startswith(self.local):
            self.requests.append(request.url)

    def page(self) -> Page:
        page = self.context.new_page()
        page.on("console", self._console)
        page.on("dialog", self._dialog)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.console.append(message.text)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__violations || []")


def page_names(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.glob("*.html"))
