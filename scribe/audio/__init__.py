"""Audio: capture, decoding, VAD-cut streaming transcription and speaker roles.

Importing this package loads neither sounddevice nor faster-whisper: ``capture`` imports
sounddevice and ``whisper_engine`` imports faster-whisper, each only when first used.

Wiring, in short::

    recorder = Recorder(SoundDeviceBackend(device), on_chunk=fan_out(store_sink, live.on_chunk))
    live = StreamingTranscriber(engine, on_segment=...)   # engine = load_engine(settings)
"""

from __future__ import annotations

SAMPLE_RATE = 16_000
"""Every buffer in this package is 16 kHz mono: int16 PCM bytes or float32 in -1..1."""
