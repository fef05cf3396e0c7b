"""Settings: model packs, the code lists (import), audio device, LAN inference server,
retention, note template, lock, and the doctor's specialist/PhD flags (they change which
takster apply)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scribe.config import Settings, save_settings, with_section
from scribe.draft import Templates
from ui.context import Context
from ui.models_tab import ModelsTab
from ui.operations.practice import input_devices
from ui.setup_steps import CodeListsStep

if TYPE_CHECKING:
    from scribe.audio.capture import InputDevice


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new Settings

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Innstillinger")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.models_tab = ModelsTab(ctx, self.tabs)
        self.tabs.addTab(self.models_tab, "Modeller")
        self.codes_tab = CodeListsStep(ctx, self.tabs)
        self.tabs.addTab(self.codes_tab, "Kodeverk")
        self.tabs.addTab(self._engines_tab(), "Lyd og tjener")
        self.tabs.addTab(self._note_tab(), "Journal og personvern")
        self.tabs.addTab(self._doctor_tab(), "Lege")
        layout.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lagre")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load_devices()

    def _engines_tab(self) -> QWidget:
        s = self.ctx.settings
        page = QWidget(self)
        form = QFormLayout(page)
        self.device = QComboBox(page)
        self.device.addItem("Standard inngang", "")
        if s.audio.device:
            self.device.addItem(s.audio.device, s.audio.device)
            self.device.setCurrentIndex(1)
        form.addRow("Lydenhet:", self.device)
        packs = self.models_tab.models.packs()
        self.asr_model = self._combo(page, [p.id for p in packs if p.kind == "asr"],
                                     s.asr.model)
        self.llm_model = self._combo(page, [p.id for p in packs if p.kind == "llm"],
                                     s.llm.model)
        form.addRow("Talemodell:", self.asr_model)
        form.addRow("Språkmodell:", self.llm_model)
        self.server_url = QLineEdit(s.llm.server_url, page)
        self.server_url.setPlaceholderText("tom: innebygd modell; f.eks. http://192.168.1.20:8080")
        self.server_model = QLineEdit(s.llm.server_model, page)
        form.addRow("Inferenstjener på LAN:", self.server_url)
        form.addRow("Modell på tjeneren:", self.server_model)
        note = QLabel("Bare en tjener på praksisens eget nett er tillatt.", page)
        note.setWordWrap(True)
        form.addRow(note)
        return page

    def _note_tab(self) -> QWidget:
        s = self.ctx.settings
        page = QWidget(self)
        form = QFormLayout(page)
        names = Templates(s.templates_dir).note_names()
        self.template = self._combo(page, names, s.template)
        form.addRow("Notatmal:", self.template)
        self.retention = QSpinBox(page)
        self.retention.setRange(0, 3650)
        self.retention.setValue(s.retention_days)
        self.retention.setSuffix(" dager")
        self.retention.setToolTip("0: lyden slettes straks notatet er godkjent.")
        form.addRow("Slett lyd etter godkjenning:", self.retention)
        self.lock_after = QSpinBox(page)
        self.lock_after.setRange(0, 240)
        self.lock_after.setValue(s.lock_after_minutes)
        self.lock_after.setSuffix(" min")
        self.lock_after.setToolTip("0: lås aldri automatisk.")
        form.addRow("Lås etter inaktivitet:", self.lock_after)
        return page

    def _doctor_tab(self) -> QWidget:
        d = self.ctx.settings.doctor
        page = QWidget(self)
        form = QFormLayout(page)
        self.specialist = QCheckBox("Spesialist i allmennmedisin", page)
        self.specialist.setChecked(d.specialist_allmennmedisin)
        self.phd = QCheckBox("Doktorgrad (PhD)", page)
        self.phd.setChecked(d.phd)
        form.addRow(self.specialist)
        form.addRow(self.phd)
        form.addRow(QLabel("Brukes når takstene foreslås og kontrolleres.", page))
        return page

    @staticmethod
    def _combo(parent: QWidget, values: list[str], current: str) -> QComboBox:
        combo = QComboBox(parent)
        for value in dict.fromkeys([*values, current]):
            if value:
                combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _load_devices(self) -> None:
        def done(devices: list[InputDevice]) -> None:
            for dev in devices:
                if self.device.findData(dev.name) < 0:
                    self.device.addItem(dev.name, dev.name)
        input_devices(self.ctx).success(done).failure(lambda _e: None).run()

    def settings(self) -> Settings:
        s = self.ctx.settings
        s = with_section(s, "audio", device=str(self.device.currentData() or ""))
        s = with_section(s, "asr", model=str(self.asr_model.currentData() or s.asr.model))
        s = with_section(s, "llm", model=str(self.llm_model.currentData() or s.llm.model),
                         server_url=self.server_url.text().strip(),
                         server_model=self.server_model.text().strip())
        s = with_section(s, "doctor", specialist_allmennmedisin=self.specialist.isChecked(),
                         phd=self.phd.isChecked())
        return replace(s, template=str(self.template.currentData() or s.template),
                       retention_days=self.retention.value(),
                       lock_after_minutes=self.lock_after.value())

    def save(self) -> None:
        new = self.settings()
        try:
            save_settings(new)
        except OSError as exc:
            from scribe.errors import ConfigError
            self.ctx.present(ConfigError(f"Innstillingene kunne ikke lagres: {exc.strerror}."))
            return
        self.saved.emit(new)
        self.accept()
