"""Builds the running app's services once, for the GUI and the CLI alike.

Services are passed on through constructors from here, never reached through a global. Demo
mode starts the bookingkit stand-in in-process with seeded data and keeps credentials in memory,
so it never touches the real keyring or the real counter's journal.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from voucherdesk.bookingkit.auth import Credentials, MemoryTokenStore, TokenStore
from voucherdesk.bookingkit.client import BookingkitClient, CallRecord
from voucherdesk.bookingkit.environments import Environment, environment_named
from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.codes import ScanRules
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import Journal
from voucherdesk.desk.pass_index import PassIndex
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.logs import register_secret
from voucherdesk.paths import AppPaths, app_paths
from voucherdesk.settings import (
    LoadedSettings,
    Settings,
    SettingsChange,
    load_settings,
    save_settings,
)

if TYPE_CHECKING:
    from voucherdesk.standin import StandinServer


class NotConfigured(Exception):
    """No bookingkit credentials are stored for the configured environment."""


def scan_rules(settings: Settings) -> ScanRules:
    return settings.scan.rules()


def configured_environment(settings: Settings) -> Environment:
    return environment_named(settings.environment, settings.custom_url)


@dataclass
class AppContext:
    settings: Settings
    paths: AppPaths
    environment: Environment
    client: BookingkitClient
    desk: Desk
    counter: RequestCounter
    demo: bool
    settings_file: Path  # where the counter's settings live: the real file, also in demo mode
    settings_problem: str | None = None
    standin: StandinServer | None = None
    _cleanup: list[Callable[[], None]] = field(default_factory=list)

    def save_settings(self) -> None:
        if not self.demo:
            save_settings(self.settings, self.settings_file)

    def stored_settings(self) -> Settings:
        """The counter's own settings: in demo mode the real file's, not the demo's copy."""
        if self.demo:
            return load_settings(self.settings_file).settings
        return self.settings

    def change_settings(self, after: Settings) -> SettingsChange:
        """Store the clerk's new settings and take over what can change while running. The
        caller rebuilds the services (``reconnect``) or the window (``restyle``) when asked."""
        change = SettingsChange(self.stored_settings(), after)
        save_settings(after, self.settings_file)
        self.settings = after if not self.demo else change.live_part(self.settings)
        self.desk.rules = scan_rules(self.settings)
        return change

    def remember(self, **fields: object) -> None:
        """Keep a few fields (the window's place, a learned scanner pace) in the stored file,
        also in demo mode; a damaged file is left to the next full save."""
        loaded = (
            LoadedSettings(self.settings) if not self.demo else load_settings(self.settings_file)
        )
        if loaded.problem is not None:
            return
        stored = loaded.settings.model_copy(update=fields)
        if not self.demo:
            self.settings = stored
        save_settings(stored, self.settings_file)

    def close(self) -> None:
        self.client.close()
        for step in reversed(self._cleanup):
            step()
        self._cleanup.clear()


def _build(
    settings: Settings,
    paths: AppPaths,
    environment: Environment,
    credentials: Credentials,
    token_store: TokenStore,
    *,
    demo: bool,
    observer: Callable[[CallRecord], None] | None,
    settings_file: Path,
    writer: bool = True,
) -> AppContext:
    register_secret(credentials.client_secret)  # masked in every later log line
    paths.ensure()
    counter = RequestCounter(paths.usage_file)
    client = BookingkitClient(
        environment,
        credentials,
        token_store=token_store,
        counter=counter,
        timeout=settings.request_timeout_s,
        observer=observer,
    )
    desk = Desk(
        client,
        VoucherIndex(paths.index_file),
        Journal(paths.journal_file, writer=writer),
        rules=scan_rules(settings),
        currency=settings.currency,
        counter_id=settings.counter_id,
        top_up_method=settings.top_up_method,
        order_language=settings.order_language,
        passes=PassIndex(paths.pass_index_file),
    )
    return AppContext(
        settings, paths, environment, client, desk, counter, demo, settings_file=settings_file
    )


def open_demo(
    *, observer: Callable[[CallRecord], None] | None = None, settings: Settings | None = None
) -> AppContext:
    """The stand-in with seeded data, in-process, with in-memory credentials and a temp home."""
    from voucherdesk.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer

    server = StandinServer(seed="demo").start()
    home = Path(tempfile.mkdtemp(prefix="voucherdesk-demo-"))
    settings_file = app_paths().settings_file
    base = settings or load_settings(settings_file).settings
    demo_settings = base.model_copy(update={"currency": "EUR", "counter_id": "demo"})
    try:
        context = _build(
            demo_settings,
            AppPaths(home / "config", home / "data"),
            Environment("demo", server.base_url),
            Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            MemoryTokenStore(),
            demo=True,
            observer=observer,
            settings_file=settings_file,
        )
    except BaseException:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
        raise
    context.standin = server
    context._cleanup.append(lambda: shutil.rmtree(home, ignore_errors=True))
    context._cleanup.append(server.stop)
    return context


def open_configured(
    *, observer: Callable[[CallRecord], None] | None = None, writer: bool = True
) -> AppContext:
    """The real counter: settings from disk, credentials and token from the OS keyring.

    ``writer``: take the journal for this process (the window, and CLI commands that write);
    raises JournalUnavailable (IN_USE) while another process has it. Raises NotConfigured when
    no credentials are stored, KeyringUnavailable without a keyring.
    """
    paths = app_paths()
    loaded = load_settings(paths.settings_file)
    try:
        environment = configured_environment(loaded.settings)
    except ValueError as exc:  # a stored custom address that is refused now (http://, user@)
        raise NotConfigured(
            f"The bookingkit address in the settings cannot be used: {exc}. "
            "Run the setup (or `voucherdesk login`) with a valid address."
        ) from None
    store = CredentialStore(environment)
    credentials = store.load()
    if credentials is None:
        raise NotConfigured(
            f"No bookingkit credentials are stored for {environment.name}. "
            "Run the setup (or `voucherdesk login`) first."
        )
    context = _build(
        loaded.settings,
        paths,
        environment,
        credentials,
        store.token_store(credentials.client_id),
        demo=False,
        observer=observer,
        settings_file=paths.settings_file,
        writer=writer,
    )
    context.settings_problem = loaded.problem
    return context
