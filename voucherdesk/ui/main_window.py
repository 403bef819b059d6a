"""The counter window: composes the parts, menus and shortcuts, and shows the flow's state.

No business logic here: clerk actions go to the controller, states come back from it. The type
of everything inside grows with the window (``ui/common/scaling.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from voucherdesk.desk.flow import (
    Booking,
    CardShown,
    CheckFailed,
    Checking,
    Idle,
    Redeeming,
    ResultShown,
    State,
)
from voucherdesk.desk.kind_flow import PassBooking, TicketBooking
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.ui import wording
from voucherdesk.ui.camera.panel import CameraDock
from voucherdesk.ui.common.first_paint import after_first_paint
from voucherdesk.ui.common.scaling import WindowScaler
from voucherdesk.ui.common.widgets import PageStack, laid_out_once, size_by_current_page
from voucherdesk.ui.counter.admin_gate import AdminGate
from voucherdesk.ui.counter.alarm_banner import AlarmBanner
from voucherdesk.ui.counter.demo_banner import DemoBanner
from voucherdesk.ui.counter.lock_guard import LockGuard
from voucherdesk.ui.counter.lock_screen import LockScreen
from voucherdesk.ui.counter.status_strip import StatusStrip

# The screens after a scan are built after the first paint (ui/counter/screens.py).
if TYPE_CHECKING:
    from collections.abc import Callable

    from voucherdesk.bookingkit.models import Event
    from voucherdesk.desk.journal import JournalEntry
    from voucherdesk.desk.staff import Staff
    from voucherdesk.money import Money
    from voucherdesk.ui.common.sound import SoundName, SoundPlayer
    from voucherdesk.ui.counter.booking_panel import BookingPanel
    from voucherdesk.ui.counter.controller import CounterController
    from voucherdesk.ui.counter.next_step_panel import NextStepPanel
    from voucherdesk.ui.counter.pass_panel import PassPanel
    from voucherdesk.ui.counter.redeeming_view import RedeemingView
    from voucherdesk.ui.counter.refusal_view import RefusalView
    from voucherdesk.ui.counter.result_view import ResultView
    from voucherdesk.ui.counter.screens import CounterScreens
    from voucherdesk.ui.counter.ticket_panel import TicketPanel
    from voucherdesk.ui.counter.voucher_card import VoucherCard

_SOUNDS: dict[str, SoundName] = {
    "ok": "success",
    "top_up": "success",
    "warning": "warning",
    "error": "error",
}
PAGE_IDLE, PAGE_CARD, PAGE_RESULT, PAGE_REFUSAL = range(4)
# The side stack's pages, in the order ui/counter/screens.py adds them.
SIDE_BOOKING, SIDE_NEXT_STEP, SIDE_REDEEMING, SIDE_TICKET, SIDE_PASS = range(5)
_WIDE_SIDES = (SIDE_BOOKING, SIDE_TICKET, SIDE_PASS)  # the choices need the room
# The states whose drawing leaves the card showing their own scan.
_CARD_STATES = (Checking, CheckFailed, CardShown, Booking, TicketBooking, PassBooking)


class MainWindow(QMainWindow):
    setup_requested = Signal()
    settings_requested = Signal()
    history_requested = Signal()
    report_requested = Signal()
    clerks_requested = Signal()  # an admin manages the clerks (asked through ``admin``)
    slip_requested = Signal(object)  # the DONE RedemptionOutcome on screen
    # Another customer's screen (a new scan, or back to scanning): keys a keyboard filter
    # still holds back for the last one must not reach it (ScanCapture.screen_replaced).
    screen_replaced = Signal()
    closing = Signal()

    def __init__(
        self,
        controller: CounterController,
        *,
        sound: SoundPlayer | None = None,
        result_delay_s: int = 6,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("VoucherDesk"))
        self.resize(1366, 768)
        self.controller = controller
        self._sound = sound
        self.result_delay_s = result_delay_s
        self._last_result: ResultShown | None = None
        self._card_ticket: int | None = None  # the scan whose card is drawn
        self._drawn_ticket: int | None = None  # the scan of the state last drawn
        self._covered = False  # one of the window's own dialogs is in front of it
        # Tests answer "close with a top-up owed?" instead of a person (None: a message box).
        self.confirm_close: Callable[[str], bool] | None = None
        self._owed_left: list[Money] | None = None  # the top-ups the clerk chose to leave
        self._preparing_result = False

        self.demo_banner = DemoBanner()
        self.demo_banner.hide()
        self.alarm_banner = AlarmBanner()
        self.pages = PageStack()
        self.pages.addWidget(self._build_idle_page())
        self._screens: CounterScreens | None = None  # the rest of the pages, see screens
        self._screens_due = False  # their build is queued behind the first paint

        counter = QWidget()
        column = QVBoxLayout(counter)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.alarm_banner)
        column.addWidget(self.pages, 1)
        self.lock_screen = LockScreen()
        # the lock screen covers everything but the status strip
        self.shell = shell = PageStack()
        shell.addWidget(counter)
        shell.addWidget(self.lock_screen)
        self.status = StatusStrip()
        root = QWidget()
        outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(shell, 1)
        outer.addWidget(self.status)
        self.setCentralWidget(root)
        self.scaler = WindowScaler(root)
        self.camera = CameraDock(self)  # hidden until the camera is switched on
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.camera)
        self._build_menus()
        self.lock = LockGuard(self, controller, shell, self.lock_screen, self.lock_action)
        self.admin = AdminGate(self, policy=self.lock_screen.policy, runner=controller.runner)
        self.clerk_label = QLabel()
        self.clerk_label.setObjectName("clerk_label")
        self.clerk_label.setProperty("role", "muted")
        self.menuBar().setCornerWidget(self.clerk_label)
        self.clerk_label.hide()
        self.lock.clerk_changed.connect(self._clerk_changed)
        self.lock.locked_changed.connect(self.camera.cover)
        self._connect()
        self.show_state(Idle())

    # -- construction ---------------------------------------------------------------------

    def _build_idle_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(self.tr("Scan a voucher"))
        heading.setProperty("role", "big")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_note = QLabel(self.tr("…or type its code and press Enter."))
        self.idle_note.setProperty("role", "heading")
        self.idle_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_note.setWordWrap(True)
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(self.tr("Voucher code"))
        self.code_entry.setProperty("role", "code")
        self.check_button = QPushButton(self.tr("Check"))
        entry_row = QHBoxLayout()
        entry_row.addStretch(1)
        entry_row.addWidget(self.code_entry, 3)
        entry_row.addWidget(self.check_button)
        entry_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(2)
        layout.addWidget(heading)
        layout.addWidget(self.idle_note)
        layout.addSpacing(16)
        layout.addLayout(entry_row)
        layout.addStretch(3)
        return page

    def _build_menus(self) -> None:
        # No "&" mnemonics: Alt+letter would be one more way for a stray key to reach the
        # window, and the shortcuts below are what clerks use.
        counter = self.menuBar().addMenu(self.tr("Counter"))
        self.history_action = QAction(self.tr("History…"), self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.history_requested)
        self.refresh_action = QAction(self.tr("Refresh places"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.controller.refresh_dates)
        quit_action = self.quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self._quit)
        self.report_action = QAction(self.tr("End-of-shift report…"), self)
        self.report_action.setShortcut(QKeySequence("Ctrl+R"))
        self.report_action.triggered.connect(self.report_requested)
        self.lock_action = QAction(self.tr("Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self._lock_now)
        counter.addActions([self.history_action, self.report_action, self.refresh_action])
        counter.addAction(self.camera.switch)
        counter.addSeparator()
        self.switch_action = QAction(self.tr("Switch clerk…"), self)
        self.switch_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.switch_action.triggered.connect(self._switch_clerk)
        self.switch_action.setVisible(False)  # only with clerks set up
        counter.addAction(self.switch_action)
        counter.addAction(self.lock_action)
        counter.addAction(quit_action)
        tools = self.menuBar().addMenu(self.tr("Setup"))
        self.setup_action = QAction(self.tr("bookingkit access…"), self)
        self.setup_action.triggered.connect(self._setup_asked)
        self.settings_action = QAction(self.tr("Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self._settings_asked)
        self.clerks_action = QAction(self.tr("Clerks and kiosk mode…"), self)
        self.clerks_action.triggered.connect(self._clerks_asked)
        tools.addActions([self.setup_action, self.settings_action, self.clerks_action])
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        back.triggered.connect(self._back)
        self.addAction(back)

    def _connect(self) -> None:
        c = self.controller
        c.state_changed.connect(self.show_state)
        c.scan_started.connect(self._let_go_of_keys)
        c.events_loaded.connect(self._events_loaded)
        c.accepting_changed.connect(self._on_accepting)
        c.checking_again.connect(self._checking_again)
        c.notice.connect(self.status.show_message)
        c.scan_refused.connect(self._scan_refused)
        c.alarms_changed.connect(self._alarms_changed)
        c.acknowledged.connect(self._acknowledged)
        self.code_entry.returnPressed.connect(self._typed_code)
        self.check_button.clicked.connect(self._typed_code)
        self.alarm_banner.acknowledge_requested.connect(self.ask_acknowledge)
        self.demo_banner.setup_requested.connect(self._setup_asked)

    # -- the screens after a scan -----------------------------------------------------------

    def _build_screens(self) -> CounterScreens:
        """The card, its side panels, the result and the refusal: made once, on first use or
        right after the first paint (whichever comes first), and wired to the controller."""
        if self._screens is not None:
            return self._screens
        from voucherdesk.ui.counter.screens import CounterScreens

        screens = CounterScreens()
        self._screens = screens
        for page in (screens.card_page, screens.result, screens.refusal):
            self.pages.addWidget(page)  # PAGE_CARD, PAGE_RESULT, PAGE_REFUSAL
        size_by_current_page(self.pages)
        events = self.controller.events  # loaded before these were built
        screens.booking.set_events(events)
        screens.pass_panel.set_events(events)
        self._connect_screens(screens)
        return screens

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if self._screens is None and not self._screens_due:
            self._screens_due = True
            # Once this paint has reached the screen; with the window as the context, Qt
            # drops the call when the window is gone first.
            QTimer.singleShot(0, self, self._prepare_screens)

    def _prepare_screens(self) -> None:
        self._build_screens()

    def _connect_screens(self, screens: CounterScreens) -> None:
        c = self.controller
        screens.card.suggestion_chosen.connect(c.scan)
        screens.card.cancel_requested.connect(c.cancel_wait)
        screens.refusal.suggestion_chosen.connect(c.scan)
        screens.refusal.back_requested.connect(c.back)
        booking = screens.booking
        booking.event_chosen.connect(c.pick_event)
        booking.date_chosen.connect(c.pick_date)
        booking.participants_changed.connect(c.set_participants)
        booking.add_ons_changed.connect(c.set_add_ons)
        booking.details_changed.connect(c.set_details)
        booking.refresh_dates_requested.connect(c.refresh_dates)
        booking.confirm_requested.connect(c.confirm)
        booking.back_requested.connect(c.back)
        ticket = screens.ticket_panel
        ticket.strategy_chosen.connect(c.choose_strategy)
        ticket.date_chosen.connect(c.pick_date)
        ticket.refresh_dates_requested.connect(c.refresh_dates)
        ticket.confirm_requested.connect(c.confirm)
        ticket.back_requested.connect(c.back)
        passes = screens.pass_panel
        passes.event_chosen.connect(c.pick_event)
        passes.date_chosen.connect(c.pick_date)
        passes.entries_changed.connect(c.set_entries)
        passes.refresh_dates_requested.connect(c.refresh_dates)
        passes.confirm_requested.connect(c.confirm)
        passes.back_requested.connect(c.back)
        screens.next_step.go_on_requested.connect(c.go_on_booking)
        screens.next_step.back_requested.connect(c.back)
        screens.redeeming.stop_requested.connect(c.stop_waiting)
        result = screens.result
        result.check_again_requested.connect(c.check_again)
        result.done_requested.connect(c.back)
        result.top_up_taken_requested.connect(c.take_top_up)
        result.top_up_left_requested.connect(c.leave_top_up)
        result.print_requested.connect(self._slip_requested)
        result.acknowledge_requested.connect(self.ask_acknowledge)

    def _events_loaded(self, events: list[Event]) -> None:
        if self._screens is not None:  # else they get them when built
            self._screens.booking.set_events(events)
            self._screens.pass_panel.set_events(events)

    def _checking_again(self, checking: bool) -> None:
        if self._screens is not None:  # only a result on screen is checked again
            self._screens.result.set_checking_again(checking)

    @property
    def card(self) -> VoucherCard:
        return self._build_screens().card

    @property
    def booking(self) -> BookingPanel:
        return self._build_screens().booking

    @property
    def next_step(self) -> NextStepPanel:
        return self._build_screens().next_step

    @property
    def redeeming(self) -> RedeemingView:
        return self._build_screens().redeeming

    @property
    def ticket_panel(self) -> TicketPanel:
        return self._build_screens().ticket_panel

    @property
    def pass_panel(self) -> PassPanel:
        return self._build_screens().pass_panel

    @property
    def side(self) -> PageStack:
        return self._build_screens().side

    @property
    def result(self) -> ResultView:
        return self._build_screens().result

    @property
    def refusal(self) -> RefusalView:
        return self._build_screens().refusal

    # -- scanning -------------------------------------------------------------------------

    def on_scan(self, raw: str) -> None:
        """A scanner burst from anywhere: close menus and dialogs, then start the new ticket.
        A scan the counter will refuse (locked, the last customer not done) closes nothing:
        the controller says why, over whatever is open."""
        if self.controller.takes_scans:
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QDialog) and not modal.property("keepOnScan"):
                modal.reject()
            self.activateWindow()
            self.code_entry.clear()  # half-typed text is replaced by the scan, not left behind
        self.controller.scan(raw)

    def _let_go_of_keys(self) -> None:
        """A new scan: keys meant for the last customer's screen go nowhere until this scan's
        screen is drawn (a moment later, once its request has left). A key the capture held
        for a replay would otherwise reach the same widgets holding the next customer's
        booking: its confirm button, its participants."""
        self.screen_replaced.emit()  # and keys already held back never reach it
        focus = QApplication.focusWidget()
        if focus is not None and self.pages.isAncestorOf(focus):
            focus.clearFocus()

    def _lock_now(self) -> None:
        self.lock.lock_now()

    # -- clerks and kiosk mode ------------------------------------------------------------

    def configure_access(
        self, *, pin_hash: str | None, idle_minutes: int, staff: Staff, kiosk: bool
    ) -> None:
        """The PIN lock, the clerks and kiosk mode from the settings."""
        self.admin.configure(kiosk=kiosk, staff=staff, pin_hash=pin_hash)
        self.lock.configure(pin_hash, idle_minutes, staff)
        self.switch_action.setVisible(staff.active)
        self._clerk_changed(self.lock.clerk)

    def _switch_clerk(self) -> None:
        self.lock.switch_clerk()

    def _clerk_changed(self, clerk: str | None) -> None:
        self.clerk_label.setText(wording.signed_in_as(clerk))
        self.clerk_label.setVisible(self.lock.staff.active)

    def _settings_asked(self) -> None:
        self.admin.guard(wording.AdminPurpose.SETTINGS, self.settings_requested.emit)

    def _setup_asked(self) -> None:
        self.admin.guard(wording.AdminPurpose.SETUP, self.setup_requested.emit)

    def _clerks_asked(self) -> None:
        self.admin.require_admin(
            wording.AdminPurpose.CLERKS, self.lock.clerk, self.clerks_requested.emit
        )

    def _back(self) -> None:
        """Esc: one step back; while a slow booking is offered to stop, it stops waiting."""
        if isinstance(self.controller.state, Redeeming) and self.redeeming.offers_stop:
            self.controller.stop_waiting()
        else:
            self.controller.back()

    def _scan_refused(self) -> None:
        if self._sound is not None:
            self._sound.play("warning")

    def _typed_code(self) -> None:
        text = self.code_entry.text()
        if text.strip():
            self.code_entry.clear()
            self.controller.scan(text)

    def _on_accepting(self, accepting: bool) -> None:
        # The code field stays usable while open redemptions are checked at start: a code
        # typed meanwhile is taken, like a scan, as soon as the check is done.
        self.idle_note.setText(
            self.tr("…or type its code and press Enter.")
            if accepting
            else self.tr("Checking open redemptions… scans are taken in a moment.")
        )
        if accepting and isinstance(self.controller.state, Idle):
            self.code_entry.setFocus()

    # -- alarms ---------------------------------------------------------------------------

    def _alarms_changed(self, entries: list[JournalEntry]) -> None:
        self.alarm_banner.show_alarms(entries)
        self._refresh_result()

    def _acknowledged(self, _key: str) -> None:
        self._refresh_result()

    def _refresh_result(self) -> None:
        shown = self._last_result
        if shown is not None and self.pages.currentIndex() == PAGE_RESULT:
            self._render_result(shown)  # an acknowledged alarm is no longer red

    def ask_acknowledge(self, key: str) -> None:
        """Ask for the counter's PIN (when one is set), then acknowledge the alarm ``key``."""
        from voucherdesk.ui.common.acknowledge_dialog import AcknowledgeDialog

        entry = next((e for e in self.controller.alarms if e.key == key), None)
        if entry is None:
            return
        dialog = AcknowledgeDialog(
            entry,
            pin_hash=self.lock.pin_hash,
            policy=self.lock_screen.policy,  # wrong PINs count with the lock screen's
            runner=self.controller.runner,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(self.controller.acknowledge)
        dialog.open()

    # -- rendering ------------------------------------------------------------------------

    def show_state(self, state: State) -> None:
        if state.ticket != self._drawn_ticket:
            self._drawn_ticket = state.ticket
            self.screen_replaced.emit()
        with self.lock.drawn_behind():  # a locked counter's PIN field keeps the keyboard
            self._draw(state)

    def _draw(self, state: State) -> None:
        if not isinstance(state, Redeeming) and self._screens is not None:
            self._screens.redeeming.stop()
        if isinstance(state, Idle):
            self.pages.setCurrentIndex(PAGE_IDLE)
            self.code_entry.setFocus()
            self._last_result = None
        elif isinstance(state, Checking):
            self.card.show_checking(state.raw)
            self._side(SIDE_NEXT_STEP)
            self.next_step.show_step(self.tr("Asking bookingkit about this code…"))
            self.pages.setCurrentIndex(PAGE_CARD)
        elif isinstance(state, CheckFailed):
            self.card.show_failed(state.raw, state.error)
            self.refusal.show_failed(state.raw, state.error)
            self.pages.setCurrentIndex(PAGE_REFUSAL)
        elif isinstance(state, CardShown):
            self.card.show_check(state.check)
            if state.check.verdict.usable:
                self._side(SIDE_NEXT_STEP)
                quote = state.kept.quote if state.kept is not None else None
                kept = (
                    " · ".join((wording.booking_line(quote), wording.booking_figure(quote)))
                    if quote is not None
                    else ""
                )
                self.next_step.show_step(self.card.next_step.text(), can_go_on=True, kept=kept)
                self.pages.setCurrentIndex(PAGE_CARD)
            else:
                self.refusal.show_check(state.check)
                self.pages.setCurrentIndex(PAGE_REFUSAL)
        elif isinstance(state, Booking):
            if self._card_needed(state.ticket, SIDE_BOOKING):
                with laid_out_once(self.pages):  # card and panel change: one layout, not ten
                    self.card.show_check(state.check)
                    self._side(SIDE_BOOKING)
                    self.pages.setCurrentIndex(PAGE_CARD)
                    self.booking.show_booking(state)
                self.booking.focus_first_choice()
            else:
                self.booking.show_booking(state)
        elif isinstance(state, TicketBooking):
            first = self._show_kind_booking(state, SIDE_TICKET)
            self.ticket_panel.show_booking(state)
            if first:
                self.ticket_panel.focus_first_choice()
        elif isinstance(state, PassBooking):
            first = self._show_kind_booking(state, SIDE_PASS)
            self.pass_panel.show_booking(state)
            if first:
                self.pass_panel.focus_first_choice()
        elif isinstance(state, Redeeming):
            if self._card_ticket != state.ticket:  # a window rebuilt while it books
                self.card.show_check(state.check)
                self._card_ticket = state.ticket
            self._side(SIDE_REDEEMING)
            self.redeeming.start(state, self.controller.request_timeout_s)
            self.pages.setCurrentIndex(PAGE_CARD)
            if not self._preparing_result:
                self._preparing_result = True
                after_first_paint(self.redeeming, self._prepare_result)
        elif isinstance(state, ResultShown):
            self._show_result(state)
        if isinstance(state, _CARD_STATES):
            self._card_ticket = state.ticket  # each of them has drawn this scan's card

    def _show_kind_booking(self, state: TicketBooking | PassBooking, side: int) -> bool:
        """An open-date ticket's or a pass's booking: its own panel beside the card. True
        when the panel has just come into view (it then takes the focus)."""
        first = self._card_needed(state.ticket, side)
        if first:
            self.card.show_check(state.check)
            self._side(side)
            self.pages.setCurrentIndex(PAGE_CARD)
        return first

    def _card_needed(self, ticket: int, side: int) -> bool:
        """Whether the card and ``side`` must be drawn for this scan's booking: not yet on
        screen, or on screen for another scan (whose "checking…" was never drawn, as the next
        scan came first)."""
        return (
            self.pages.currentIndex() != PAGE_CARD
            or self.side.currentIndex() != side
            or self._card_ticket != ticket
        )

    def _side(self, index: int) -> None:
        focus = QApplication.focusWidget()
        if index != SIDE_BOOKING and focus is not None and self.booking.isAncestorOf(focus):
            # Let go of the focus first: a focused widget that is hidden hands it on to the
            # next one in the whole window's chain, which costs a layout of its own.
            focus.clearFocus()
        self.side.setCurrentIndex(index)
        booking = index in _WIDE_SIDES  # the choices need the room; else the card
        row = self._build_screens().card_row
        row.setStretch(0, 2 if booking else 1)
        row.setStretch(1, 5 if booking else 1)

    def _prepare_result(self) -> None:
        """The booking's screen is painted and its answer is a round trip or two away: the
        hidden result takes the colours of the outcome expected, so that drawing the result
        costs less when it comes (the real outcome still sets every part of it)."""
        self._preparing_result = False
        state = self.controller.state
        if isinstance(state, Redeeming) and self.pages.currentIndex() != PAGE_RESULT:
            from voucherdesk.ui.counter.result_view import expected_state_key

            self.result.prepare(expected_state_key(state.quote))

    def _show_result(self, state: ResultShown) -> None:
        first_time = self._last_result is None or self._last_result.ticket != state.ticket
        changed = self._last_result is not state
        self._last_result = state
        key = self._render_result(state)
        self.pages.setCurrentIndex(PAGE_RESULT)
        if self._sound is not None and (first_time or changed):
            self._sound.play(_SOUNDS.get(key, "warning"))

    def _render_result(self, state: ResultShown) -> str:
        from voucherdesk.ui.counter.result_view import ALARM_CASES  # built with the screens

        outcome = state.outcome
        alarm_open = (
            outcome is not None
            and outcome.case in ALARM_CASES
            and outcome.key not in self.controller.acknowledged_keys
        )
        return self.result.show_result(state, delay_s=self.result_delay_s, alarm_open=alarm_open)

    def _slip_requested(self) -> None:
        shown = self._last_result
        outcome = shown.outcome if shown is not None else None
        if self.result.collecting:
            return  # the slip says the top-up was paid: only once it has been taken
        if outcome is not None and outcome.kind == OutcomeKind.DONE and outcome.booking_code:
            self.controller.hold_result()  # the result stays while the clerk prints
            self.result.set_held()
            self.slip_requested.emit(outcome)

    def _quit(self) -> None:
        """Quit (Ctrl+Q): with a top-up still to collect, only if the clerk says so."""
        owed = self.controller.top_ups_to_collect()
        if not owed or self._leave_money_owed(owed):
            self.close()

    def _leave_money_owed(self, owed: list[Money]) -> bool:
        """Closing with a top-up still to collect: only if the clerk says so (it was recorded
        in bookingkit as paid; the next start brings it back from the journal)."""
        if owed == self._owed_left:
            return True  # already answered for these (the close went on to a PIN)
        ask = self.confirm_close or self._ask_leave_money
        leave = ask(wording.close_with_top_up(owed))
        self._owed_left = owed if leave else None
        return leave

    def _ask_leave_money(self, question: str) -> bool:
        from voucherdesk.ui.common.questions import ask_yes_no  # rarely needed: not at start

        return ask_yes_no(self, self.tr("Top-up not collected"), question)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() != QEvent.Type.ActivationChange:
            return
        if not self.isActiveWindow():
            # One of the counter's dialogs in front (history, settings, a slip): what comes
            # up behind it is seen only once it closes. Another program: the window stayed
            # in view, and a click that brings it back may well be meant for it.
            active = QApplication.activeWindow()
            self._covered = isinstance(active, QDialog)  # None: another program
        elif self._covered:
            self._covered = False
            self.controller.revealed()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # The clerk's own close (the window's X, the system's): the money first. Quit asks
        # in _quit; a close by the program (a test, the session's end) does not ask.
        # Behind the lock, the PIN comes first (and its close is the program's: no question).
        asks = event.spontaneous() and not self.lock.locked
        owed = self.controller.top_ups_to_collect() if asks else []
        if owed and not self._leave_money_owed(owed):
            event.ignore()
            return
        if not self.admin.may_close():  # kiosk mode: an admin PIN first
            event.ignore()
            return
        if not self.admin.close_confirmed and not self.lock.may_close():  # the PIN first
            event.ignore()
            return
        self.closing.emit()
        super().closeEvent(event)
