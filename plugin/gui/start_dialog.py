"""The confirmation before paid work starts (``ui/start_dialog.ui``): what it will cost, the spending limit, then
Start or Cancel.

Both docks ask through :func:`confirm_start` before a job is started, restarted, or tiles are re-run. The dialog
shows the estimate (``core.spending.SpendingEstimate``: tiles, before the batch discount, charged, billed) next to
the connection's spending limit; above the limit *Start* stays disabled until the user raises the limit for this
run. Nothing is started unless the user presses *Start*; the limit they agreed to goes on to the service call,
which checks it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..core.spending import DEFAULT_BATCH_LIMIT_PU, SpendingEstimate, format_pu
from ..services.i18n import tr
from .forms import ERROR_STYLE, load_form

FORM_CLASS, _ = load_form("start_dialog.ui")


@dataclass
class StartSummary:
    """What is known about paid work before it starts."""

    task_id: str
    estimate: Optional[SpendingEstimate] = None
    estimate_error: str = ""
    """Why there is no estimate (then nothing can be started from the dialog)."""
    limit_pu: float = DEFAULT_BATCH_LIMIT_PU
    """The connection's spending limit."""
    spent_pu: float = 0.0
    """What the service reports as spent so far (a restarted job)."""
    question: str = ""
    """The question (default: start processing the job)."""
    start_text: str = ""
    """The text of the button that starts the work (default: Start processing)."""


class StartDialog(QDialog, FORM_CLASS):
    """Asks before processing units are spent; Cancel is the default button."""

    def __init__(self, summary: StartSummary, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setupUi(self)
        self.summary = summary
        self.start_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(summary.start_text or tr("Start processing"))
        self.start_button.setDefault(False)
        self.start_button.setAutoDefault(False)
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._show(summary)
        self.limit_spin.valueChanged.connect(lambda _value: self._check_limit())
        self._check_limit()

    @property
    def limit_pu(self) -> float:
        """The limit the user agreed to for this run."""
        return float(self.limit_spin.value())

    def _show(self, summary: StartSummary) -> None:
        self.question_label.setText(summary.question or tr("Start processing batch request {id}?").format(
            id=summary.task_id))
        estimate = summary.estimate
        if estimate is not None:
            self.tiles_value.setText(tr("{count} tile(s)").format(count=f"{estimate.tile_count:,}"))
            self.estimate_value.setText(tr("{pu} PU before the batch discount").format(
                pu=format_pu(estimate.estimate_pu)))
            self.charged_value.setText(tr("{pu} PU charged").format(pu=format_pu(estimate.charged_pu)))
            self.billed_value.setText(tr("{pu} PU").format(pu=format_pu(estimate.billed_pu)))
        else:
            self.tiles_value.setText(tr("not known"))
            self.estimate_value.setText(summary.estimate_error or tr("No cost estimate is available."))
            self.charged_value.setText("–")
            self.billed_value.setText("–")
        self.limit_spin.setValue(summary.limit_pu)
        spent = bool(summary.spent_pu)
        self.spent_value.setText(tr("{cost} PU").format(cost=format_pu(summary.spent_pu)) if spent else "")
        self.spent_caption.setVisible(spent)
        self.spent_value.setVisible(spent)

    def _check_limit(self) -> None:
        estimate = self.summary.estimate
        if estimate is None:
            allowed, note = False, tr("Without an estimate nothing is started: the spending limit cannot be checked.")
        elif estimate.billed_pu > self.limit_pu:
            allowed = False
            note = tr("Above the spending limit of {limit} PU. Check the area, grid and resolution; if the cost is "
                      "intended, raise the limit for this run to at least {billed} PU.").format(
                limit=format_pu(self.limit_pu), billed=format_pu(estimate.billed_pu))
        else:
            allowed, note = True, ""
        self.start_button.setEnabled(allowed)
        self.limit_note_label.setStyleSheet(ERROR_STYLE if note else "")
        self.limit_note_label.setText(note)
        self.limit_note_label.setVisible(bool(note))


def confirm_start(summary: StartSummary, parent: Optional[QWidget] = None) -> Optional[float]:
    """The spending limit the user agreed to when they confirmed; None when they cancelled."""
    dialog = StartDialog(summary, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.limit_pu
