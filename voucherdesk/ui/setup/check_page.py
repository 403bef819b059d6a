"""Setup wizard, last step: the test call, off the GUI thread, then the keyring.

The page says plainly what happened: connected and stored, or why not and what to do.
On any failure nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizardPage

from voucherdesk.setup_check import SetupFailed, SetupSucceeded, classify
from voucherdesk.ui import wording

if TYPE_CHECKING:
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
        return (
            wording.connected(done.environment, done.vendors)
            + " "
            + self.tr(
                "The credentials are stored in the operating system's keyring. Click “Start "
                "redeeming” to begin."
            )
        )

    def problem_words(self, failed: SetupFailed) -> str:
        return wording.setup_failed(failed)
