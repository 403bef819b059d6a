"""The counter window: composes the parts, menus and shortcuts, and shows the flow's state.

No business logic here: clerk actions go to the controller, states come back from it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
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
from voucherdesk.desk.outcomes import OutcomeKind
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.sound import SoundName, SoundPlayer
from voucherdesk.ui.common.widgets import laid_out_once
from voucherdesk.ui.counter.booking_panel import BookingPanel
from voucherdesk.ui.counter.controller import CounterController
from voucherdesk.ui.counter.demo_banner import DemoBanner
from voucherdesk.ui.counter.lock_guard import LockGuard
from voucherdesk.ui.counter.lock_screen import LockScreen
from voucherdesk.ui.counter.result_view import ResultView
from voucherdesk.ui.counter.status_strip import StatusStrip
from voucherdesk.ui.counter.voucher_card import VoucherCard

_SOUNDS: dict[str, SoundName] = {"ok": "success", "warning": "warning", "error": "error"}
PAGE_IDLE, PAGE_CARD, PAGE_RESULT = range(3)


class MainWindow(QMainWindow):
    setup_requested = Signal()
    settings_requested = Signal()
    history_requested = Signal()
    report_requested = Signal()
    slip_requested = Signal(object)  # the DONE RedemptionOutcome on screen
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
        self.resize(1180, 760)
        self.controller = controller
        self._sound = sound
        self.result_delay_s = result_delay_s
        self._last_result: ResultShown | None = None

        self.demo_banner = DemoBanner()
        self.demo_banner.hide()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_idle_page())
        self.card = VoucherCard()
        self.booking = BookingPanel()
        self.side_note = QLabel()
        self.side_note.setProperty("role", "heading")
        self.side_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.side_note.setWordWrap(True)
        self.side = QStackedWidget()
        self.side.addWidget(self.booking)
        self.side.addWidget(self.side_note)
        card_page = QWidget()
        self._card_row = QHBoxLayout(card_page)
        self._card_row.addWidget(self.card, 2)
        self._card_row.addWidget(self.side, 5)
        self.pages.addWidget(card_page)
        self.result = ResultView()
        self.pages.addWidget(self.result)

        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.demo_banner)
        column.addWidget(self.pages, 1)
        self.lock_screen = LockScreen()
        shell = QStackedWidget()  # the lock screen covers everything but the status strip
        shell.addWidget(central)
        shell.addWidget(self.lock_screen)
        self.setCentralWidget(shell)
        self.status = StatusStrip()
        self.statusBar().addPermanentWidget(self.status, 1)
        self.statusBar().setSizeGripEnabled(False)
        self._build_menus()
        self.lock = LockGuard(self, controller, shell, self.lock_screen, self.lock_action)
        self._connect()
        self.show_state(Idle())

    # -- construction ---------------------------------------------------------------------

    def _build_idle_page(self) -> QWidget:
        page = QWidget()
        heading = QLabel(self.tr("Scan a voucher"))
        heading.setProperty("role", "big")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_note = QLabel(self.tr("…or type its code and press Enter."))
        self.idle_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_entry = QLineEdit()
        self.code_entry.setPlaceholderText(self.tr("Voucher code"))
        self.code_entry.setMaximumWidth(520)
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
        layout.addLayout(entry_row)
        layout.addStretch(3)
        return page

    def _build_menus(self) -> None:
        counter = self.menuBar().addMenu(self.tr("&Counter"))
        self.history_action = QAction(self.tr("&History…"), self)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.history_requested)
        self.refresh_action = QAction(self.tr("&Refresh places"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.controller.refresh_dates)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.report_action = QAction(self.tr("End-of-shift re&port…"), self)
        self.report_action.setShortcut(QKeySequence("Ctrl+R"))
        self.report_action.triggered.connect(self.report_requested)
        self.lock_action = QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self._lock_now)
        counter.addActions([self.history_action, self.report_action, self.refresh_action])
        counter.addSeparator()
        counter.addAction(self.lock_action)
        counter.addAction(quit_action)
        tools = self.menuBar().addMenu(self.tr("&Setup"))
        self.setup_action = QAction(self.tr("bookingkit &access…"), self)
        self.setup_action.triggered.connect(self.setup_requested)
        self.settings_action = QAction(self.tr("&Settings…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.settings_requested)
        tools.addActions([self.setup_action, self.settings_action])
        back = QAction(self)
        back.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        back.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        back.triggered.connect(self.controller.back)
        self.addAction(back)

    def _connect(self) -> None:
        c = self.controller
        c.state_changed.connect(self.show_state)
        c.events_loaded.connect(self.booking.set_events)
        c.accepting_changed.connect(self._on_accepting)
        c.checking_again.connect(self.result.set_checking_again)
        c.notice.connect(self.status.show_message)
        c.scan_refused.connect(self._scan_refused)
        self.code_entry.returnPressed.connect(self._typed_code)
        self.check_button.clicked.connect(self._typed_code)
        self.card.suggestion_chosen.connect(c.scan)
        self.card.cancel_requested.connect(c.cancel_wait)
        self.booking.event_chosen.connect(c.pick_event)
        self.booking.date_chosen.connect(c.pick_date)
        self.booking.participants_changed.connect(c.set_participants)
        self.booking.refresh_dates_requested.connect(c.refresh_dates)
        self.booking.confirm_requested.connect(c.confirm)
        self.booking.back_requested.connect(c.back)
        self.result.check_again_requested.connect(c.check_again)
        self.result.done_requested.connect(c.back)
        self.result.print_requested.connect(self._slip_requested)
        self.demo_banner.setup_requested.connect(self.setup_requested)

    # -- scanning -------------------------------------------------------------------------

    def on_scan(self, raw: str) -> None:
        """A scanner burst from anywhere: close menus and dialogs, then start the new ticket."""
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QDialog) and not modal.property("keepOnScan"):
            modal.reject()
        self.activateWindow()
        self.code_entry.clear()  # half-typed text is replaced by the scan, not left behind
        self.controller.scan(raw)

    def _lock_now(self) -> None:
        self.lock.lock_now()

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

    # -- rendering ------------------------------------------------------------------------

    def show_state(self, state: State) -> None:
        if isinstance(state, Idle):
            self.pages.setCurrentIndex(PAGE_IDLE)
            self.code_entry.setFocus()
            self._last_result = None
        elif isinstance(state, Checking):
            self.card.show_checking(state.raw)
            self._side_note("")
            self.pages.setCurrentIndex(PAGE_CARD)
        elif isinstance(state, CheckFailed):
            self.card.show_failed(state.raw, state.error)
            self._side_note(self.card.next_step.text())
            self.pages.setCurrentIndex(PAGE_CARD)
        elif isinstance(state, CardShown):
            self.card.show_check(state.check)
            self._side_note(self.card.next_step.text())
            self.pages.setCurrentIndex(PAGE_CARD)
        elif isinstance(state, Booking):
            if self.pages.currentIndex() != PAGE_CARD or self.side.currentIndex() != 0:
                with laid_out_once(self.pages):  # card and panel change: one layout, not ten
                    self.card.show_check(state.check)
                    self.side.setCurrentIndex(0)
                    self.pages.setCurrentIndex(PAGE_CARD)
                    self._card_row.setStretch(0, 2)
                    self._card_row.setStretch(1, 5)
                    self.booking.show_booking(state)
                self.booking.focus_first_choice()
            else:
                self.booking.show_booking(state)
        elif isinstance(state, Redeeming):
            quote = state.quote
            self._side_note(
                "\n".join(
                    (
                        self.tr("Booking in bookingkit…"),
                        f"{quote.event_title} · {formatting.slot(quote.starts_at)}",
                        formatting.money(quote.total),
                    )
                )
            )
        elif isinstance(state, ResultShown):
            self._show_result(state)

    def _side_note(self, text: str) -> None:
        self.side_note.setText(text)
        focus = QApplication.focusWidget()
        if focus is not None and self.booking.isAncestorOf(focus):
            # Let go of the focus first: a focused widget that is hidden hands it on to the
            # next one in the whole window's chain, which costs a layout of its own.
            focus.clearFocus()
        self.side.setCurrentIndex(1)
        self._card_row.setStretch(0, 1)  # without a booking panel the card gets more room
        self._card_row.setStretch(1, 1)

    def _show_result(self, state: ResultShown) -> None:
        first_time = self._last_result is None or self._last_result.ticket != state.ticket
        changed = self._last_result is not state
        self._last_result = state
        key = self.result.show_result(state, delay_s=self.result_delay_s)
        self.pages.setCurrentIndex(PAGE_RESULT)
        if self._sound is not None and (first_time or changed):
            self._sound.play(_SOUNDS.get(key, "warning"))

    def _slip_requested(self) -> None:
        shown = self._last_result
        outcome = shown.outcome if shown is not None else None
        if outcome is not None and outcome.kind == OutcomeKind.DONE:
            self.controller.hold_result()  # the result stays while the clerk prints
            self.slip_requested.emit(outcome)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.closing.emit()
        super().closeEvent(event)
