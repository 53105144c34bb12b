"""Per-page string catalogs; ui.text merges them. Each module defines TEXT = {key: {"en": ..., "ko": ...}}."""
