"""The confirmation before a job is started (``ui/start_dialog.ui``): what it will cost, then Start or Cancel.

Both docks ask through :func:`confirm_start`; nothing is started unless the user presses *Start processing*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QWidget

from ..core.cost import MINIMUM_BILLED_PU
from ..services.i18n import tr
from ..services.preview import cost_figures, format_pu
from .forms import load_form

FORM_CLASS, _ = load_form("start_dialog.ui")


@dataclass
class StartSummary:
    """What is known about a job before it is started."""

    task_id: str
    tile_count: Optional[int] = None
    cost: Any = None
    """A ``core.cost.CostEstimate`` of the job's inputs, when one could be made."""
    spent_pu: float = 0.0
    """What the service reports as spent so far (a restarted job)."""


class StartDialog(QDialog, FORM_CLASS):
    """Asks before processing units are spent; Cancel is the default button."""

    def __init__(self, summary: StartSummary, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.setupUi(self)
        self.summary = summary
        start = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        start.setText(tr("Start processing"))
        start.setDefault(False)
        start.setAutoDefault(False)
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.button_box.accepted.connect(self.accept)
        self.button_box.rejected.connect(self.reject)
        self._show(summary)

    def _show(self, summary: StartSummary) -> None:
        self.question_label.setText(tr("Start processing batch request {id}?").format(id=summary.task_id))
        self.tiles_value.setText(tr("{count} tile(s)").format(count=summary.tile_count)
                                 if summary.tile_count is not None else tr("not known yet"))
        billed = MINIMUM_BILLED_PU
        if summary.cost is not None:
            estimate, charged, billed = cost_figures(summary.cost)
            self.charged_value.setText(tr("{charged} PU charged ({estimate} PU before the batch discount)").format(
                charged=format_pu(charged), estimate=format_pu(estimate)))
        else:
            self.charged_value.setText(tr("No cost estimate is available for the current inputs."))
        self.billed_value.setText(tr("{billed} PU").format(billed=format_pu(billed)))
        spent = bool(summary.spent_pu)
        self.spent_value.setText(tr("{cost} PU").format(cost=format_pu(summary.spent_pu)) if spent else "")
        self.spent_caption.setVisible(spent)
        self.spent_value.setVisible(spent)


def confirm_start(summary: StartSummary, parent: Optional[QWidget] = None) -> bool:
    """True when the user confirmed the start in the dialog."""
    return StartDialog(summary, parent).exec() == QDialog.DialogCode.Accepted
