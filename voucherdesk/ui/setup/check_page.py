"""Setup wizard, last step: the test call, off the GUI thread, then the keyring.

The page says plainly what happened: connected and stored, or why not and what to do.
On any failure nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizardPage

from voucherdesk.placeholders import fill
from voucherdesk.setup_check import SetupFailed, SetupProblem, SetupSucceeded, classify
from voucherdesk.ui.common import formatting
from voucherdesk.ui.common.tasks import TaskRunner

SetupJob = Callable[[], SetupSucceeded]


class CheckPage(QWizardPage):
    """Runs a fresh job from the wizard's ``make_setup_job()`` on entering and on retry."""

    succeeded = Signal(object)  # SetupSucceeded
    failed = Signal(object)  # SetupFailed

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._attempt = 0
        self._done: SetupSucceeded | None = None
        self._failure: SetupFailed | None = None
        layout = QVBoxLayout(self)
        self._status = QLabel(wordWrap=True)
        self._status.setObjectName("status")
        self._status.setMinimumHeight(96)
        layout.addWidget(self._status)
        self._busy = QProgressBar(self)
        self._busy.setRange(0, 0)  # busy indicator: the call's length is unknown
        self._busy.setTextVisible(False)
        layout.addWidget(self._busy)
        self._again = QPushButton(self)
        self._again.setObjectName("try_again")
        self._again.clicked.connect(self.start)
        layout.addWidget(self._again, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.setFinalPage(True)
        self._retranslate()

    @property
    def result(self) -> SetupSucceeded | None:
        return self._done

    @property
    def failure(self) -> SetupFailed | None:
        return self._failure

    def status_text(self) -> str:
        return self._status.text()

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Test and save"))
        self._again.setText(self.tr("Try again"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def initializePage(self) -> None:  # noqa: N802 (Qt API)
        self.start()

    def cleanupPage(self) -> None:  # noqa: N802 (Qt API)
        self._attempt += 1  # going back: an answer still on its way is no longer wanted
        self._done = self._failure = None

    def start(self) -> None:
        # Asked of the wizard each time rather than stored: a stored bound method would tie
        # page and wizard in a reference cycle, and Python's cycle collector could then delete
        # the wizard at any moment, even in the middle of a Qt call.
        wizard = self.wizard()
        make_job: Callable[[], SetupJob] | None = getattr(wizard, "make_setup_job", None)
        if make_job is None:
            return
        job = make_job()
        self._attempt += 1
        attempt = self._attempt
        self._done = self._failure = None
        self._show_state()
        self.completeChanged.emit()
        self._runner.run(
            job,
            on_done=lambda result: self._finished(attempt, result, None),
            on_error=lambda error: self._finished(attempt, None, error),
        )

    def _finished(
        self, attempt: int, result: SetupSucceeded | None, error: BaseException | None
    ) -> None:
        if attempt != self._attempt:
            return  # the clerk went back or tried again meanwhile
        if error is not None:
            self._failure = classify(error)
            self._show_state()
            self.failed.emit(self._failure)
        else:
            self._done = result
            self._show_state()
            self.succeeded.emit(result)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        return self._done is not None

    def _show_state(self) -> None:
        running = self._done is None and self._failure is None
        self._busy.setVisible(running)
        self._again.setVisible(self._failure is not None)
        if self._done is not None:
            self._status.setText(self._success_words(self._done))
        elif self._failure is not None:
            self._status.setText(self.problem_words(self._failure))
        else:
            self._status.setText(self.tr("Testing the connection to bookingkit…"))

    def _success_words(self, done: SetupSucceeded) -> str:
        """Where the counter is connected and as whom: the clerk checks both at a glance."""
        where = {
            "production": self.tr("bookingkit"),
            "sandbox": self.tr("bookingkit's sandbox"),
        }.get(done.environment, self.tr("the server you entered"))
        vendors = ", ".join(done.vendors) or self.tr("an account without a vendor name")
        return fill(
            self.tr(
                "Connected to {where} as {vendors}. The credentials are stored in the operating "
                "system's keyring. Click “Start redeeming” to begin."
            ),
            where=where,
            vendors=vendors,
        )

    def problem_words(self, failed: SetupFailed) -> str:
        """The one place that turns a setup problem into words for the clerk."""
        nothing = self.tr("Nothing was stored.")
        problem = failed.problem
        if problem is SetupProblem.WRONG_CREDENTIALS:
            text = self.tr(
                "bookingkit refused this client id or client secret. Copy both again from "
                "bookingkit and try again."
            )
        elif problem is SetupProblem.OFFLINE:
            text = self.tr(
                "bookingkit could not be reached. Check the network connection (and the "
                "address, if you entered one), then try again."
            )
        elif problem is SetupProblem.TOKEN_HELD:
            if failed.busy_until is not None:
                until = formatting.date_time(failed.busy_until)
            else:
                until = self.tr("an hour from now")
            text = fill(
                self.tr(
                    "The credentials are right, but another counter or program using the same API "
                    "client holds bookingkit's only access token until {until} at the latest. Try "
                    "again after that, or give this counter its own API client."
                ),
                until=until,
            )
        elif problem is SetupProblem.QUOTA:
            text = self.tr(
                "This bookingkit account has used up its monthly number of API requests. It "
                "starts again on the 1st of next month; bookingkit support can raise it."
            )
        elif problem is SetupProblem.NO_PERMISSION:
            text = self.tr(
                "The credentials are right, but this API client may not read the data "
                "VoucherDesk needs. In bookingkit, give it the scopes for calendar and orders."
            )
        elif problem is SetupProblem.SERVER:
            text = self.tr("bookingkit has a problem right now. Try again in a few minutes.")
        elif problem is SetupProblem.UNREADABLE:
            text = self.tr(
                "This address answered, but not like bookingkit's API. Check the address."
            )
        elif problem is SetupProblem.NO_KEYRING:
            text = self.tr(
                "There is no usable keyring of the operating system, and VoucherDesk stores "
                "credentials nowhere else. On Windows use the Credential Manager, on macOS the "
                "Keychain; on Linux start GNOME Keyring or KWallet in your desktop session, "
                "then try again."
            )
        else:
            text = self.tr(
                "The test failed unexpectedly. Try again; if it keeps failing, see the log file."
            )
        return text + " " + nothing
