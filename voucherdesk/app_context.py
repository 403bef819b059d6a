"""Builds the running app's services once, for the GUI and the CLI alike.

Services are passed on through constructors from here, never reached through a global. Demo
mode starts the bookingkit stand-in in-process with seeded data and keeps credentials in memory,
so it never touches the real keyring or the real counter's journal.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from voucherdesk import logs
from voucherdesk.audit.head import HeadStore, KeyringHeadStore, MemoryHeadStore
from voucherdesk.audit.settings_rows import settings_changed
from voucherdesk.audit.trail import AuditProblem, AuditTrail, trail_at
from voucherdesk.bookingkit.client import BookingkitClient
from voucherdesk.bookingkit.environments import (
    AddressRefused,
    Environment,
    environment_named,
)
from voucherdesk.bookingkit.tokens import Credentials, MemoryTokenStore, TokenStore
from voucherdesk.bookingkit.usage import RequestCounter
from voucherdesk.credentials import CredentialStore
from voucherdesk.desk.desk import Desk
from voucherdesk.desk.journal import Journal
from voucherdesk.desk.pass_index import PassIndex
from voucherdesk.desk.voucher_index import VoucherIndex
from voucherdesk.local_files import FileKind, FileProblem, FileTrouble
from voucherdesk.logs import register_secret
from voucherdesk.not_configured import NotConfigured, NotConfiguredReason
from voucherdesk.paths import AppPaths, app_paths
from voucherdesk.settings import (
    LoadedSettings,
    Settings,
    SettingsChange,
    load_settings,
    save_settings,
)

if TYPE_CHECKING:
    from voucherdesk.bookingkit.calls import CallRecord
    from voucherdesk.desk.codes import ScanRules
    from voucherdesk.standin import StandinServer

log = logging.getLogger(__name__)


DEMO_STANDIN_ENV = "VOUCHERDESK_DEMO_STANDIN"  # demo mode on a stand-in run elsewhere


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
    settings_problem: FileProblem | None = None
    standin: StandinServer | None = None
    # Demo mode because the settings were damaged or lost: the window puts the setup in front.
    needs_setup: bool = False
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
        # Who changed what (names of fields only: the values may be PIN hashes).
        log.info(
            "settings changed by %s: %s",
            self.desk.clerk or "(no clerk)",
            ", ".join(sorted(change.changed)) or "nothing",
        )
        self.settings = after if not self.demo else change.live_part(self.settings)
        self.desk.rules = scan_rules(self.settings)
        if change.changed:
            self.desk.record(settings_changed(change))
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

    def file_problems(self) -> list[FileProblem]:
        """Every local file that could not be used as it was, for the edges to put into words."""
        found = [
            self.settings_problem,
            self.desk.index.problem,
            self.desk.passes.problem,
            self.counter.problem,
            logs.file_problem(),
        ]
        return [problem for problem in found if problem is not None]

    def audit_problem(self) -> AuditProblem | None:
        """Why the audit trail is not kept as it should be (the counter works on)."""
        audit = self.desk.audit
        return audit.problem if audit is not None else None

    def close(self) -> None:
        self.desk.close()
        self.client.close()
        self.desk.journal.close()  # and its process lock: another process may write now
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
    # Demo mode never touches the keyring: its (temporary) trail keeps its head in memory.
    heads: HeadStore = MemoryHeadStore() if demo else KeyringHeadStore(trail_at(paths.data_dir))
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
        audit=AuditTrail(trail_at(paths.data_dir), heads).open(),
    )
    return AppContext(
        settings, paths, environment, client, desk, counter, demo, settings_file=settings_file
    )


def open_demo(
    *,
    observer: Callable[[CallRecord], None] | None = None,
    settings: Settings | None = None,
    standin_url: str | None = None,
    home: Path | None = None,
) -> AppContext:
    """The stand-in with seeded data, in-process, with in-memory credentials and a temp home.

    ``standin_url``: a stand-in already running elsewhere (``voucherdesk standin`` in another
    process: benchmarks and tests that must not share this process with the server); by
    default the one ``VOUCHERDESK_DEMO_STANDIN`` names, if any. ``home``: the caller's folder
    for the journal and files, kept at close (a restart on the same journal); a temp one by
    default, removed at close."""
    standin_url = standin_url or os.environ.get(DEMO_STANDIN_ENV) or None
    if standin_url is not None:
        return _open_demo_at(standin_url, None, observer, settings, home)
    from voucherdesk.standin.server import StandinServer

    server = StandinServer(seed="demo").start()
    return _open_demo_at(server.base_url, server, observer, settings, home)


def _open_demo_at(
    base_url: str,
    server: StandinServer | None,
    observer: Callable[[CallRecord], None] | None,
    settings: Settings | None,
    kept_home: Path | None = None,
) -> AppContext:
    from voucherdesk.standin.seed import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET

    home = kept_home or Path(tempfile.mkdtemp(prefix="voucherdesk-demo-"))
    settings_file = app_paths().settings_file
    loaded = LoadedSettings(settings) if settings is not None else load_settings(settings_file)
    base = loaded.settings
    demo_settings = base.model_copy(update={"currency": "EUR", "counter_id": "demo"})
    try:
        context = _build(
            demo_settings,
            AppPaths(home / "config", home / "data"),
            Environment("demo", base_url),
            Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET),
            MemoryTokenStore(),
            demo=True,
            observer=observer,
            settings_file=settings_file,
        )
    except BaseException:
        if server is not None:
            server.stop()
        if kept_home is None:
            shutil.rmtree(home, ignore_errors=True)
        raise
    context.standin = server
    context.settings_problem = loaded.problem
    if kept_home is None:
        context._cleanup.append(lambda: shutil.rmtree(home, ignore_errors=True))
    if server is not None:
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
    _refuse_unknown_settings(loaded, paths)
    try:
        environment = configured_environment(loaded.settings)
    except AddressRefused as refused:  # a stored custom address refused now (http://, user@)
        raise NotConfigured(
            NotConfiguredReason.ADDRESS_REFUSED,
            environment=loaded.settings.environment,
            address_problem=refused.problem,
        ) from None
    store = CredentialStore(environment)
    credentials = store.load()
    if credentials is None:
        raise NotConfigured(NotConfiguredReason.NO_CREDENTIALS, environment=environment.name)
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


def _refuse_unknown_settings(loaded: LoadedSettings, paths: AppPaths) -> None:
    """Settings salvaged from a damaged file, or a counter that has redeemed (its journal is
    there) but lost its settings file, may name the wrong bookingkit: setup first."""
    settings_file = paths.settings_file
    if loaded.needs_setup:
        problem = loaded.problem
        if problem is None:  # salvaged at an earlier start: the file was kept under this name
            kept = loaded.settings.recovered_from
            problem = FileProblem(
                kind=FileKind.SETTINGS,
                trouble=FileTrouble.DAMAGED,
                path=settings_file,
                kept_as=settings_file.with_name(kept) if kept else None,
            )
        raise NotConfigured(NotConfiguredReason.SETTINGS_DAMAGED, settings_problem=problem)
    if not settings_file.exists() and paths.journal_file.exists():
        raise NotConfigured(NotConfiguredReason.SETTINGS_MISSING)
