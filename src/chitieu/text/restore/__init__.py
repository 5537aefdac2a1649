"""Restoration: text wrecked by OCR without a Vietnamese model, read back as Vietnamese.

``wreck`` makes (clean, wrecked) pairs the way archives made them — pages rendered and OCR'd with
Tesseract's English model — and ``scoring`` measures how far a reading is from the clean text, in
syllables. Both serve the tests and ``benchmarks/restore.py``.
"""
